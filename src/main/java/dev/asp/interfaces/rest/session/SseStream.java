package dev.asp.interfaces.rest.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveEvents;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.pubsub.Subscriber;

/**
 * One SSE stream of one session (spec 4.7): event {@code message} with {@code id} = seq and the
 * envelope exactly as stored, event {@code event} (no id) with the WebSocket event frame's JSON,
 * comment heartbeats. When the session closes, the stream stays for a grace period to carry the
 * other participants' final CLOSEs, then ends with the event {@code end}; a stream opened on a
 * closed session ends right after its replay. A client that reconnects with Last-Event-ID still
 * gets whatever came later.
 */
final class SseStream extends Subscriber {
    private final SseEventSink sink;
    private final Sse sse;
    private final String sessionId;
    private final boolean closedAtStart;
    private final long closedGraceSeconds;
    private final AtomicBoolean ending = new AtomicBoolean();

    SseStream(LiveHub hub, SseEventSink sink, Sse sse, String sessionId, boolean closedAtStart, long closedGraceSeconds) {
        super(hub);
        this.sink = sink;
        this.sse = sse;
        this.sessionId = sessionId;
        this.closedAtStart = closedAtStart;
        this.closedGraceSeconds = closedGraceSeconds;
    }

    @Override
    protected CompletionStage<?> transmit(Frame frame) {
        if (sink.isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client went away"));
        }
        return sink.send(event(frame));
    }

    private OutboundSseEvent event(Frame frame) {
        OutboundSseEvent.Builder b = sse.newEventBuilder();
        if (frame instanceof Frame.Message m) {
            return b.name("message").id(Long.toString(m.seq())).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, m.envelope()).build();
        }
        if (frame instanceof Frame.Event e) {
            if (LiveEvents.closesSession(e)) {
                endIn(closedGraceSeconds);
            }
            return b.name("event").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, e.json().toString()).build();
        }
        if (frame instanceof Frame.End end) {
            String json = Jsonp.object().add("type", "event").add("sessionId", sessionId).add("event", "end").add("reason", end.reason())
                    .build().toString();
            return b.name("event").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, json).build();
        }
        return b.comment("heartbeat").build();
    }

    @Override
    protected void replayed(String id) {
        if (closedAtStart) {
            endIn(0);
        }
    }

    private void endIn(long seconds) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        Runnable end = () -> send(new Frame.End("the session is closed"));
        if (seconds == 0) {
            end.run();
        } else {
            hub().executor().schedule(end, seconds, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void terminate(String reason, boolean overflow) {
        sink.close();
    }
}
