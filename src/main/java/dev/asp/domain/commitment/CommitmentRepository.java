package dev.asp.domain.commitment;

import java.util.List;
import java.util.Optional;

/** Where commitments are kept (spec 5), in the words of the commitments service; writes join the caller's transaction. */
public interface CommitmentRepository {

    void add(Commitment commitment);

    Optional<Commitment> byId(String id);

    /** The commitment read again under its row lock, held to the end of the transaction. */
    Optional<Commitment> lockedById(String id);

    /** A session's commitments in the order their COMMITs were stored. */
    List<Commitment> ofSession(String sessionId);

    /** The commitments the COMMIT at {@code seq} made. */
    List<Commitment> madeBy(String sessionId, long seq);

    /** The payments of {@code condition}'s session conditioned on it, under their row locks. */
    List<Commitment> conditionedOn(Commitment condition);

    /** Whether any commitment of the session is unsettled. */
    boolean anyRunning(String sessionId);

    /** The statuses of a session's commitments. */
    List<CommitmentStatus> statusesOf(String sessionId);

    /**
     * Who a listing is for: one session's commitments, or an agent's (debtor or creditor), or an
     * organization's; all three null means every commitment (the operator). {@code status} null: any.
     */
    record Filter(String sessionId, String agentId, String orgId, CommitmentStatus status) {
    }

    /** Oldest first, skipping {@code offset}, at most {@code limit}. */
    List<Commitment> find(Filter filter, long offset, int limit);
}
