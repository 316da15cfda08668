package dev.asp.interfaces.ws;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.infrastructure.pubsub.AnnouncementsMissed;

/**
 * This server's WebSockets, so that none outlives its credentials (spec 4.8): a sweep a second
 * ends those whose token expired and those not authenticated within 10 s, and a withdrawal (a key
 * retired or revoked, an agent suspended — here after the commit, or announced by another server)
 * ends the agent's connections on it at once; when announcements may have been missed, every
 * connection's standing is read again. The frames themselves only compare an instant and
 * read a flag ({@link SocketProtocol}): no lookup per frame.
 */
@ApplicationScoped
public class OpenSockets {
    private static final Logger LOG = Logger.getLogger(OpenSockets.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;

    @Inject
    Clock clock;

    @Inject
    SocketAuthentication authentication;

    private final Set<SocketProtocol> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<SocketProtocol>> byAgent = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        sweeping = executor.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }

    void opened(SocketProtocol p) {
        open.add(p);
    }

    void authenticated(SocketProtocol p, String agentId) {
        byAgent.computeIfAbsent(agentId, a -> ConcurrentHashMap.newKeySet()).add(p);
    }

    void closed(SocketProtocol p, String agentId) {
        open.remove(p);
        if (agentId != null) {
            byAgent.computeIfPresent(agentId, (a, set) -> {
                set.remove(p);
                return set.isEmpty() ? null : set;
            });
        }
    }

    void withdrawn(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsWithdrawn withdrawn) {
        Set<SocketProtocol> sockets = byAgent.get(withdrawn.agentId());
        if (sockets != null) {
            sockets.forEach(p -> p.withdraw(withdrawn));
        }
    }

    /** Withdrawals announced while the listener was away were not heard: every socket's standing is read again. */
    void recheck(@Observes AnnouncementsMissed missed) {
        if (byAgent.isEmpty()) {
            return;
        }
        // off the listener's thread, which would otherwise wait for a query per agent
        executor.execute(() -> byAgent.forEach((agentId, sockets) -> {
            try {
                var standing = authentication.standing(agentId);
                sockets.forEach(p -> p.recheck(standing));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read the standing of " + agentId + " again", e);
            }
        }));
    }

    Clock clock() {
        return clock;
    }

    private void sweep() {
        long nanos = System.nanoTime();
        long millis = clock.millis();
        for (SocketProtocol p : open) {
            try {
                p.sweep(nanos, millis);
            } catch (RuntimeException e) {
                // one connection's trouble must not end the sweep (a failing periodic task is never run again)
                LOG.log(Level.WARNING, "checking a WebSocket's credentials failed", e);
            }
        }
    }
}
