package dev.asp.infrastructure.pubsub;

import jakarta.json.JsonObject;

/** What a live consumer is sent, in order: committed messages, session events, and its adapter's own frames. */
public sealed interface Frame {

    /** A committed message: the envelope exactly as stored (spec 4.7: served as signed). */
    record Message(String sessionId, long seq, String envelope) implements Frame {
    }

    /** A session event ({@code {"type":"event","sessionId",…}}); carries no seq of its own. */
    record Event(String sessionId, JsonObject json) implements Frame {
    }

    /** A frame an adapter answers with (a WebSocket ack or error), queued behind what it already owes. */
    record Reply(String json) implements Frame {
    }

    /** Keeps an idle stream open through proxies and finds dead peers (spec 4.7: every 15 s without events). */
    record Heartbeat() implements Frame {
    }

    /** Ends the consumer once everything queued before it has been sent. */
    record End(String reason) implements Frame {
    }
}
