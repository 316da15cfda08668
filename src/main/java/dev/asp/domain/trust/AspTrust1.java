package dev.asp.domain.trust;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.Jsonp;

/**
 * The service's formulas for the components 6.1 leaves open (CF, BC, RQ, SP, ER), version
 * {@code asp-trust/1}, and the assessment that puts all eight together (docs/trust.md). Each is
 * evidence with diminishing returns: no evidence is 0, never bad; one counterpart can add at most
 * {@link #PER_COUNTERPART} credits, and the agent's own organization counts a quarter and as one
 * counterpart however many agents it registers ({@link #OWN_ORGANIZATION}), so a ring of Sybils or a
 * flood of tiny deals with one partner saturates early.
 */
public final class AspTrust1 {
    public static final String ALGORITHM = "asp-trust/1";
    static final double PER_COUNTERPART = 5;
    static final double SAME_ORGANIZATION = 0.25;
    /** The key under which evidence from the agent's own organization is pooled. */
    public static final String OWN_ORGANIZATION = "own-organization";
    static final double CF_SCALE = 10;
    static final double ER_SCALE = 5;
    static final double RQ_SCALE = 5;
    static final double BC_SCALE = 10;

    private AspTrust1() {
    }

    /**
     * A fulfilled commitment's credit: timeliness (1 by its deadline, 0.5 late) × value (0.5 without an
     * amount, else min(1, 0.25 + log10(1 + USD)/4): $1 → 0.33, $100 → 0.75, $1,000 → 1) × 0.25 within
     * the organization.
     */
    public static double credit(TrustFact.Fulfilment f) {
        double timeliness = f.onTime() ? 1 : 0.5;
        double value = f.amountUsd() == null ? 0.5 : Math.min(1, 0.25 + Math.log10(1 + Math.max(0, f.amountUsd())) / 4);
        return timeliness * value * (f.sameOrganization() ? SAME_ORGANIZATION : 1);
    }

    /** The assessment at {@code at}, assuming no activity between the state's last one and then. */
    public static TrustAssessment assess(TrustState s, IdentityFacts id, Instant at) {
        Map<String, Double> c = new LinkedHashMap<>();
        JsonObjectBuilder explain = Jsonp.object();

        c.put("IV", (double) id.iv());
        explain.add("IV", component(id.iv(), "identity level table (spec 2.2)", Jsonp.object().add("identityLevel", id.identityLevel())));

        double e = capped(s.fulfilments());
        double cf = 100 * (1 - Math.exp(-e / CF_SCALE));
        c.put("CF", cf);
        explain.add("CF", component(cf, "100*(1-exp(-E/10)), E = sum over creditors of min(5, sum of timeliness*value*orgFactor)",
                credits(s.fulfilments()).add("E", e)));

        double ch = TrustMath.communicationHistory(s.sessionsClosed());
        c.put("CH", ch);
        explain.add("CH", component(ch, "min(100, 15*ln(1+n))", Jsonp.object().add("n", s.sessionsClosed())));

        double sd = s.durations().deviation();
        double bc = 100 * (1 - Math.exp(-s.durations().count() / BC_SCALE)) * Math.exp(-sd);
        c.put("BC", bc);
        explain.add("BC", component(bc, "100*(1-exp(-n/10))*exp(-sd), sd = sample deviation of ln(1+session seconds)",
                Jsonp.object().add("n", s.durations().count()).add("sd", sd)));

        double k = 0;
        double weightedQuality = 0;
        double weightedCount = 0;
        JsonObjectBuilder raters = Jsonp.object();
        for (Map.Entry<String, TrustState.Ratings> r : s.ratings().entrySet()) {
            TrustState.Ratings v = r.getValue();
            double w = v.sameOrganization() ? SAME_ORGANIZATION : 1;
            k += w * Math.min(PER_COUNTERPART, v.count());
            weightedQuality += w * v.quality();
            weightedCount += w * v.count();
            raters.add(r.getKey(), Jsonp.object().add("count", v.count()).add("qualitySum", v.quality()).add("sameOrganization", v.sameOrganization()));
        }
        double q = weightedCount == 0 ? 0 : weightedQuality / weightedCount;
        double successRate = s.sessionsClosed() == 0 ? 0 : (double) s.successfulSessions() / s.sessionsClosed();
        double rq = 100 * (1 - Math.exp(-k / RQ_SCALE)) * (0.75 * q + 0.25 * successRate);
        c.put("RQ", rq);
        explain.add("RQ", component(rq, "100*(1-exp(-k/5))*(0.75*q+0.25*successRate), k = sum over raters of min(5, count)*orgFactor, "
                + "q = orgFactor-weighted mean of (rating-1)/4", Jsonp.object().add("raters", raters).add("k", k).add("q", q)
                        .add("successfulSessions", s.successfulSessions()).add("closedSessions", s.sessionsClosed()).add("successRate", successRate)));

        double sp = 0;
        if (id.registeredKey()) {
            sp = 40 + 30 * Math.min(1, id.activeKeyAgeDays() / 90.0) + (id.rotated() ? 30 : 0) - 40 * id.revokedKeys();
            sp = Math.max(0, Math.min(100, sp));
        }
        c.put("SP", sp);
        explain.add("SP", component(sp, "no registered key: 0; else clamp(40 + 30*min(1, keyAgeDays/90) + 30*rotated - 40*revokedKeys, 0, 100)",
                Jsonp.object().add("registeredKey", id.registeredKey()).add("keyAgeDays", id.activeKeyAgeDays()).add("rotated", id.rotated())
                        .add("revokedKeys", id.revokedKeys())));

        double p = capped(s.payments());
        double er = 100 * (1 - Math.exp(-p / ER_SCALE));
        c.put("ER", er);
        explain.add("ER", component(er, "100*(1-exp(-P/5)), P = E over payment commitments only", credits(s.payments()).add("P", p)));

        JsonObjectBuilder endorsers = Jsonp.object();
        s.endorsements().forEach((endorser, v) -> endorsers.add(endorser, Jsonp.object().add("endorsement", v.endorsement()).add("weight", v.weight())));
        double pe = TrustMath.peerEndorsements(s.endorsements().values().stream().map(TrustState.Endorsed::weight).toList());
        c.put("PE", pe);
        explain.add("PE", component(pe, "100*(1-prod(1-weight))", Jsonp.object().add("endorsements", endorsers)));

        double base = TrustMath.base(c);
        long d = TrustMath.idleDays(s.lastActivity(), at);
        double decay = TrustMath.decay(d);
        double score = TrustMath.score(base, s.penalty(), d);
        var breaches = Jsonp.array();
        s.breaches().forEach(b -> breaches.add(Jsonp.object().add("cause", b.cause()).add("severity", b.severity())));
        explain.add("penalty", Jsonp.object().add("value", s.penalty())
                .add("formula", "from 1: *exp(0.5*s) per breach, *exp(0.005*d) per activity after d idle days, max(1, D-0.0108) per successful session")
                .add("breaches", breaches).add("successfulSessions", s.successfulSessions()).add("idleDaysFolded", s.idleDaysFolded()));
        explain.add("score", Jsonp.object().add("formula", "min(99.99, base/penalty*exp(-0.005*d))").add("idleDays", d)
                .add("weights", weights()));
        TrustLevel level = TrustLevel.of(score);
        if (id.infrastructure()) {
            score = 100;
            level = TrustLevel.INFRASTRUCTURE;
            explain.add("override", "infrastructure (operator-assigned)");
        }
        return new TrustAssessment(c, base, s.penalty(), d, decay, score, level, s.lastActivity(), ALGORITHM, explain.build());
    }

    private static double capped(Map<String, TrustState.Credit> byCounterpart) {
        double sum = 0;
        for (TrustState.Credit credit : byCounterpart.values()) {
            sum += Math.min(PER_COUNTERPART, credit.credit());
        }
        return sum;
    }

    private static JsonObjectBuilder credits(Map<String, TrustState.Credit> byCounterpart) {
        JsonObjectBuilder per = Jsonp.object();
        byCounterpart.forEach((who, v) -> per.add(who, Jsonp.object().add("count", v.count()).add("onTime", v.onTime()).add("credit", v.credit())));
        return Jsonp.object().add("creditors", per);
    }

    private static JsonObject weights() {
        JsonObjectBuilder w = Jsonp.object();
        TrustMath.COMPONENTS.forEach(code -> w.add(code, TrustMath.WEIGHTS.get(code)));
        return w.build();
    }

    private static JsonObject component(double value, String formula, JsonObjectBuilder inputs) {
        return Jsonp.object().add("value", value).add("formula", formula).add("inputs", inputs).build();
    }
}
