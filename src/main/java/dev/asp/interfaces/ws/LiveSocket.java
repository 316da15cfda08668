package dev.asp.interfaces.ws;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Performative;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.security.DpopException;

/**
 * Spec 4.8, {@code /v1/asp/ws}: one connection multiplexes up to 100 sessions. Authenticated at
 * the upgrade (Authorization/DPoP headers) or by a first {@code auth} frame; any other frame
 * before that closes the socket with 1008. Then {@code subscribe} (replay after a seq, then live),
 * {@code unsubscribe} and {@code send} (answered with {@code ack} or {@code error}). Like a REST
 * resource it only translates: the session service decides.
 */
@ServerEndpoint(value = SocketFrames.PATH, configurator = UpgradeRequest.class)
public class LiveSocket {
    static final int MAX_SESSIONS = 100;
    /** An unauthenticated socket is closed after this idle time, so nobody parks sockets for free. */
    private static final long AUTH_DEADLINE_MILLIS = 30_000;

    @Inject
    LiveHub hub;

    @Inject
    SocketAuthentication authentication;

    @Inject
    SessionService sessions;

    @Inject
    SessionQueries queries;

    @Inject
    @ConfigProperty(name = "ASP_MAX_ENVELOPE_BYTES", defaultValue = "65536")
    int maxEnvelopeBytes;

    private SocketConnection connection;
    private UpgradeRequest.Captured upgrade;
    private Caller.AgentCaller caller;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        upgrade = (UpgradeRequest.Captured) config.getUserProperties().get(UpgradeRequest.KEY);
        connection = new SocketConnection(hub, session);
        session.setMaxTextMessageBufferSize(maxEnvelopeBytes + 16_384);
        if (upgrade != null && upgrade.authorization() != null) {
            authenticate(() -> authentication.authenticate(upgrade.authorization(), upgrade.dpop(), upgrade.url()), session);
        } else {
            session.setMaxIdleTimeout(AUTH_DEADLINE_MILLIS);
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        JsonObject frame;
        try {
            frame = Jsonp.parse(text);
        } catch (JsonException | ClassCastException e) {
            if (caller == null) {
                connection.refuse(null, "authenticate first");
            } else {
                connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED, "a frame is a JSON object"));
            }
            return;
        }
        String type = string(frame, "type");
        if (caller == null) {
            if ("auth".equals(type) && upgrade != null && upgrade.authorization() == null) {
                authenticate(() -> authentication.token(string(frame, "token"), string(frame, "dpop"), upgrade.url()), session);
            } else {
                connection.refuse(null, "authenticate first");
            }
            return;
        }
        switch (type == null ? "" : type) {
            case "subscribe" -> subscribe(frame);
            case "unsubscribe" -> unsubscribe(frame);
            case "send" -> send(frame);
            case "auth" -> connection.send(SocketFrames.error(null, null, ProblemCode.NOT_ALLOWED, "this connection is authenticated already"));
            default -> connection.send(SocketFrames.error(null, null, ProblemCode.MALFORMED,
                    "\"type\" must be subscribe, unsubscribe or send"));
        }
    }

    @OnClose
    public void closed(Session session) {
        if (connection != null) {
            connection.close("closed by the client");
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        if (connection != null) {
            connection.close("the connection failed");
        }
    }

    private interface Credentials {
        Caller.AgentCaller check();
    }

    private void authenticate(Credentials credentials, Session session) {
        try {
            caller = credentials.check();
        } catch (DpopException | DomainException e) {
            connection.refuse(SocketFrames.error(null, null, e), "authentication failed");
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

    private void send(JsonObject frame) {
        String id = null;
        String sessionId = null;
        try {
            if (!(frame.get("envelope") instanceof JsonObject json)) {
                throw DomainException.malformed("send needs an \"envelope\" object");
            }
            id = string(json, "id");
            sessionId = string(json, "sessionId");
            if (json.toString().getBytes(StandardCharsets.UTF_8).length > maxEnvelopeBytes) {
                throw new DomainException(ProblemCode.PAYLOAD_TOO_LARGE, "an envelope may be at most " + maxEnvelopeBytes + " bytes");
            }
            Envelope envelope = Envelope.parse(json);
            SessionService.Stored stored = envelope.performative() == Performative.INVITE
                    ? sessions.open(envelope, caller)
                    : sessions.send(envelope.sessionId(), envelope, caller);
            connection.send(SocketFrames.ack(stored));
        } catch (RuntimeException e) {
            connection.send(SocketFrames.error(id, sessionId, e));
        }
    }

    private static long after(JsonObject frame) {
        JsonValue v = frame.get("after");
        if (v == null || v == JsonValue.NULL) {
            return 0;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw DomainException.malformed("\"after\" must be a seq (a whole number, 0 or more)");
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
