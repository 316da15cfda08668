package dev.asp.domain.commitment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A commitment reached {@code fulfilled} (spec 5): paid, confirmed by its creditor, or confirmed by the
 * grace period. Published inside the transaction that records it; trust reads timeliness from
 * {@code deadline} and {@code fulfilledAt} and value from {@code amountUsd} (null for non-monetary ones).
 */
public record CommitmentFulfilled(String commitmentId, String sessionId, String debtorAgentId, String creditorAgentId,
        String type, BigDecimal amountUsd, Instant deadline, Instant fulfilledAt, String cause) {
}
