package dev.asp.domain.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A negotiation as one JSON object, the form the service persists. {@code version} lets a later
 * revision read what an earlier one wrote.
 */
final class Snapshot {
    static final int VERSION = 1;

    private Snapshot() {
    }

    static JsonObject write(Negotiation n) {
        JsonArrayBuilder participants = Json.createArrayBuilder();
        n.participants.values().forEach(p -> {
            JsonObjectBuilder b = Json.createObjectBuilder().add("agent", p.agent()).add("role", p.role())
                    .add("joined", p.joined()).add("inviter", p.inviter());
            nullable(b, "delegateOf", p.delegateOf());
            participants.add(b);
        });
        JsonArrayBuilder delegations = Json.createArrayBuilder();
        n.delegations.values().forEach(d -> delegations.add(Json.createObjectBuilder().add("seq", d.seq())
                .add("agent", d.agent()).add("by", d.by()).add("scope", d.scope())));
        JsonArrayBuilder proposals = Json.createArrayBuilder();
        n.proposals.values().forEach(p -> proposals.add(proposal(p)));
        JsonArrayBuilder claims = Json.createArrayBuilder();
        n.claims.values().forEach(c -> claims.add(Json.createObjectBuilder().add("seq", c.seq()).add("by", c.by())
                .add("commitment", c.commitment())));
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("version", VERSION)
                .add("sessionId", n.sessionId)
                .add("inviter", n.inviter)
                .add("purpose", n.purpose)
                .add("constraints", n.constraints.toJson())
                .add("startedAt", n.startedAt.toString())
                .add("bilateral", n.bilateral)
                .add("state", n.state.name())
                .add("participants", participants)
                .add("declined", Json.createArrayBuilder(n.declined))
                .add("delegations", delegations)
                .add("proposals", proposals);
        if (n.agreement == null) {
            b.addNull("agreement");
        } else {
            b.add("agreement", proposal(n.agreement));
        }
        b.add("committed", Json.createArrayBuilder(n.committed)).add("claims", claims);
        if (n.escalation == null) {
            b.addNull("escalation");
        } else {
            b.add("escalation", escalation(n.escalation));
        }
        b.add("tokensUsed", n.tokensUsed);
        nullable(b, "outcome", n.outcome == null ? null : n.outcome.wire());
        return b.add("closedBy", Json.createArrayBuilder(n.closedBy))
                .add("head", Json.createObjectBuilder().add("seq", n.head.seq()).add("hash", n.head.hash()))
                .build();
    }

    static Negotiation read(JsonObject o) {
        if (o.getInt("version") != VERSION) {
            throw new IllegalArgumentException("unknown negotiation snapshot version " + o.getInt("version"));
        }
        Map<String, Participant> participants = new LinkedHashMap<>();
        for (JsonObject p : objects(o, "participants")) {
            participants.put(p.getString("agent"), new Participant(p.getString("agent"), p.getString("role"),
                    p.getBoolean("joined"), p.getBoolean("inviter"), stringOrNull(p, "delegateOf")));
        }
        Map<Long, Delegation> delegations = new TreeMap<>();
        for (JsonObject d : objects(o, "delegations")) {
            long seq = d.getJsonNumber("seq").longValueExact();
            delegations.put(seq, new Delegation(seq, d.getString("agent"), d.getString("by"), d.get("scope")));
        }
        Map<Long, Proposal> proposals = new TreeMap<>();
        for (JsonObject p : objects(o, "proposals")) {
            Proposal proposal = proposal(p);
            proposals.put(proposal.seq(), proposal);
        }
        Map<Long, Claim> claims = new TreeMap<>();
        for (JsonObject c : objects(o, "claims")) {
            long seq = c.getJsonNumber("seq").longValueExact();
            claims.put(seq, new Claim(seq, c.getString("by"), c.getString("commitment")));
        }
        JsonObject head = o.getJsonObject("head");
        return new Negotiation(o.getString("sessionId"), o.getString("inviter"), o.getString("purpose"),
                Constraints.parse(o.getJsonObject("constraints")), Instant.parse(o.getString("startedAt")),
                o.getBoolean("bilateral"), SessionState.valueOf(o.getString("state")), participants,
                strings(o, "declined"), delegations, proposals,
                o.isNull("agreement") ? null : proposal(o.getJsonObject("agreement")),
                strings(o, "committed"), claims,
                o.isNull("escalation") ? null : escalation(o.getJsonObject("escalation")),
                o.getJsonNumber("tokensUsed").longValueExact(),
                o.isNull("outcome") ? null : Outcome.fromWire(o.getString("outcome")).orElseThrow(),
                strings(o, "closedBy"),
                new Head(head.getJsonNumber("seq").longValueExact(), head.getString("hash")));
    }

    private static JsonObject proposal(Proposal p) {
        return Json.createObjectBuilder().add("seq", p.seq()).add("kind", p.kind().name()).add("proposer", p.proposer())
                .add("terms", p.terms().toJson()).add("accepts", Json.createArrayBuilder(p.accepts())).build();
    }

    private static Proposal proposal(JsonObject o) {
        return new Proposal(o.getJsonNumber("seq").longValueExact(), Performative.valueOf(o.getString("kind")),
                o.getString("proposer"), Terms.parse(o.getJsonObject("terms")), strings(o, "accepts"));
    }

    private static JsonObject escalation(Escalation e) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("seq", e.seq()).add("by", e.by()).add("reason", e.reason())
                .add("pausedFrom", e.pausedFrom().name());
        if (e.held() == null) {
            b.addNull("held");
        } else {
            Effect.CommitmentsRequested h = e.held();
            JsonArrayBuilder obligations = Json.createArrayBuilder();
            h.obligations().forEach(ob -> obligations.add(ob.toJson()));
            b.add("held", Json.createObjectBuilder().add("seq", h.seq()).add("debtor", h.debtor())
                    .add("agreement", h.agreement()).add("obligations", obligations).add("currency", h.currency())
                    .add("escrow", h.escrow()));
        }
        return b.build();
    }

    private static Escalation escalation(JsonObject o) {
        Effect.CommitmentsRequested held = null;
        if (!o.isNull("held")) {
            JsonObject h = o.getJsonObject("held");
            List<Obligation> obligations = new ArrayList<>();
            objects(h, "obligations").forEach(ob -> obligations.add(Obligation.parse(ob)));
            held = new Effect.CommitmentsRequested(h.getJsonNumber("seq").longValueExact(), h.getString("debtor"),
                    h.getJsonNumber("agreement").longValueExact(), obligations, h.getString("currency"), h.getBoolean("escrow"));
        }
        return new Escalation(o.getJsonNumber("seq").longValueExact(), o.getString("by"), o.getString("reason"),
                SessionState.valueOf(o.getString("pausedFrom")), held);
    }

    private static List<JsonObject> objects(JsonObject o, String name) {
        return o.getJsonArray(name).getValuesAs(JsonObject.class);
    }

    private static Set<String> strings(JsonObject o, String name) {
        Set<String> out = new LinkedHashSet<>();
        JsonArray a = o.getJsonArray(name);
        a.getValuesAs(JsonString.class).forEach(s -> out.add(s.getString()));
        return out;
    }

    private static String stringOrNull(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v == null || v == JsonValue.NULL ? null : ((JsonString) v).getString();
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
