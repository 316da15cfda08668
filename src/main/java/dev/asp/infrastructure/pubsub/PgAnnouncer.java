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
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.asp.domain.identity.CredentialsWithdrawn;

/**
 * After a commit, tells the other servers on the same PostgreSQL which seqs a session gained
 * ({@code pg_notify('asp_messages', …)}) and which credentials were withdrawn
 * ({@code asp_credentials}). Sent on a pooled connection of its own, off the committing thread: the NOTIFY cannot ride in the message's own transaction, because PostgreSQL
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
        // Other servers' subscribers miss these seqs only until the session's next message (a gap they heal).
        hub.executor().execute(() -> send(Announcement.CHANNEL, announcement.encode(), sessionId + ":" + last));
    }

    /** Spec 4.8: the other servers end their WebSockets on withdrawn credentials too (within 5 s). */
    void withdrawn(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsWithdrawn withdrawn) {
        if (withdrawn.elsewhere() || Boolean.FALSE.equals(database.known()) || !servers.others()) {
            return;
        }
        String notice = CredentialNotice.encode(ORIGIN, withdrawn);
        hub.executor().execute(() -> send(CredentialNotice.CHANNEL, notice, withdrawn.reason()));
    }

    private void send(String channel, String payload, String what) {
        try {
            if (!database.isPostgres()) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, payload);
                ps.execute();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not announce " + what + " to the other servers", e);
        }
    }
}
