package dev.asp.interfaces.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.pubsub.Subscriber;

/**
 * One WebSocket as a live consumer (spec 4.8): every frame — pushes, acks, errors — goes through
 * the bounded mailbox and one send at a time, so a client that stops reading is closed with 1013
 * instead of piling up sends.
 */
final class SocketConnection extends Subscriber {
    /** A send the client does not take within this time fails, and the connection with it. */
    private static final long SEND_TIMEOUT_MILLIS = 30_000;

    private final Session session;
    private volatile boolean violation;

    SocketConnection(LiveHub hub, Session session) {
        super(hub);
        this.session = session;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
    }

    /** Sends {@code last} (if any), then closes with 1008: the client broke the protocol (spec 4.8). */
    void refuse(Frame.Reply last, String reason) {
        violation = true;
        if (last != null) {
            send(last);
        }
        if (!send(new Frame.End(reason))) {
            close(reason);
        }
    }

    /** Pings and closes, which may block on a client that stopped reading, run on the executor. */
    @Override
    protected boolean transmitsWithoutBlocking() {
        return true;
    }

    @Override
    protected CompletionStage<?> transmit(Frame frame) {
        if (frame instanceof Frame.Heartbeat) {
            return CompletableFuture.runAsync(() -> {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, hub().executor());
        }
        if (frame instanceof Frame.End end) {
            return CompletableFuture.runAsync(() -> terminate(end.reason(), false), hub().executor());
        }
        // Completed by the transport's callback. (Waiting for the send's Future on the pump's thread
        // was faster under load, but starved the shared pool with 10,000 connections: measured.)
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.getAsyncRemote().sendText(text(frame), result -> {
            if (result.isOK()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(result.getException());
            }
        });
        return sent;
    }

    private static String text(Frame frame) {
        if (frame instanceof Frame.Message m) {
            // the envelope goes in exactly as stored, so clients can recompute its hash (spec 4.7)
            return "{\"type\":\"message\",\"sessionId\":" + Jsonp.value(m.sessionId()) + ",\"envelope\":" + m.envelope() + "}";
        }
        if (frame instanceof Frame.Event e) {
            return e.json().toString();
        }
        return ((Frame.Reply) frame).json();
    }

    @Override
    protected void terminate(String reason, boolean overflow) {
        if (!session.isOpen()) {
            return;
        }
        CloseReason.CloseCode code = overflow ? CloseReason.CloseCodes.TRY_AGAIN_LATER
                : violation ? CloseReason.CloseCodes.VIOLATED_POLICY : CloseReason.CloseCodes.NORMAL_CLOSURE;
        try {
            session.close(new CloseReason(code, phrase(reason)));
        } catch (IOException | IllegalStateException e) {
            // already going away
        }
    }

    /** RFC 6455 §5.5: a close frame's reason fits in 123 bytes. */
    static String phrase(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        String cut = new String(bytes, 0, 120, StandardCharsets.UTF_8);
        while (cut.getBytes(StandardCharsets.UTF_8).length > 120) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
