package dev.asp.domain.commitment;

import java.time.Instant;

/**
 * The creditor REJECTed a delivery claim (spec 5): the commitment is now {@code disputed} and a dispute
 * must be opened automatically (spec 7). Published inside the transaction that stores the REJECT.
 */
public record DeliveryRejected(String commitmentId, String sessionId, String debtorAgentId, String creditorAgentId,
        String rejectMessageId, long rejectSeq, Instant at) {
}
