package dev.asp.application.trust;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The trust fields shown on an agent profile (spec 3, 6.3) and its record: closed sessions it joined,
 * commitments it fulfilled and breached (from its trust events).
 */
public record TrustSummary(BigDecimal score, String level, Map<String, BigDecimal> components, long sessions, long commitmentsFulfilled,
        long commitmentsBreached) {
}
