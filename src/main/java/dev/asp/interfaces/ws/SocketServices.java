package dev.asp.interfaces.ws;

import java.util.concurrent.Executor;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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

    @Resource(lookup = "concurrent/aspSocketSends")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "ASP_MAX_ENVELOPE_BYTES", defaultValue = "65536")
    int maxEnvelopeBytes;

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

    Executor executor() {
        return executor;
    }

    static SocketServices current() {
        return CDI.current().select(SocketServices.class).get();
    }
}
