package dev.asp.application.trust;

import java.math.BigDecimal;
import java.util.Map;

/** The trust fields shown on an agent profile (spec 3, 6.3). */
public record TrustSummary(BigDecimal score, String level, Map<String, BigDecimal> components) {
}
