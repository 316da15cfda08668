package dev.asp.interfaces.rest.session;

import dev.asp.domain.shared.Jsonp;


import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.session.Negotiation;
import dev.asp.infrastructure.persistence.session.EscalationRecord;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/** Wire shapes of sessions and messages (spec 4.7): envelopes exactly as signed, metadata beside them. */
public final class SessionViews {
    private SessionViews() {
    }

    /** @param commitments the session's commitments as spec 5 shows them */
    public static JsonObject session(Negotiation n, EscalationRecord pending, JsonArray commitments) {
        JsonObjectBuilder b = Jsonp.object(n.view()).add("commitments", commitments);
        if (pending != null) {
            b.add("escalation", escalationRef(pending));
        } else {
            b.remove("escalation");
        }
        return b.build();
    }

    public static JsonObject message(MessageRecord m) {
        return Jsonp.object()
                .add("envelope", Jsonp.reader(m.envelope()).readObject())
                .add("seq", m.seq())
                .add("hash", m.hash())
                .add("kid", m.kid())
                .add("receivedAt", m.receivedAt().toString())
                .build();
    }

    public static JsonObject escalationRef(EscalationRecord e) {
        return Jsonp.object().add("id", e.id()).add("status", e.status()).build();
    }

    public static JsonObject escalation(EscalationRecord e) {
        JsonObjectBuilder b = Jsonp.object()
                .add("id", e.id())
                .add("session", e.sessionId())
                .add("organization", e.orgId())
                .add("seq", e.messageSeq())
                .add("kind", e.kind())
                .add("status", e.status())
                .add("createdAt", e.createdAt().toString());
        if (e.reason() != null) {
            b.add("reason", e.reason());
        }
        if (e.decidedAt() != null) {
            b.add("decidedBy", e.decidedBy()).add("decidedAt", e.decidedAt().toString());
            if (e.note() != null) {
                b.add("note", e.note());
            }
        }
        return b.build();
    }
}
