package dev.asp.interfaces.ws;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Spec 4.8, {@code /v1/asp/ws}: one connection multiplexes up to 100 sessions. Authenticated at
 * the upgrade (Authorization/DPoP headers) or by a first {@code auth} frame; any other frame
 * before that closes the socket with 1008. Then {@code subscribe} (replay after a seq, then live),
 * {@code unsubscribe} and {@code send} (answered with {@code ack} or {@code error}). Like a REST
 * resource it only translates; {@link SocketProtocol} holds the connection's state.
 */
@ServerEndpoint(value = SocketFrames.PATH, configurator = UpgradeRequest.class)
public class LiveSocket {
    private static final Logger LOG = Logger.getLogger(LiveSocket.class.getName());
    private static final String PROTOCOL = "asp.protocol";

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        try {
            session.getUserProperties().put(PROTOCOL, new SocketProtocol(session, config));
        } catch (RuntimeException e) {
            // Liberty drops exceptions from OnOpen silently, leaving a socket that answers nothing
            LOG.log(Level.SEVERE, "could not set up a WebSocket connection", e);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error"));
            } catch (IOException closing) {
                LOG.log(Level.FINE, "closing the failed WebSocket", closing);
            }
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        SocketProtocol p = protocol(session);
        if (p != null) {
            p.message(text);
        }
    }

    @OnClose
    public void closed(Session session) {
        SocketProtocol p = protocol(session);
        if (p != null) {
            p.closed("closed by the client");
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        // a vanished client is routine; anything else is a fault of ours
        LOG.log(error instanceof IOException ? Level.FINE : Level.WARNING, "WebSocket failure", error);
        SocketProtocol p = protocol(session);
        if (p != null) {
            p.closed("the connection failed");
        }
    }

    private static SocketProtocol protocol(Session session) {
        return (SocketProtocol) session.getUserProperties().get(PROTOCOL);
    }
}
