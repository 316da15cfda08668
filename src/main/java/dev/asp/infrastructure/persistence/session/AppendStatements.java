package dev.asp.infrastructure.persistence.session;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The two statements every append writes, once: the session's head moved by compare-and-set on
 * {@code head_seq}, and a transcript row. {@link GroupCommit} binds them on its own JDBC connection,
 * {@link TranscriptStore} through the persistence context's; both through {@link Parameters}, so the
 * columns and their order are named here only.
 */
final class AppendStatements {
    /** A null snapshot keeps the stored one (group commits write it every {@link GroupCommit#SNAPSHOT_EVERY} seqs). */
    static final String MOVE_HEAD = "UPDATE sessions SET state = ?, head_seq = ?, head_hash = ?, outcome = ?, snapshot = COALESCE(?, snapshot), "
            + "updated_at = ? WHERE id = ? AND head_seq = ?";
    static final String INSERT_MESSAGE = "INSERT INTO messages (session_id, seq, id, sender, performative, envelope, hash, kid, "
            + "signer_jwk, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Positional parameters (1-based), typed as the columns are. */
    interface Parameters {
        void text(int index, String value) throws SQLException;

        void number(int index, long value) throws SQLException;

        void time(int index, OffsetDateTime value) throws SQLException;
    }

    private AppendStatements() {
    }

    static void moveHead(Parameters p, String sessionId, long expectedHeadSeq, GroupCommit.Head head, Instant now) throws SQLException {
        p.text(1, head.state());
        p.number(2, head.seq());
        p.text(3, head.hash());
        p.text(4, head.outcome());
        p.text(5, head.snapshot());
        p.time(6, now.atOffset(ZoneOffset.UTC));
        p.text(7, sessionId);
        p.number(8, expectedHeadSeq);
    }

    static void insertMessage(Parameters p, MessageRecord m) throws SQLException {
        p.text(1, m.sessionId());
        p.number(2, m.seq());
        p.text(3, m.id());
        p.text(4, m.sender());
        p.text(5, m.performative());
        p.text(6, m.envelope());
        p.text(7, m.hash());
        p.text(8, m.kid());
        p.text(9, m.signerJwk());
        p.time(10, m.receivedAt().atOffset(ZoneOffset.UTC));
    }
}
