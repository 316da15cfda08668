package dev.asp.domain.commitment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A commitment passed its deadline while pending or escrowed, or a resolved dispute found its debtor at
 * fault (spec 5, 6.2, 7). Published once per commitment, inside the transaction that records the breach,
 * so trust and disputes write their consequences atomically with it. {@code cause} is {@code deadline}
 * or {@code dispute}; {@code disputeId} is set only for the latter.
 */
public record CommitmentBreached(String commitmentId, String sessionId, String debtorAgentId, String creditorAgentId,
        String type, BigDecimal amountUsd, int severity, String cause, String disputeId, Instant at) {
}
