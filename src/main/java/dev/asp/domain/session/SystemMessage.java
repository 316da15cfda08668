package dev.asp.domain.session;

import dev.asp.domain.shared.Jsonp;

import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A message the service must append as {@link Envelope#SYSTEM} (spec 4.1): described here as
 * data; the service adds what only it knows (identity and trust facts of an introduction),
 * signs it with its key and records it with {@link Negotiation#appended}.
 */
public record SystemMessage(Kind kind, Performative performative, Long replyTo, JsonObject body) {

    public enum Kind { INTRODUCTION, ESCALATION_APPROVED, ESCALATION_DENIED, TIMEOUT, SETTLED, PARTICIPANT_DEACTIVATED, COMMITMENT }

    /** The envelope without {@code hash} and {@code signature}, built on {@code head}; see {@link Envelope#seal}. */
    public JsonObject unsigned(String id, String sessionId, Head head, Instant sentAt) {
        return unsigned(id, sessionId, head, sentAt, body);
    }

    public JsonObject unsigned(String id, String sessionId, Head head, Instant sentAt, JsonObject enrichedBody) {
        JsonObjectBuilder b = Jsonp.object()
                .add("asp", Envelope.VERSION)
                .add("id", id)
                .add("sessionId", sessionId)
                .add("seq", head.seq() + 1)
                .add("prevHash", head.hash())
                .add("sender", Envelope.SYSTEM)
                .add("performative", performative.name());
        if (replyTo != null) {
            b.add("replyTo", replyTo);
        }
        return b.add("body", enrichedBody).add("sentAt", sentAt.toString()).build();
    }
}
