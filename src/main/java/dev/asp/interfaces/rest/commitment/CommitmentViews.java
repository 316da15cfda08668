package dev.asp.interfaces.rest.commitment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.Transition;
import dev.asp.domain.shared.Jsonp;

/** Spec 5: a commitment on the wire, with its history of status changes and their causes. */
public final class CommitmentViews {
    private CommitmentViews() {
    }

    public static JsonArray list(List<Commitment> commitments) {
        JsonArrayBuilder a = Jsonp.array();
        commitments.forEach(c -> a.add(commitment(c)));
        return a.build();
    }

    public static JsonObject commitment(Commitment c) {
        JsonObjectBuilder b = Jsonp.object()
                .add("id", c.id())
                .add("session", c.sessionId())
                .add("agreement", c.agreementSeq())
                .add("type", c.type())
                .add("debtor", c.debtor())
                .add("creditor", c.creditor())
                .add("description", c.description());
        money(b, "amount", c.amount());
        b.add("currency", c.currency());
        time(b, "deadline", c.deadline());
        if (c.conditionId() == null) {
            b.addNull("condition");
        } else {
            b.add("condition", c.conditionId() + " fulfilled");
        }
        b.add("severity", c.severity())
                .add("status", c.status().wire())
                .add("escrow", c.escrowUsd().toPlainString())
                .add("createdBy", c.createdSeq());
        JsonArrayBuilder history = Jsonp.array();
        for (Transition t : c.history()) {
            JsonObjectBuilder h = Jsonp.object().add("status", t.status().wire()).add("at", t.at().toString())
                    .add("cause", t.cause());
            if (t.messageSeq() != null) {
                h.add("seq", t.messageSeq());
            }
            history.add(h);
        }
        return b.add("history", history).add("createdAt", c.createdAt().toString()).build();
    }

    private static void money(JsonObjectBuilder b, String name, BigDecimal value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value.toPlainString());
        }
    }

    private static void time(JsonObjectBuilder b, String name, Instant value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value.toString());
        }
    }
}
