package dev.asp.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.asp.infrastructure.persistence.EmbeddedDatabase;
import dev.asp.infrastructure.persistence.UniqueViolation;
import dev.asp.infrastructure.persistence.session.GroupCommit;
import dev.asp.infrastructure.persistence.session.GroupCommit.Append;
import dev.asp.infrastructure.persistence.session.GroupCommit.Head;
import dev.asp.infrastructure.persistence.session.GroupCommit.Result;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.security.JtiClaim;

/**
 * The group commit inside the IT server, as the service runs it: CDI starts its writers on the server's
 * DefaultManagedThreadFactory and they write through {@code jdbc/aspDirect} (outside JTA) into the database
 * the suite runs on (PostgreSQL in CI), with the schema the application's migrations made. The unit test
 * covers the same rules on an in-memory H2 with stand-ins for the container's resources.
 *
 * <p>A small WAR of its own (the bean and the types its signatures name), beside the EAR, which
 * Arquillian removes again after the test; the EAR's bean is another instance on the same database.
 */
@ExtendWith(ArquillianExtension.class)
public class GroupCommitInContainerIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Deployment
    public static WebArchive groupCommit() {
        return ShrinkWrap.create(WebArchive.class, "asp-group-commit-it.war")
                .addClasses(GroupCommit.class, UniqueViolation.class, EmbeddedDatabase.class, MessageRecord.class, JtiClaim.class)
                // package-private: the head and row statements the group commit shares with TranscriptStore
                .addClass("dev.asp.infrastructure.persistence.session.AppendStatements");
    }

    @Inject
    GroupCommit commits;

    @Resource(lookup = "jdbc/aspDirect")
    DataSource db;

    private String session;

    @BeforeEach
    public void sessionAtHeadThree() throws SQLException {
        session = "ses_arq_" + UUID.randomUUID().toString().replace("-", "");
        update("INSERT INTO sessions (id, state, inviter, head_seq, head_hash, snapshot, created_at, expires_at, updated_at) "
                + "VALUES (?, 'CONVERSING', 'agt_arquillian', 3, 'h3', '{}', ?, ?, ?)", session, NOW, NOW.plusSeconds(3600), NOW);
    }

    @AfterEach
    public void removeSession() throws SQLException {
        update("DELETE FROM messages WHERE session_id = ?", session);
        update("DELETE FROM sessions WHERE id = ?", session);
    }

    @Test
    public void twoAppendsOnOneHeadCommitOneAndFindTheOtherStale() throws Exception {
        CompletableFuture<Result> a = commits.submit(append("msg_a", "h4a"));
        CompletableFuture<Result> b = commits.submit(append("msg_b", "h4b"));

        assertEquals(List.of(Result.COMMITTED, Result.STALE_HEAD), Stream.of(a.get(), b.get()).sorted().toList());
        String winner = a.get() == Result.COMMITTED ? "a" : "b";
        assertEquals("4 h4" + winner, text("SELECT head_seq || ' ' || head_hash FROM sessions WHERE id = ?"));
        assertEquals("4 msg_" + winner + " h4" + winner, text("SELECT min(seq) || ' ' || min(id) || ' ' || min(hash) FROM messages WHERE session_id = ?"));
        assertEquals("1", text("SELECT count(*) FROM messages WHERE session_id = ?"));
    }

    private Append append(String id, String hash) {
        MessageRecord m = new MessageRecord(session, 4, id, "agt_arquillian", "INFORM", "{\"id\":\"" + id + "\"}", hash, "kid", "{}", NOW);
        return new Append(session, 3, new Head("CONVERSING", 4, hash, null, "{}"), List.of(m), null, null, NOW);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : args[i]);
            }
            ps.executeUpdate();
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
