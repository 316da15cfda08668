package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/** Where the test command is given a PostgreSQL {@code ASP_DB_URL} (as CI does): who listens, seen in pg_stat_activity. */
@EnabledIfEnvironmentVariable(named = "ASP_DB_URL", matches = "jdbc:postgresql:.*")
class ListeningServersOnPostgresTest {
    private final ListeningServers servers = new ListeningServers();
    private final PGSimpleDataSource pg = new PGSimpleDataSource();
    private final String me = "test-" + UUID.randomUUID();
    private final String other = "test-" + UUID.randomUUID();

    ListeningServersOnPostgresTest() {
        pg.setURL(System.getenv("ASP_DB_URL"));
        pg.setUser(System.getenv().getOrDefault("ASP_DB_USER", "postgres"));
        pg.setPassword(System.getenv().getOrDefault("ASP_DB_PASSWORD", ""));
        servers.dataSource = pg;
    }

    @Test
    void anotherServersListenerIsSeenWhileItIsConnectedAndOnesOwnIsNot() throws SQLException {
        try (Connection mine = named(me)) {
            assertFalse(servers.othersThan(me), "alone: only this server's own listener");
            try (Connection theirs = named(other)) {
                assertTrue(servers.othersThan(me));
            }
            assertFalse(servers.othersThan(me), "gone with its connection");
        }
    }

    @Test
    void aConnectionThatIsNoListenerDoesNotCount() throws SQLException {
        try (Connection plain = pg.getConnection()) {
            plain.createStatement().execute("SET application_name = 'asp-something-else'");
            assertFalse(servers.othersThan(me));
        }
    }

    private Connection named(String origin) throws SQLException {
        Connection c = pg.getConnection();
        c.createStatement().execute("SET application_name = '" + ListeningServers.listenerName(origin) + "'");
        return c;
    }
}
