package dev.asp.interfaces.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Performative;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.IJson;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.security.DpopNonces;

/**
 * One connection's side of spec 4.8: authentication state, the sessions it follows, and the
 * answer to each frame. One per connection, kept in the WebSocket session's user properties, so
 * the endpoint object only dispatches.
 */
final class SocketProtocol {
    static final int MAX_SESSIONS = 100;
    /** An unauthenticated socket is closed after this idle time, so nobody parks sockets for free. */
    private static final long AUTH_DEADLINE_MILLIS = 30_000;

    private final Session session;
    private final LiveHub hub;
    private final SocketAuthentication authentication;
    private final SessionService sessions;
    private final SessionQueries queries;
    private final int maxEnvelopeBytes;
    private final DpopNonces nonces;
    private final SocketConnection connection;
    private final UpgradeRequest.Captured upgrade;
    private final SendLanes lanes;
    private volatile Caller.AgentCaller caller;

    SocketProtocol(Session session, EndpointConfig config) {
        SocketServices services = SocketServices.current();
        this.session = session;
        this.hub = services.hub();
        this.authentication = services.authentication();
        this.sessions = services.sessions();
        this.queries = services.queries();
        this.maxEnvelopeBytes = services.maxEnvelopeBytes();
        this.nonces = services.nonces();
        this.upgrade = (UpgradeRequest.Captured) config.getUserProperties().get(UpgradeRequest.KEY);
        this.connection = new SocketConnection(hub, session);
        this.lanes = new SendLanes(services.executor());
        session.setMaxTextMessageBufferSize(maxEnvelopeBytes + 16_384);
        if (upgrade != null && upgrade.authorization() != null) {
            authenticate(() -> authentication.authenticate(upgrade.authorization(), upgrade.dpop(), upgrade.url()));
        } else {
            session.setMaxIdleTimeout(AUTH_DEADLINE_MILLIS);
        }
    }

    void message(String text) {
        JsonObject frame;
        try {
            frame = IJson.object(text); // spec 10: frames are I-JSON like every other input
        } catch (IJson.NotIJson e) {
            if (caller == null) {
                connection.refuse(null, "authenticate first");
            } else {
                connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED, "a frame is an I-JSON object: " + e.getMessage()));
            }
            return;
        }
        String type = string(frame, "type");
        if (caller == null) {
            if ("auth".equals(type) && upgrade != null && upgrade.authorization() == null) {
                authenticate(() -> authentication.token(string(frame, "token"), string(frame, "dpop"), upgrade.url()));
            } else {
                connection.refuse(null, "authenticate first");
            }
            return;
        }
        switch (type == null ? "" : type) {
            case "subscribe" -> subscribe(frame);
            case "unsubscribe" -> unsubscribe(frame);
            case "send" -> send(frame, text);
            case "auth" -> connection.send(SocketFrames.error(null, null, ProblemCode.NOT_ALLOWED, "this connection is authenticated already"));
            default -> connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED,
                    "\"type\" must be subscribe, unsubscribe or send"));
        }
    }

    void closed(String reason) {
        connection.close(reason);
    }

    private interface Credentials {
        Caller.AgentCaller check();
    }

    private void authenticate(Credentials credentials) {
        try {
            caller = credentials.check();
        } catch (RuntimeException e) {
            // RFC 9449 §9: where nonces are required, the refusal says which to use on the next attempt
            connection.refuse(nonces.required() ? SocketFrames.error(e, nonces.current()) : SocketFrames.error(null, null, e),
                    "authentication failed");
            return;
        }
        session.setMaxIdleTimeout(0);
        hub.attach(connection);
        connection.send(SocketFrames.authenticated(caller.agentId()));
    }

    private void subscribe(JsonObject frame) {
        String sessionId = string(frame, "sessionId");
        try {
            if (sessionId == null) {
                throw DomainException.malformed("subscribe needs a \"sessionId\"");
            }
            long after = after(frame);
            if (!connection.follows(sessionId) && connection.following() >= MAX_SESSIONS) {
                throw DomainException.notAllowed("a connection follows at most " + MAX_SESSIONS + " sessions");
            }
            queries.session(sessionId, caller);
            if (connection.follows(sessionId)) {
                hub.unsubscribe(connection, sessionId); // a repeated subscribe starts over from its after
            }
            connection.send(SocketFrames.subscribed(sessionId, after));
            hub.subscribe(connection, sessionId, after);
        } catch (RuntimeException e) {
            connection.send(SocketFrames.error(null, sessionId, e));
        }
    }

    private void unsubscribe(JsonObject frame) {
        String sessionId = string(frame, "sessionId");
        if (sessionId == null) {
            connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED, "unsubscribe needs a \"sessionId\""));
            return;
        }
        hub.unsubscribe(connection, sessionId);
        connection.send(SocketFrames.unsubscribed(sessionId));
    }

    private void send(JsonObject frame, String text) {
        JsonObject envelope = frame.get("envelope") instanceof JsonObject json ? json : null;
        String id = envelope == null ? null : string(envelope, "id");
        String sessionId = envelope == null ? null : string(envelope, "sessionId");
        if (!lanes.submit(sessionId == null ? "" : sessionId, () -> process(envelope, text).handle((stored, failed) -> {
            connection.send(failed == null ? SocketFrames.ack(stored) : SocketFrames.error(id, sessionId, unwrapped(failed)));
            return null;
        }))) {
            connection.send(SocketFrames.error(id, sessionId, ProblemCode.UNAVAILABLE,
                    SendLanes.MAX_IN_FLIGHT + " sends on this connection are unanswered; wait for their acks"));
        }
    }

    /** Starts one send: checked here, stored when the stage completes (or refused by failing it). */
    private CompletableFuture<SessionService.Stored> process(JsonObject json, String text) {
        try {
            if (json == null) {
                throw DomainException.malformed("send needs an \"envelope\" object");
            }
            // the frame holds the envelope as sent: within the limit, it need not be serialized to be measured
            if (!Envelope.fits(text, maxEnvelopeBytes)) {
                Envelope.requireFits(json.toString(), maxEnvelopeBytes);
            }
            Envelope envelope = Envelope.parse(json);
            return envelope.performative() == Performative.INVITE
                    ? CompletableFuture.completedFuture(sessions.open(envelope, caller))
                    : sessions.send(envelope.sessionId(), envelope, caller, null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static RuntimeException unwrapped(Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    private static long after(JsonObject frame) {
        JsonValue v = frame.get("after");
        if (v == null || v == JsonValue.NULL) {
            return 0;
        }
        // longValueExact: 2^64 + 1 must be refused, not wrapped to seq 1 (spec 10: integers within their range)
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < Long.SIZE && n.longValue() >= 0) {
            return n.longValue();
        }
        throw DomainException.malformed("\"after\" must be a seq (a whole number from 0 to 2^63-1)");
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
