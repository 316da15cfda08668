package dev.asp.interfaces.rest.dispute;

import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.shared.Jsonp;

/** The wire shape of a dispute (spec 7): its filing, its status and who decided it, when and why. */
public final class DisputeViews {
    private DisputeViews() {
    }

    public static JsonArray list(List<Dispute> disputes) {
        var a = Jsonp.array();
        disputes.forEach(d -> a.add(dispute(d)));
        return a.build();
    }

    public static JsonObject dispute(Dispute d) {
        JsonObjectBuilder b = Jsonp.object().add("id", d.id()).add("session", d.sessionId());
        nullable(b, "commitment", d.commitmentId());
        b.add("origin", d.origin()).add("filedBy", d.filedBy()).add("claim", d.claim());
        nullable(b, "requestedResolution", d.requestedResolution());
        b.add("references", array(d.refs())).add("evidence", array(d.evidence()));
        nullable(b, "amount", d.amountUsd() == null ? null : d.amountUsd().toPlainString());
        b.add("status", d.status().wire());
        nullable(b, "finding", d.finding());
        nullable(b, "atFault", d.atFault());
        JsonObjectBuilder decision = Jsonp.object();
        if (d.decidedBy() == null) {
            b.addNull("decision");
        } else {
            decision.add("by", d.decidedBy()).add("at", d.decidedAt().toString());
            nullable(decision, "note", d.decisionNote());
            b.add("decision", decision);
        }
        return b.add("filedAt", d.filedAt().toString()).build();
    }

    private static JsonArray array(String json) {
        try (var r = Jsonp.reader(json)) {
            return r.readArray();
        }
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
