package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What a server concludes when the database cannot tell it who listens. */
class ListeningServersTest {

    @Test
    void untilTheDatabaseAnswersEveryMessageIsAnnounced() {
        assertTrue(servers(unreachable()).others(), "before the first answer");
        ListeningServers servers = servers(unreachable());
        servers.refresh();
        assertTrue(servers.others(), "the question failed: announce rather than lose a message");
    }

    @Test
    void onTheEmbeddedDatabaseNobodyElseListens() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:ls" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ListeningServers servers = servers(h2);
        servers.refresh();
        assertFalse(servers.others());
    }

    private static ListeningServers servers(DataSource db) {
        DatabaseKind kind = new DatabaseKind();
        kind.dataSource = db;
        ListeningServers servers = new ListeningServers();
        servers.database = kind;
        servers.dataSource = db;
        return servers;
    }

    private static DataSource unreachable() {
        return (DataSource) Proxy.newProxyInstance(ListeningServersTest.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (p, method, args) -> {
                    throw new SQLException("connection refused");
                });
    }
}
