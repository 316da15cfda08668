package dev.asp.infrastructure.pubsub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * After a commit, tells the other servers on the same PostgreSQL which seqs a session gained
 * ({@code pg_notify('asp_messages', …)}). Sent on a pooled connection of its own, off the
 * committing thread: the NOTIFY cannot ride in the message's own transaction, because PostgreSQL
 * refuses to PREPARE a transaction that executed NOTIFY and the data source is XA.
 */
@ApplicationScoped
public class PgAnnouncer {
    private static final Logger LOG = Logger.getLogger(PgAnnouncer.class.getName());

    /** This server's announcements carry it, so its own listener skips what it delivered already. */
    static final String ORIGIN = UUID.randomUUID().toString();

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    @Inject
    DatabaseKind database;

    @Inject
    LiveHub hub;

    @Inject
    ListeningServers servers;

    public void announce(String sessionId, long first, long last, List<Frame.Event> events) {
        if (Boolean.FALSE.equals(database.known()) || !servers.others()) {
            return;
        }
        var announcement = new Announcement(ORIGIN, sessionId, first, last, events.stream().map(Frame.Event::json).toList());
        hub.executor().execute(() -> send(announcement));
    }

    private void send(Announcement a) {
        try {
            if (!database.isPostgres()) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, Announcement.CHANNEL);
                ps.setString(2, a.encode());
                ps.execute();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Other servers' subscribers then see these seqs with the session's next message (a gap they heal).
            LOG.log(Level.WARNING, "could not announce " + a.sessionId() + ":" + a.last() + " to the other servers", e);
        }
    }
}
