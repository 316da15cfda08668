package dev.asp.interfaces.rest.identity;

import dev.asp.domain.shared.Jsonp;

import java.util.Collection;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.IdentityLevel;
import dev.asp.domain.identity.OrgPolicy;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.ledger.LedgerEntry;

/** JSON shapes of identity resources on the wire (spec 1.1, 3). */
public final class IdentityViews {
    private IdentityViews() {
    }

    public static JsonObjectBuilder organization(Organization o) {
        return Jsonp.object()
                .add("id", o.id())
                .add("name", o.name())
                .add("region", o.region())
                .add("verified", o.verified())
                .add("createdAt", o.createdAt().toString());
    }

    public static JsonObject policy(OrgPolicy p) {
        JsonObjectBuilder b = Jsonp.object();
        money(b, "requireApprovalAbove", p.requireApprovalAbove());
        money(b, "escalateDisputesAbove", p.escalateDisputesAbove());
        return b.add("alwaysEscrow", p.alwaysEscrow())
                .add("minInviterTrust", p.minInviterTrust())
                .add("minDirectionalScore", p.minDirectionalScore())
                .build();
    }

    public static JsonObject ledgerEntry(LedgerEntry e) {
        return Jsonp.object()
                .add("id", e.id())
                .add("organization", e.orgId())
                .add("seq", e.seq())
                .add("kind", e.kind())
                .add("amount", e.amount().toPlainString())
                .add("currency", e.currency())
                .add("balanceAfter", e.balanceAfter().toPlainString())
                .add("heldAfter", e.heldAfter().toPlainString())
                .add("cause", Jsonp.object().add("type", e.causeType()).add("id", e.causeId()))
                .add("createdAt", e.createdAt().toString())
                .build();
    }

    public static JsonObject key(AgentKey k) {
        return Jsonp.object()
                .add("kid", k.kid())
                .add("jwk", Jsonp.object(k.publicJwk().toJson()).add("kid", k.kid()))
                .add("status", k.status().wire())
                .add("createdAt", k.createdAt().toString())
                .add("changedAt", k.changedAt().toString())
                .build();
    }

    /** The public agent profile (spec 3). */
    public static JsonObject profile(Agent a, IdentityLevel level, TrustSummary trust) {
        JsonObjectBuilder components = Jsonp.object();
        trust.components().forEach(components::add);
        return Jsonp.object()
                .add("id", a.id())
                .add("name", a.name())
                .add("organization", a.orgId())
                .add("status", a.status().wire())
                .add("capabilities", strings(a.capabilities()))
                .add("regions", strings(a.regions()))
                .add("protocols", strings(a.protocols()))
                .add("endpoints", Jsonp.reader(a.endpointsJson()).readArray())
                .add("identityLevel", level.wire())
                .add("trust", Jsonp.object().add("score", trust.score()).add("level", trust.level()).add("components", components))
                .add("history", Jsonp.object().add("sessions", trust.sessions()).add("commitmentsFulfilled", trust.commitmentsFulfilled())
                        .add("commitmentsBreached", trust.commitmentsBreached()))
                .build();
    }

    public static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder b = Jsonp.array();
        values.forEach(b::add);
        return b;
    }

    private static void money(JsonObjectBuilder b, String name, java.math.BigDecimal value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value.toPlainString());
        }
    }
}
