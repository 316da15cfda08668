package dev.asp.application.trust;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.asp.domain.identity.Agent;

/**
 * Current trust of an agent for profiles, search and session checks. Until the trust engine
 * (spec 6) records events, every component has no observations and so is 0 (6.1: trust is
 * earned, never assumed); an operator-assigned infrastructure agent shows 100.
 */
@ApplicationScoped
public class TrustReader {
    public static final List<String> COMPONENTS = List.of("IV", "CF", "CH", "BC", "RQ", "SP", "ER", "PE");

    public TrustSummary of(Agent agent) {
        Map<String, BigDecimal> components = new LinkedHashMap<>();
        COMPONENTS.forEach(c -> components.put(c, BigDecimal.ZERO));
        if ("infrastructure".equals(agent.trustOverride())) {
            return new TrustSummary(BigDecimal.valueOf(100), "infrastructure", components);
        }
        return new TrustSummary(BigDecimal.ZERO, levelOf(BigDecimal.ZERO), components);
    }

    /** Spec 6.3 levels by score, unrounded. */
    public static String levelOf(BigDecimal score) {
        double s = score.doubleValue();
        if (s >= 100) {
            return "infrastructure";
        }
        if (s >= 90) {
            return "premium";
        }
        if (s >= 75) {
            return "trusted";
        }
        if (s >= 50) {
            return "established";
        }
        return s >= 20 ? "verified" : "probation";
    }
}
