package dev.asp.infrastructure.pubsub;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import dev.asp.domain.identity.CredentialsWithdrawn;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * On PostgreSQL, hears what the other servers committed: one dedicated connection LISTENs on
 * {@code asp_messages} and {@code asp_credentials} (fired here as {@link CredentialsWithdrawn})
 * and blocks in {@code getNotifications} (no polling of tables). For a session followed here,
 * the announced seqs are read back from the database and fanned out; consumers drop what they
 * have already and heal any gap from the transcript. When the connection breaks, it reconnects
 * with backoff and has every followed session re-read, since announcements sent meanwhile are lost.
 */
@ApplicationScoped
public class PgListener {
    private static final Logger LOG = Logger.getLogger(PgListener.class.getName());
    private static final int WAIT_MILLIS = 5_000;
    /** A quiet connection is checked now and then: a silently dropped one would otherwise hear nothing forever. */
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    SessionEviction sessions;

    @Inject
    DatabaseKind database;

    @Inject
    LiveHub hub;

    @Inject
    TranscriptReader transcripts;

    @Inject
    Event<CredentialsWithdrawn> withdrawn;

    @Inject
    Event<AnnouncementsMissed> missed;

    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    void start(@Observes Startup startup) {
        try {
            if (!database.isPostgres()) {
                return;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the database is not reachable yet; the listener will keep trying", e);
        }
        running = true;
        thread = threads.newThread(this::listen);
        thread.setName("asp-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the listening connection is up (for operators; false on a single-server database). */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        long backoff = 500;
        boolean reconnecting = false;
        while (running) {
            try {
                if (!database.isPostgres()) {
                    return;
                }
                try (Connection c = dataSource.getConnection()) {
                    if (!c.getAutoCommit()) {
                        c.setAutoCommit(true); // LISTEN takes effect at commit
                    }
                    try (Statement s = c.createStatement()) {
                        // how the other servers see that this one listens (ListeningServers)
                        s.execute("SET application_name = '" + ListeningServers.listenerName(PgAnnouncer.ORIGIN) + "'");
                        s.execute("LISTEN " + Announcement.CHANNEL);
                        s.execute("LISTEN " + CredentialNotice.CHANNEL);
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    listening = true;
                    LOG.info(reconnecting ? "listening on " + Announcement.CHANNEL + " again; followed sessions re-read their transcripts"
                            : "listening on " + Announcement.CHANNEL + " for messages committed by other servers");
                    if (reconnecting) {
                        resync();
                    }
                    // what others committed before they saw this listener was not announced to it
                    hub.executor().schedule(this::resync, 2 * ListeningServers.REFRESH_SECONDS + 1, TimeUnit.SECONDS);
                    backoff = 500;
                    try {
                        hear(c, pg);
                    } finally {
                        forget(c);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                reconnecting = true;
                LOG.warning("the " + Announcement.CHANNEL + " listener lost its connection (" + e + "); reconnecting in " + backoff + " ms");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stopped) {
                    if (!running) {
                        return;
                    }
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        listening = false;
    }

    // A pooled connection must not go on looking like a listener. One the pool closed already (at
    // shutdown) is not reused, and asking it for a statement would only leave an FFDC file behind.
    private static void forget(Connection c) {
        try {
            if (c.isClosed()) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("RESET application_name");
            }
        } catch (SQLException e) {
            // a broken connection is not reused
        }
    }

    private void hear(Connection c, PGConnection pg) throws SQLException {
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] heard = pg.getNotifications(WAIT_MILLIS);
            long now = System.nanoTime();
            if (heard != null && heard.length > 0) {
                lastHeard = now;
                for (PGNotification n : heard) {
                    if (CredentialNotice.CHANNEL.equals(n.getName())) {
                        withdraw(n.getParameter());
                    } else {
                        dispatch(n.getParameter());
                    }
                }
            } else if (now - lastHeard > CHECK_AFTER_NANOS) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                lastHeard = now;
            }
        }
    }

    private void dispatch(String payload) {
        if (Announcement.isFrom(PgAnnouncer.ORIGIN, payload)) {
            return;
        }
        Announcement a;
        try {
            a = Announcement.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.fine(() -> "ignored a foreign notification on " + Announcement.CHANNEL + ": " + e.getMessage());
            return;
        }
        sessions.evict(a.sessionId());
        if (!hub.hasRecipients(a.sessionId())) {
            return;
        }
        hub.executor().execute(() -> deliver(a));
    }

    private void resync() {
        hub.resyncAll();
        missed.fire(new AnnouncementsMissed());
    }

    private void withdraw(String payload) {
        CredentialsWithdrawn w;
        try {
            w = CredentialNotice.decode(PgAnnouncer.ORIGIN, payload);
        } catch (IllegalArgumentException e) {
            LOG.fine(() -> "ignored a foreign notification on " + CredentialNotice.CHANNEL + ": " + e.getMessage());
            return;
        }
        if (w != null) {
            // observers only close sockets and drop cache entries: nothing that would hold up the listener
            withdrawn.fire(w);
        }
    }

    private void deliver(Announcement a) {
        try {
            int count = (int) Math.min(a.last() - a.first() + 1, Subscriber.PAGE);
            List<Frame> frames = new ArrayList<>(transcripts.after(a.sessionId(), a.first() - 1, count));
            frames.addAll(a.eventFrames());
            hub.publish(a.sessionId(), frames);
        } catch (RuntimeException e) {
            // the consumers heal the gap from the transcript with the session's next message
            LOG.log(Level.WARNING, "could not read " + a.sessionId() + " " + a.first() + ".." + a.last() + " for delivery", e);
        }
    }
}
