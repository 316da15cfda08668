package dev.asp.infrastructure.persistence.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

import dev.asp.infrastructure.persistence.session.GroupCommit.Append;
import dev.asp.infrastructure.persistence.session.GroupCommit.Result;
import dev.asp.infrastructure.pubsub.Announcement;

/**
 * The group commit on PostgreSQL, the production database, NOTIFY included. Runs where
 * the test command is given a PostgreSQL {@code ASP_DB_URL} (as CI does), each test in a schema
 * of its own that is dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "ASP_DB_URL", matches = "jdbc:postgresql:.*")
class GroupCommitOnPostgresTest extends GroupCommitContract {
    private PGSimpleDataSource pg;
    private String schema;

    @Override
    DataSource freshDatabase() throws SQLException {
        String url = System.getenv("ASP_DB_URL");
        schema = "gc_" + UUID.randomUUID().toString().replace("-", "");
        pg = new PGSimpleDataSource();
        pg.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        pg.setUser(System.getenv().getOrDefault("ASP_DB_USER", "postgres"));
        pg.setPassword(System.getenv().getOrDefault("ASP_DB_PASSWORD", ""));
        try (Connection c = pg.getConnection()) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return pg;
    }

    @Test
    void winnersAreAnnouncedToListenersAndLosersAreNot() throws Exception {
        try (Connection listener = pg.getConnection()) {
            listener.createStatement().execute("LISTEN " + Announcement.CHANNEL);
            String session = session(0);
            String payload = "gc-test-" + UUID.randomUUID();
            Append winner = announced(append(session, 3, "msg_1", null), payload + "-won");
            assertEquals(Result.COMMITTED, commits.submit(winner).join());
            assertEquals(Result.STALE_HEAD, commits.submit(announced(append(session, 3, "msg_2", null), payload + "-lost")).join());

            List<String> heard = new ArrayList<>();
            for (int i = 0; i < 10 && !heard.contains(payload + "-won"); i++) {
                PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(500);
                for (PGNotification n : got == null ? new PGNotification[0] : got) {
                    if (n.getParameter().startsWith(payload)) {
                        heard.add(n.getParameter());
                    }
                }
            }
            assertEquals(List.of(payload + "-won"), heard);
        }
    }

    @Test
    void sessionRowsLeaveRoomOnTheirPage() throws Exception {
        try (Connection c = pg.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = '" + schema + ".sessions'::regclass")) {
            rs.next();
            assertEquals("fillfactor=25", rs.getString(1));
        }
    }

    private static Append announced(Append a, String payload) {
        return new Append(a.sessionId(), a.expectedHeadSeq(), a.head(), a.records(), a.proof(), payload, a.now());
    }

    @Override
    void dropDatabase() throws SQLException {
        try (Connection c = pg.getConnection()) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
