package dev.asp.interfaces.ws;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.security.DpopNonces;

/**
 * What a socket needs, as one bean: Liberty builds an endpoint that has its own configurator
 * outside CDI, where its {@code @Inject} fields fail, so each connection looks this up instead.
 * Accessors, not fields: the bean is reached through its client proxy.
 */
@ApplicationScoped
public class SocketServices {
    @Inject
    LiveHub hub;

    @Inject
    SocketAuthentication authentication;

    @Inject
    SessionService sessions;

    @Inject
    SessionQueries queries;

    @Inject
    DpopNonces nonces;

    @Inject
    OpenSockets sockets;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "ASP_WS_SEND_CONCURRENCY", defaultValue = "32")
    int sendConcurrency;

    @Inject
    @ConfigProperty(name = "ASP_MAX_ENVELOPE_BYTES", defaultValue = "65536")
    int maxEnvelopeBytes;

    /**
     * Where a send queued behind another of its session starts (one on an idle lane starts on the
     * thread that read it, {@link SendLanes}): outside Liberty's shared pool, whose threads the
     * transport's write completions need, since such a send may hold its thread for a transaction
     * of its own (a join, a COMMIT). Threads from the managed factory carry the application's
     * context once, instead of a managed executor capturing it for every task.
     */
    private ExecutorService sends;

    @PostConstruct
    void start() {
        sends = Executors.newFixedThreadPool(sendConcurrency, threads);
    }

    @PreDestroy
    void stop() {
        sends.shutdownNow();
    }

    LiveHub hub() {
        return hub;
    }

    SocketAuthentication authentication() {
        return authentication;
    }

    SessionService sessions() {
        return sessions;
    }

    SessionQueries queries() {
        return queries;
    }

    int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    DpopNonces nonces() {
        return nonces;
    }

    OpenSockets sockets() {
        return sockets;
    }

    Executor executor() {
        return sends;
    }

    static SocketServices current() {
        return CDI.current().select(SocketServices.class).get();
    }
}
