package dev.asp.domain.commitment;

import java.time.Instant;

/**
 * A COMMIT made commitment {@code commitmentId} (spec 5); {@code deadline} is null when it has none.
 * Fired inside the COMMIT's transaction: the deadline's timer is created in it, so a refused COMMIT
 * leaves none.
 */
public record CommitmentMade(String commitmentId, String sessionId, Instant deadline) {
}
