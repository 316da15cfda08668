package dev.asp.infrastructure.persistence.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import javax.sql.DataSource;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.asp.infrastructure.persistence.SchemaMigrator;
import dev.asp.infrastructure.persistence.session.GroupCommit.Append;
import dev.asp.infrastructure.persistence.session.GroupCommit.Head;
import dev.asp.infrastructure.persistence.session.GroupCommit.Result;
import dev.asp.infrastructure.security.JtiClaim;

/**
 * The group commit on a real database with the service's migrations: whatever lands in one batch
 * together, each append gets the outcome it would get alone, and a refused one leaves no row
 * behind. The same cases run on the embedded database and on PostgreSQL.
 */
abstract class GroupCommitContract {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private DataSource db;
    GroupCommit commits;
    private ExecutorService senders;

    /** A new, empty database (or schema) for one test, migrated by the caller. */
    abstract DataSource freshDatabase() throws SQLException;

    @BeforeEach
    void database() throws SQLException {
        db = freshDatabase();
        SchemaMigrator.schema(db).migrate();
        commits = new GroupCommit();
        commits.dataSource = db;
        commits.threads = new Threads();
        commits.start();
        senders = Executors.newFixedThreadPool(32);
    }

    @AfterEach
    void stop() throws SQLException {
        commits.stop();
        senders.shutdownNow();
        dropDatabase();
    }

    void dropDatabase() throws SQLException {
    }

    @Test
    void manySessionsAtOnceAllCommit() throws Exception {
        List<CompletableFuture<Result>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String session = session(i);
            results.add(commits.submit(append(session, 3, "msg_" + i, null)));
        }
        for (var r : results) {
            assertEquals(Result.COMMITTED, r.get());
        }
        assertEquals(200, count("SELECT count(*) FROM messages"));
        assertEquals(200, count("SELECT count(*) FROM sessions WHERE head_seq = 4 AND head_hash = 'h4'"));
    }

    @Test
    void anAppendWithoutASnapshotKeepsTheStoredOne() throws Exception {
        String session = session(0);
        Append withSnapshot = append(session, 3, "msg_s4", null);
        MessageRecord m = withSnapshot.records().get(0);
        Append without = new Append(session, 3, new Head("CONVERSING", 4, "h4", null, null), List.of(m), null, null, NOW);
        assertEquals(Result.COMMITTED, commits.submit(without).join());
        assertEquals(1, count("SELECT count(*) FROM sessions WHERE id = '" + session + "' AND head_seq = 4 AND snapshot = '{}'"));
    }

    @Test
    void racersOnOneHeadLeaveOneWinnerAndNoFork() throws Exception {
        String session = session(1);
        List<CompletableFuture<Result>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(commits.submit(append(session, 3, "msg_race" + i, null)));
        }
        assertEquals(1, committed(results, Result.STALE_HEAD));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE session_id = '" + session + "'"));
        assertEquals(4, count("SELECT head_seq FROM sessions WHERE id = '" + session + "'"));
    }

    @Test
    void aReusedMessageIdIsRefusedAloneAndTheBatchStillCommits() throws Exception {
        String reused = session(0);
        assertEquals(Result.COMMITTED, commits.submit(append(reused, 3, "msg_same", null)).join());
        List<CompletableFuture<Result>> others = new ArrayList<>();
        CompletableFuture<Result> offender = commits.submit(append(reused, 4, "msg_same", null));
        for (int i = 1; i < 50; i++) {
            others.add(commits.submit(append(session(i), 3, "msg_" + i, null)));
        }
        assertEquals(Result.DUPLICATE_ID, offender.get());
        for (var r : others) {
            assertEquals(Result.COMMITTED, r.get());
        }
        assertEquals(4, count("SELECT head_seq FROM sessions WHERE id = '" + reused + "'"));
        assertEquals(1, count("SELECT count(*) FROM messages WHERE session_id = '" + reused + "'"));
    }

    @Test
    void aProofUsedElsewhereIsARefusalThatStoresNothing() throws Exception {
        String session = session(0);
        JtiClaim proof = new JtiClaim("a".repeat(64), NOW.plusSeconds(120));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO used_jtis VALUES (?, ?)")) {
            ps.setString(1, proof.hash());
            ps.setObject(2, proof.expiresAt().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        assertEquals(Result.REPLAYED_PROOF, commits.submit(append(session, 3, "msg_1", proof)).join());
        assertEquals(0, count("SELECT count(*) FROM messages"));
        assertEquals(3, count("SELECT head_seq FROM sessions WHERE id = '" + session + "'"));

        JtiClaim fresh = new JtiClaim("b".repeat(64), NOW.plusSeconds(120));
        assertEquals(Result.COMMITTED, commits.submit(append(session, 3, "msg_1", fresh)).join());
        assertEquals(1, count("SELECT count(*) FROM used_jtis WHERE jti_hash = '" + fresh.hash() + "'"));
    }

    @Test
    void theSameProofTwiceInOneBatchCountsOnce() throws Exception {
        JtiClaim proof = new JtiClaim("c".repeat(64), NOW.plusSeconds(120));
        List<CompletableFuture<Result>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(commits.submit(append(session(i), 3, "msg_" + i, proof)));
        }
        assertEquals(1, committed(results, Result.REPLAYED_PROOF));
        assertEquals(1, count("SELECT count(*) FROM messages"));
    }

    @Test
    void chainsOnManySessionsInterleaveWithoutDeadlockOrGap() throws Exception {
        int sessions = 12;
        int length = 40;
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String session = session(i);
            chains.add(CompletableFuture.runAsync(() -> {
                for (long head = 3; head < 3 + length; head++) {
                    assertEquals(Result.COMMITTED, commits.submit(append(session, head, "msg_" + session + "_" + head, null)).join());
                }
            }, senders));
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertEquals(sessions * length, count("SELECT count(*) FROM messages"));
        assertEquals(sessions, count("SELECT count(*) FROM sessions WHERE head_seq = " + (3 + length)));
    }

    @Test
    void aHeadAheadOfItsRowsIsSetRightByTheNextAppend() throws Exception {
        // the row says head 5, the transcript ends at seq 4 (TranscriptStore.replayed answers seq 4, head 5)
        String session = session(0);
        assertEquals(Result.COMMITTED, commits.submit(append(session, 3, "msg_4", null)).join());
        try (Connection c = db.getConnection()) {
            c.createStatement().executeUpdate("UPDATE sessions SET head_seq = 5, head_hash = 'lost' WHERE id = '" + session + "'");
        }
        assertEquals(Result.COMMITTED, commits.submit(append(session, 5, 4, "msg_5", null)).join(), "seq 5 on the stored seq 4, expecting the row's head");
        assertEquals(1, count("SELECT count(*) FROM sessions WHERE id = '" + session + "' AND head_seq = 5 AND head_hash = 'h5'"));
        assertEquals(2, count("SELECT count(*) FROM messages WHERE session_id = '" + session + "'"));
        assertEquals(Result.COMMITTED, commits.submit(append(session, 5, "msg_6", null)).join());
    }

    /** How many of the results are COMMITTED, each of the others being {@code loser}. */
    private static int committed(List<CompletableFuture<Result>> results, Result loser) throws Exception {
        int committed = 0;
        for (var r : results) {
            Result result = r.get();
            assertTrue(result == Result.COMMITTED || result == loser, result.name());
            committed += result == Result.COMMITTED ? 1 : 0;
        }
        return committed;
    }

    static Append append(String session, long expected, String id, JtiClaim proof) {
        return append(session, expected, expected, id, proof);
    }

    /** An append on the stored message {@code storedSeq} whose compare-and-set expects the row's head {@code rowHead}. */
    static Append append(String session, long rowHead, long storedSeq, String id, JtiClaim proof) {
        long seq = storedSeq + 1;
        MessageRecord m = new MessageRecord(session, seq, id, "agt_a", "INFORM", "{\"id\":\"" + id + "\"}", "h" + seq, "kid", "{}", NOW);
        return new Append(session, rowHead, new Head("CONVERSING", seq, "h" + seq, null, "{}"), List.of(m), proof, null, NOW);
    }

    /** A session row at head 3, as a session is after INVITE, ACCEPT and the introduction. */
    String session(int i) throws SQLException {
        String id = "ses_gc" + i;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id, state, inviter, head_seq, "
                + "head_hash, snapshot, created_at, expires_at, updated_at) VALUES (?, 'CONVERSING', 'agt_a', 3, 'h3', '{}', ?, ?, ?)")) {
            ps.setString(1, id);
            for (int k = 2; k <= 4; k++) {
                ps.setObject(k, NOW.atOffset(ZoneOffset.UTC));
            }
            ps.executeUpdate();
        }
        return id;
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the container's DefaultManagedThreadFactory gives the writers: plain threads here. */
    private static final class Threads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return new ForkJoinWorkerThread(pool) {
            };
        }
    }
}
