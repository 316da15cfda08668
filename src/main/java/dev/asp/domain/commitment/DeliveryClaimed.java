package dev.asp.domain.commitment;

import java.time.Instant;

/**
 * The debtor claimed delivery of {@code commitmentId} (spec 5): unless its creditor confirms or
 * disputes it by {@code confirmedBy} (the grace period), the service confirms it then.
 */
public record DeliveryClaimed(String commitmentId, String sessionId, Instant confirmedBy) {
}
