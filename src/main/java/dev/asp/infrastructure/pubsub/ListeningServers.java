package dev.asp.infrastructure.pubsub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Whether another server listens on this database, so that a server alone on it sends no NOTIFY
 * that nobody hears (measured: about 7 % of a lone server's CPU per message). PostgreSQL knows
 * without any table of ours: every listener names its connection {@code asp-listener <origin>}
 * ({@link PgListener}), and {@code pg_stat_activity} shows the connections of everyone on the
 * database (all servers connect as one role, or one with {@code pg_read_all_stats}). Asked every
 * {@link #REFRESH_SECONDS} s; until the first answer, and whenever the question fails, the answer
 * is yes. A server that starts listening re-reads what its subscribers follow once the others must
 * have seen it ({@link PgListener}), so what they committed before that is not missed.
 */
@ApplicationScoped
public class ListeningServers {
    private static final Logger LOG = Logger.getLogger(ListeningServers.class.getName());
    static final long REFRESH_SECONDS = 1;
    static final String NAME_PREFIX = "asp-listener ";

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    @Inject
    DatabaseKind database;

    @Inject
    LiveHub hub;

    private volatile boolean others = true;
    private volatile boolean failing;
    private ScheduledFuture<?> refreshing;

    void start(@Observes Startup startup) {
        refreshing = hub.executor().scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    /** The application name of {@code origin}'s listening connection. */
    static String listenerName(String origin) {
        return NAME_PREFIX + origin;
    }

    /** Whether a NOTIFY could be heard by another server. */
    public boolean others() {
        return others;
    }

    void refresh() {
        try {
            if (!database.isPostgres()) {
                others = false; // known once, so each refresh after that costs nothing
                return;
            }
            others = othersThan(PgAnnouncer.ORIGIN);
            failing = false;
        } catch (SQLException | RuntimeException e) {
            others = true;
            if (!failing) {
                LOG.log(Level.WARNING, "cannot tell whether other servers listen; announcing every message meanwhile", e);
            }
            failing = true;
        }
    }

    boolean othersThan(String origin) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name LIKE ? AND application_name <> ?)")) {
            ps.setString(1, NAME_PREFIX + "%");
            ps.setString(2, listenerName(origin));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
