package dev.asp.infrastructure.pubsub;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which database the service runs on, from the connection's metadata: PostgreSQL means other
 * servers may share it and delivery must cross servers; anything else (the embedded H2 default)
 * is a single server, where local fan-out is all there is.
 */
@ApplicationScoped
public class DatabaseKind {
    private static final Logger LOG = Logger.getLogger(DatabaseKind.class.getName());

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    private volatile Boolean postgres;

    /** What is known without asking: null until the database was first reached. */
    public Boolean known() {
        return postgres;
    }

    /** @throws SQLException when the database cannot be reached yet (asked again next time) */
    public boolean isPostgres() throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                String product = c.getMetaData().getDatabaseProductName();
                known = "PostgreSQL".equalsIgnoreCase(product);
                postgres = known;
                LOG.info("live delivery on " + product + (known ? ": across servers through LISTEN/NOTIFY" : ": this server only"));
            }
        }
        return known;
    }
}
