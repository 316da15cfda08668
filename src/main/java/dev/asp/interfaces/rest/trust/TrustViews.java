package dev.asp.interfaces.rest.trust;

import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.trust.TrustLedger;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.trust.TrustAssessment;
import dev.asp.domain.trust.TrustJson;
import dev.asp.domain.trust.TrustLevel;
import dev.asp.infrastructure.persistence.trust.TrustEventRecord;

/** The wire shapes of spec 6.2: an assessment and a trust event. */
public final class TrustViews {
    private TrustViews() {
    }

    static JsonObject trust(String agentId, TrustAssessment a, Instant asOf) {
        JsonObjectBuilder components = Jsonp.object();
        a.components().forEach((k, v) -> components.add(k, TrustLedger.wire(v)));
        JsonObjectBuilder out = Jsonp.object().add("agent", agentId).add("score", TrustLedger.wire(a.score())).add("level", a.level().wire())
                .add("components", components).add("base", a.base()).add("penalty", a.penalty()).add("decay", a.decay()).add("idleDays", a.idleDays());
        if (a.lastActivity() != null) {
            out.add("lastActivityAt", a.lastActivity().toString());
        } else {
            out.addNull("lastActivityAt");
        }
        if (asOf != null) {
            out.add("asOf", asOf.toString());
        }
        return out.add("limits", limits(a.level())).add("algorithm", a.algorithm()).add("explanation", a.explanation()).build();
    }

    static JsonObject limits(TrustLevel level) {
        JsonObjectBuilder l = Jsonp.object();
        if (level.ceilingUsd() == null) {
            l.addNull("transactionCeiling");
        } else {
            l.add("transactionCeiling", level.ceilingUsd().toPlainString());
        }
        l.add("currency", "USD");
        if (level.sessionsPerDay() == null) {
            l.addNull("sessionsPerDay");
        } else {
            l.add("sessionsPerDay", level.sessionsPerDay());
        }
        return l.add("escrow", level.escrow()).build();
    }

    public static JsonObject event(TrustEventRecord e) {
        JsonObject fact = Jsonp.parse(e.fact());
        return Jsonp.object().add("seq", e.seq()).add("at", e.at().toString()).add("cause", TrustJson.fact(fact).cause().json()).add("before", e.before())
                .add("after", e.after()).add("components", Jsonp.parse(e.components())).add("base", e.base()).add("penalty", e.penalty())
                .add("fact", fact).build();
    }

}
