package dev.asp.infrastructure.pubsub;

import java.util.Collection;
import java.util.List;
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
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's live consumers by session, and the fan-out of committed frames to them. Fan-out
 * only hands frames to each recipient's own bounded mailbox, so a publisher never waits for a
 * consumer; replays and heartbeats run on the managed executor, and so do sends, except those a
 * consumer's transport only starts (a WebSocket's), which the queuing thread starts itself.
 */
@ApplicationScoped
public class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService executor;

    @Inject
    TranscriptReader reader;

    /** Undelivered frames a consumer may owe before it is dropped as too slow. */
    @Inject
    @ConfigProperty(name = "ASP_LIVE_BUFFER", defaultValue = "256")
    int capacity;

    /** Spec 4.7: a heartbeat whenever this many seconds pass without an event. */
    @Inject
    @ConfigProperty(name = "ASP_LIVE_HEARTBEAT_SECONDS", defaultValue = "15")
    int heartbeatSeconds;

    private Transcripts transcripts;
    private final ConcurrentHashMap<String, Set<Recipient>> bySession = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> heartbeats;

    protected LiveHub() {
    }

    /** A hub outside the container (unit tests). */
    public LiveHub(ScheduledExecutorService executor, Transcripts transcripts, int capacity, int heartbeatSeconds) {
        this.executor = executor;
        this.transcripts = transcripts;
        this.capacity = capacity;
        this.heartbeatSeconds = heartbeatSeconds;
        start();
    }

    @PostConstruct
    void start() {
        if (transcripts == null) {
            transcripts = reader;
        }
        // One sweep a second decides per consumer, so a heartbeat follows 15-16 s of silence.
        heartbeats = executor.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        List.copyOf(subscribers).forEach(s -> s.close("the server is stopping"));
    }

    /** Counts a consumer that follows nothing yet (a fresh WebSocket), so it gets heartbeats too. */
    public void attach(Subscriber s) {
        if (!s.isClosed()) {
            subscribers.add(s);
        }
    }

    /** Follows {@code sessionId} after {@code after}: registered first, then replayed, so nothing falls between. */
    public void subscribe(Subscriber s, String sessionId, long after) {
        if (!s.follow(sessionId, after)) {
            return;
        }
        subscribers.add(s);
        join(s, sessionId);
        if (s.isClosed()) {
            leave(s, sessionId);
            return;
        }
        s.startReplay(sessionId);
    }

    public void unsubscribe(Subscriber s, String sessionId) {
        s.unfollow(sessionId);
        leave(s, sessionId);
    }

    /** Registers a recipient that is not a subscriber (a waiting long-poll). */
    public void join(Recipient r, String sessionId) {
        bySession.compute(sessionId, (id, set) -> {
            Set<Recipient> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(r);
            return s;
        });
    }

    public void leave(Recipient r, String sessionId) {
        bySession.computeIfPresent(sessionId, (id, set) -> {
            set.remove(r);
            return set.isEmpty() ? null : set;
        });
    }

    public boolean hasRecipients(String sessionId) {
        return bySession.containsKey(sessionId);
    }

    /** Committed frames of one append (messages in seq order, then events) to everyone following the session here. */
    public void publish(String sessionId, List<? extends Frame> frames) {
        Set<Recipient> recipients = bySession.get(sessionId);
        if (recipients == null || frames.isEmpty()) {
            return;
        }
        for (Recipient r : recipients) {
            try {
                r.offer(sessionId, frames);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a live recipient refused frames of " + sessionId, e);
            }
        }
    }

    /** Every followed session re-reads its transcript (after notifications may have been missed). */
    public void resyncAll() {
        bySession.forEach((sessionId, recipients) -> recipients.forEach(r -> r.resync(sessionId)));
    }

    void drop(Subscriber s, Collection<String> sessionIds) {
        sessionIds.forEach(id -> leave(s, id));
        subscribers.remove(s);
    }

    private void sweep() {
        long now = System.nanoTime();
        long idle = TimeUnit.SECONDS.toNanos(heartbeatSeconds);
        for (Subscriber s : subscribers) {
            try {
                s.heartbeatIfIdle(now, idle);
            } catch (RuntimeException e) {
                // one consumer's trouble must not end the sweep (a failing periodic task is never run again)
                LOG.log(Level.WARNING, "heartbeat failed", e);
            }
        }
    }

    public int capacity() {
        return capacity;
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    Transcripts transcripts() {
        return transcripts;
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
