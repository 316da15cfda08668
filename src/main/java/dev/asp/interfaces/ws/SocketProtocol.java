package dev.asp.interfaces.ws;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import dev.asp.application.identity.AgentAuthenticator;
import dev.asp.application.identity.AgentKeyCache;
import dev.asp.application.identity.Caller;
import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Performative;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.IJson;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.security.DpopException;
import dev.asp.infrastructure.security.DpopNonces;

/**
 * One connection's side of spec 4.8: authentication state, the sessions it follows, and the
 * answer to each frame. One per connection, kept in the WebSocket session's user properties, so
 * the endpoint object only dispatches.
 */
final class SocketProtocol {
    static final int MAX_SESSIONS = 100;
    /** Spec 4.8: a connection not authenticated this long after opening is closed, whatever it sent (pings included). */
    private static final long AUTH_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * What the connection stands on (spec 4.8): the agent, the registered key its token is bound
     * to (null for a token obtained with an API key, which no key status ends) and the token's expiry.
     */
    private record Credentials(Caller.AgentCaller caller, String kid, long expiresAtMillis) {
        static Credentials of(AgentAuthenticator.Authenticated a) {
            return new Credentials(a.caller(), a.boundKid(), a.token().expiresAt().toEpochMilli());
        }
    }

    private final Session session;
    private final LiveHub hub;
    private final SocketAuthentication authentication;
    private final SessionService sessions;
    private final SessionQueries queries;
    private final int maxEnvelopeBytes;
    private final DpopNonces nonces;
    private final OpenSockets sockets;
    private final Clock clock;
    private final SocketConnection connection;
    private final UpgradeRequest.Captured upgrade;
    private final SendLanes lanes;
    private final long openedAt = System.nanoTime();
    private volatile Credentials credentials;
    /** Why the credentials ended; once set, the connection is closing and answers nothing more. */
    private final AtomicReference<String> ended = new AtomicReference<>();

    SocketProtocol(Session session, EndpointConfig config) {
        SocketServices services = SocketServices.current();
        this.session = session;
        this.hub = services.hub();
        this.authentication = services.authentication();
        this.sessions = services.sessions();
        this.queries = services.queries();
        this.maxEnvelopeBytes = services.maxEnvelopeBytes();
        this.nonces = services.nonces();
        this.sockets = services.sockets();
        this.clock = sockets.clock();
        this.upgrade = (UpgradeRequest.Captured) config.getUserProperties().get(UpgradeRequest.KEY);
        this.connection = new SocketConnection(hub, session);
        this.lanes = new SendLanes(services.executor());
        session.setMaxTextMessageBufferSize(maxEnvelopeBytes + 16_384);
        // not the container's idle timeout: the 10 s to authenticate count pings too, and an authenticated socket may stay quiet
        session.setMaxIdleTimeout(0);
        sockets.opened(this);
        if (upgrade != null && upgrade.authorization() != null) {
            authenticate(() -> authentication.authenticate(upgrade.authorization(), upgrade.dpop(), upgrade.url()));
        }
    }

    void message(String text) {
        if (ended.get() != null) {
            return;
        }
        JsonObject frame;
        try {
            frame = IJson.object(text); // spec 10: frames are I-JSON like every other input
        } catch (IJson.NotIJson e) {
            if (credentials == null) {
                connection.refuse(null, "authenticate first");
            } else {
                connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED, "a frame is an I-JSON object: " + e.getMessage()));
            }
            return;
        }
        String type = string(frame, "type");
        Credentials current = credentials;
        if (current == null) {
            if ("auth".equals(type) && upgrade != null && upgrade.authorization() == null) {
                authenticate(() -> authentication.token(string(frame, "token"), string(frame, "dpop"), upgrade.url()));
            } else {
                connection.refuse(null, "authenticate first");
            }
            return;
        }
        // spec 4.8: every frame is checked against the token's expiry (and, through ended, the key's and agent's status)
        if (clock.millis() >= current.expiresAtMillis()) {
            end("the access token has expired");
            return;
        }
        switch (type == null ? "" : type) {
            case "subscribe" -> subscribe(frame, current.caller());
            case "unsubscribe" -> unsubscribe(frame);
            case "send" -> send(frame, text, current.caller());
            case "auth" -> reauthenticate(frame, current);
            default -> connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED,
                    "\"type\" must be subscribe, unsubscribe, send or auth"));
        }
    }

    void closed(String reason) {
        connection.close(reason);
        Credentials c = credentials;
        sockets.closed(this, c == null ? null : c.caller().agentId());
    }

    /** A key was retired or revoked, or the agent suspended (spec 4.8): ends the connection if it stood on that. */
    void withdraw(CredentialsWithdrawn withdrawn) {
        Credentials c = credentials;
        if (c != null && withdrawn.ends(c.kid())) {
            end(withdrawn.reason());
        }
    }

    /** The agent's standing as read again ({@link OpenSockets#recheck}): ends the connection if it no longer stands. */
    void recheck(Optional<AgentKeyCache.Standing> standing) {
        Credentials c = credentials;
        if (c == null) {
            return;
        }
        if (standing.isEmpty() || !standing.get().canAct()) {
            end("the agent " + c.caller().agentId() + " can no longer act");
        } else if (c.kid() != null && !standing.get().hasActiveKey(c.kid())) {
            end("the key " + c.kid() + " is no longer active");
        }
    }

    /** Once a second ({@link OpenSockets}): the token's expiry and the time left to authenticate. */
    void sweep(long nowNanos, long nowMillis) {
        Credentials c = credentials;
        if (c == null) {
            if (nowNanos - openedAt >= AUTH_DEADLINE_NANOS) {
                end("not authenticated within " + TimeUnit.NANOSECONDS.toSeconds(AUTH_DEADLINE_NANOS) + " s of opening");
            }
        } else if (nowMillis >= c.expiresAtMillis()) {
            end("the access token has expired");
        }
    }

    /** An error frame naming why, as HTTP would refuse the same credentials (401 invalid_token), then 1008. */
    private void end(String reason) {
        if (ended.compareAndSet(null, reason)) {
            connection.refuse(SocketFrames.error(null, null, DpopException.token(reason)), reason);
        }
    }

    private interface Check {
        AgentAuthenticator.Authenticated run();
    }

    private void authenticate(Check check) {
        Credentials c;
        try {
            c = Credentials.of(check.run());
        } catch (RuntimeException e) {
            connection.refuse(refusal(e), "authentication failed");
            return;
        }
        credentials = c;
        sockets.authenticated(this, c.caller().agentId());
        hub.attach(connection);
        connection.send(SocketFrames.authenticated(c.caller().agentId()));
    }

    /**
     * Spec 4.8: before its token expires a connection moves onto a fresh one of the same agent. A
     * refused renewal leaves it on the token it has (it is still valid), so the client may retry.
     */
    private void reauthenticate(JsonObject frame, Credentials current) {
        Credentials next;
        try {
            next = Credentials.of(authentication.token(string(frame, "token"), string(frame, "dpop"), upgrade.url()));
        } catch (RuntimeException e) {
            connection.send(refusal(e));
            return;
        }
        String agentId = current.caller().agentId();
        if (!next.caller().agentId().equals(agentId)) {
            connection.send(SocketFrames.error(null, null, ProblemCode.NOT_ALLOWED,
                    "this connection belongs to " + agentId + "; a token of another agent needs a connection of its own"));
            return;
        }
        credentials = next;
        connection.send(SocketFrames.authenticated(agentId));
    }

    // RFC 9449 §9: where nonces are required, the refusal says which to use on the next attempt
    private Frame.Reply refusal(RuntimeException e) {
        return nonces.required() ? SocketFrames.error(e, nonces.current()) : SocketFrames.error(null, null, e);
    }

    private void subscribe(JsonObject frame, Caller.AgentCaller caller) {
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

    private void send(JsonObject frame, String text, Caller.AgentCaller caller) {
        JsonObject envelope = frame.get("envelope") instanceof JsonObject json ? json : null;
        String id = envelope == null ? null : string(envelope, "id");
        String sessionId = envelope == null ? null : string(envelope, "sessionId");
        if (!lanes.submit(sessionId == null ? "" : sessionId, () -> process(envelope, text, caller).handle((stored, failed) -> {
            connection.send(failed == null ? SocketFrames.ack(stored) : SocketFrames.error(id, sessionId, unwrapped(failed)));
            return null;
        }))) {
            connection.send(SocketFrames.error(id, sessionId, ProblemCode.UNAVAILABLE,
                    SendLanes.MAX_IN_FLIGHT + " sends on this connection are unanswered; wait for their acks"));
        }
    }

    /** Starts one send: checked here, stored when the stage completes (or refused by failing it). */
    private CompletableFuture<SessionService.Stored> process(JsonObject json, String text, Caller.AgentCaller caller) {
        try {
            String why = ended.get();
            if (why != null) {
                throw DpopException.token(why); // queued behind another send when the credentials ended
            }
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
        // read exactly: 2^64 + 1 must be refused, not wrapped to seq 1 (spec 10: integers within their range)
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < Long.SIZE && n.longValue() >= 0) {
            return n.longValue();
        }
        throw DomainException.malformed("\"after\" must be a seq (a whole number from 0 to 2^63-1)");
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
