package dev.asp.interfaces.rest.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveHub;

/** Spec 4.7: the SSE form of a session's messages — replay after Last-Event-ID (or {@code after}), then live. */
@ApplicationScoped
public class SessionStreams {
    @Inject
    LiveHub hub;

    @Inject
    SessionQueries queries;

    /** How long a stream stays open after its session closed, for the other participants' final CLOSEs (4.5). */
    @Inject
    @ConfigProperty(name = "ASP_SSE_CLOSED_GRACE_SECONDS", defaultValue = "10")
    long closedGraceSeconds;

    public void open(String sessionId, long after, Caller caller, SseEventSink sink, Sse sse) {
        if (after < 0) {
            throw DomainException.malformed("\"after\" must not be negative");
        }
        boolean closed = queries.session(sessionId, caller).state() == SessionState.CLOSED;
        SseStream stream = new SseStream(hub, sink, sse, sessionId, closed, closedGraceSeconds);
        // a comment at once commits the response: the client sees 200 before the first message, not up to 15 s later
        stream.send(new Frame.Heartbeat());
        hub.subscribe(stream, sessionId, after);
    }

    /** A reconnecting EventSource sends the last id it saw; it wins over the {@code after} it first asked for. */
    static long resumeAfter(String lastEventId, long after) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return after;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw DomainException.malformed("Last-Event-ID must be a message seq");
        }
    }
}
