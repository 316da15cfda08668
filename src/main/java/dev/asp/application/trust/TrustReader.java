package dev.asp.application.trust;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.domain.identity.Agent;
import dev.asp.domain.trust.TrustAssessment;
import dev.asp.domain.trust.TrustLevel;
import dev.asp.domain.trust.TrustMath;
import dev.asp.domain.trust.TrustState;
import dev.asp.infrastructure.persistence.InTransaction;

/** The live trust of an agent (spec 6) as profiles, search and session checks show it. */
@ApplicationScoped
@InTransaction
public class TrustReader {
    public static final List<String> COMPONENTS = TrustMath.COMPONENTS;

    @Inject
    TrustLedger ledger;

    public TrustSummary of(Agent agent) {
        return summary(ledger.current(agent.id()));
    }

    public TrustSummary of(String agentId) {
        return summary(ledger.current(agentId));
    }

    public static TrustSummary summary(TrustLedger.Current c) {
        TrustAssessment a = c.assessment();
        Map<String, BigDecimal> components = new LinkedHashMap<>();
        a.components().forEach((k, v) -> components.put(k, TrustLedger.wire(v)));
        long fulfilled = c.state().fulfilments().values().stream().mapToLong(TrustState.Credit::count).sum();
        return new TrustSummary(TrustLedger.wire(a.score()), a.level().wire(), components, c.state().sessionsClosed(), fulfilled,
                c.state().breaches().size());
    }

    /** Spec 6.3 levels by score, unrounded. */
    public static String levelOf(BigDecimal score) {
        return TrustLevel.of(score.doubleValue()).wire();
    }
}
