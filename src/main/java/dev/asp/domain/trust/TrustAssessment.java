package dev.asp.domain.trust;

import java.time.Instant;
import java.util.Map;

import jakarta.json.JsonObject;

/**
 * An agent's trust at one instant: the components, base, penalty D, idle days and decay, and the score
 * {@code min(99.99, base/penalty·decay)} (100 for an operator-assigned infrastructure agent) with its level.
 */
public record TrustAssessment(Map<String, Double> components, double base, double penalty, long idleDays, double decay, double score,
        TrustLevel level, Instant lastActivity, String algorithm, JsonObject explanation) {
}
