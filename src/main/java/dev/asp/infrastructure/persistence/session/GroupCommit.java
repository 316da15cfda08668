package dev.asp.infrastructure.persistence.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import dev.asp.domain.session.Negotiation;
import dev.asp.infrastructure.persistence.EmbeddedDatabase;
import dev.asp.infrastructure.persistence.UniqueViolation;
import dev.asp.infrastructure.pubsub.Announcement;
import dev.asp.infrastructure.security.JtiClaim;

/**
 * Group commit for the message hot path: appends from many requests, on many sessions, are
 * written together in one local transaction and made durable by one WAL flush, instead of one
 * XA transaction (and one flush) each. Every append keeps its own guarantees: the head moves by
 * compare-and-set on {@code head_seq}, the (session, seq) key still refuses a fork, and nothing is
 * acknowledged before the transaction that holds it has committed. Nobody waits for a batch with a
 * thread of its own: an append's future is completed by the writer, which also runs what the
 * sender chained to it (the acknowledgement, the push to subscribers).
 *
 * <p>Per batch, in this order: the DPoP proofs' jtis (a replay across servers loses here, before
 * any session is touched), the heads (sorted by session, so two writers never deadlock), the
 * winners' transcript rows, and on PostgreSQL their NOTIFY, which PostgreSQL delivers at commit.
 * A batch that fails as a whole (a reused message id, a jti raced by another server) is rolled
 * back and its appends are written one by one, so only the offender is refused. On the embedded H2
 * database the commit is also forced to the disk before anyone is answered ({@link EmbeddedDatabase}).
 */
@ApplicationScoped
public class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** Most appends one transaction takes; more wait for the next. */
    static final int MAX_BATCH = 256;
    /** Writers in parallel: one fills a batch while the other waits for its flush. */
    static final int WRITERS = 2;

    /** What became of an append. */
    public enum Result {
        COMMITTED, STALE_HEAD, DUPLICATE_ID, REPLAYED_PROOF
    }

    /**
     * A group-committed message writes the session's snapshot only when its seq is a multiple of
     * this; a load replays the few messages after the snapshot ({@link TranscriptStore#load}).
     * Serializing the whole negotiation for every message was about a twentieth of the server's CPU
     * per message. Every other append (joins, commitments, system messages) writes it always.
     */
    static final int SNAPSHOT_EVERY = 16;

    /** What a session row becomes: the negotiation's state, head and snapshot (null: keep the stored one). */
    public record Head(String state, long seq, String hash, String outcome, String snapshot) {
        /** The snapshot is written here, on the request's thread, so the writers only write. */
        public static Head of(Negotiation n) {
            String snapshot = n.head().seq() % SNAPSHOT_EVERY == 0 ? n.toJson().toString() : null;
            return new Head(n.state().name(), n.head().seq(), n.head().hash(), n.outcome().map(o -> o.wire()).orElse(null), snapshot);
        }

        /** With the snapshot always: appends outside the group commit are few and keep it current. */
        static Head withSnapshot(Negotiation n) {
            return new Head(n.state().name(), n.head().seq(), n.head().hash(), n.outcome().map(o -> o.wire()).orElse(null), n.toJson().toString());
        }
    }

    /**
     * @param proof the request's DPoP jti to record, or null (a WebSocket send: recorded at the upgrade)
     * @param announcement the NOTIFY payload for other servers, or null (not on PostgreSQL)
     */
    public record Append(String sessionId, long expectedHeadSeq, Head head, List<MessageRecord> records, JtiClaim proof, String announcement,
            Instant now) {
    }

    private record Pending(Append append, CompletableFuture<Result> done) {
    }

    @Resource(lookup = "jdbc/aspDirect")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    /** Whether the database is H2, whose commits the batch forces to the disk itself; null until the first batch. */
    private volatile Boolean embedded;

    @PostConstruct
    void start() {
        running = true;
        for (int i = 0; i < WRITERS; i++) {
            Thread t = threads.newThread(this::drain);
            t.setName("asp-group-commit-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        for (Pending p; (p = queue.poll()) != null;) {
            p.done().completeExceptionally(new PersistenceException("the server is stopping; the message was not stored"));
        }
    }

    /**
     * Queues the append for the next batch. The future completes on a writer's thread once that
     * batch has committed (or refused it), or fails with a {@link PersistenceException} when the
     * database could not be written; so whatever depends on it must not block, or the next batch
     * waits.
     */
    public CompletableFuture<Result> submit(Append a) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new PersistenceException("the server is stopping; the message was not stored"));
            return done;
        }
        queue.add(new Pending(a, done));
        return done;
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // running was cleared by stop(), or a spurious interrupt
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                writeTogether(batch);
            } catch (RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void writeTogether(List<Pending> batch) {
        batch.sort(Comparator.comparing((Pending p) -> p.append().sessionId()).thenComparingLong(p -> p.append().expectedHeadSeq()));
        try {
            List<Result> results = write(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (SQLException e) {
            if (batch.size() == 1) {
                refuse(batch.get(0), e);
                return;
            }
            LOG.log(Level.FINE, "a batch of " + batch.size() + " appends failed as a whole; writing them one by one", e);
            for (Pending p : batch) {
                try {
                    p.done().complete(write(List.of(p)).get(0));
                } catch (SQLException alone) {
                    refuse(p, alone);
                }
            }
        }
    }

    // Alone in its transaction, a constraint the append breaks names what it did wrong: the message
    // ids' key, or else the jtis' (the (session, seq) key cannot be: the head's compare-and-set came first).
    private static void refuse(Pending p, SQLException e) {
        if (UniqueViolation.of(e, TranscriptStore.MESSAGE_ID_KEY)) {
            p.done().complete(Result.DUPLICATE_ID);
        } else if (UniqueViolation.any(e)) {
            p.done().complete(Result.REPLAYED_PROOF);
        } else {
            p.done().completeExceptionally(new PersistenceException("the message could not be stored: " + e.getMessage(), e));
        }
    }

    private List<Result> write(List<Pending> batch) throws SQLException {
        List<Result> results = new ArrayList<>(batch.size());
        batch.forEach(p -> results.add(Result.COMMITTED));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                claimProofs(c, batch, results);
                moveHeads(c, batch, results);
                insertMessages(c, batch, results);
                announce(c, batch, results);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            forceToDisk(c);
            return results;
        }
    }

    // Committed already: a failure here fails the batch's requests (a re-send is answered with the stored
    // message), it is not retried as if nothing were written.
    private void forceToDisk(Connection c) {
        try {
            Boolean h2 = embedded;
            if (h2 == null) {
                h2 = EmbeddedDatabase.isH2(c);
                embedded = h2;
            }
            if (h2) {
                EmbeddedDatabase.sync(c);
            }
        } catch (SQLException e) {
            throw new PersistenceException("the batch was committed but could not be forced to the disk: " + e.getMessage(), e);
        }
    }

    private static void claimProofs(Connection c, List<Pending> batch, List<Result> results) throws SQLException {
        List<Integer> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO used_jtis (jti_hash, expires_at) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM used_jtis WHERE jti_hash = ?)")) {
            for (int i = 0; i < batch.size(); i++) {
                JtiClaim proof = batch.get(i).append().proof();
                if (proof != null) {
                    ps.setString(1, proof.hash());
                    ps.setObject(2, proof.expiresAt().atOffset(ZoneOffset.UTC));
                    ps.setString(3, proof.hash());
                    ps.addBatch();
                    claimed.add(i);
                }
            }
            if (claimed.isEmpty()) {
                return;
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) {
                    results.set(claimed.get(k), Result.REPLAYED_PROOF);
                }
            }
        }
    }

    private static void moveHeads(Connection c, List<Pending> batch, List<Result> results) throws SQLException {
        List<Integer> tried = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AppendStatements.MOVE_HEAD)) {
            AppendStatements.Parameters parameters = parameters(ps);
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) != Result.COMMITTED) {
                    continue;
                }
                Append a = batch.get(i).append();
                AppendStatements.moveHead(parameters, a.sessionId(), a.expectedHeadSeq(), a.head(), a.now());
                ps.addBatch();
                tried.add(i);
            }
            if (tried.isEmpty()) {
                return;
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] != 1) {
                    results.set(tried.get(k), Result.STALE_HEAD);
                }
            }
        }
    }

    private static void insertMessages(Connection c, List<Pending> batch, List<Result> results) throws SQLException {
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement(AppendStatements.INSERT_MESSAGE)) {
            AppendStatements.Parameters parameters = parameters(ps);
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) != Result.COMMITTED) {
                    continue;
                }
                for (MessageRecord m : batch.get(i).append().records()) {
                    AppendStatements.insertMessage(parameters, m);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    // One statement for the whole batch; PostgreSQL holds the notifications until the commit.
    private static void announce(Connection c, List<Pending> batch, List<Result> results) throws SQLException {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String payload = batch.get(i).append().announcement();
            if (results.get(i) == Result.COMMITTED && payload != null) {
                payloads.add(payload);
            }
        }
        if (payloads.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_notify(?, p)) FROM unnest(?) AS p")) {
            ps.setString(1, Announcement.CHANNEL);
            ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
            ps.executeQuery().close();
        }
    }

    private static AppendStatements.Parameters parameters(PreparedStatement ps) {
        return new AppendStatements.Parameters() {
            @Override
            public void text(int index, String value) throws SQLException {
                ps.setString(index, value);
            }

            @Override
            public void number(int index, long value) throws SQLException {
                ps.setLong(index, value);
            }

            @Override
            public void time(int index, OffsetDateTime value) throws SQLException {
                ps.setObject(index, value);
            }
        };
    }
}
