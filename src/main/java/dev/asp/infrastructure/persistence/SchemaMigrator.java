package dev.asp.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;

import dev.asp.infrastructure.persistence.migration.V6__SessionRowsLeaveRoomOnTheirPage;

/**
 * Applies the versioned migrations before the application serves anything, then tells the set-up
 * that needs them ({@link SchemaMigrated}: the operator credential). Flyway's own lock table makes concurrent starts of several
 * servers safe.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    @Inject
    Event<SchemaMigrated> migrated;

    /** The service's schema: the SQL migrations in {@code db/migration} and the Java ones, which differ by database. */
    public static Flyway schema(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration")
                .javaMigrations(new V6__SessionRowsLeaveRoomOnTheirPage())
                .load();
    }

    @PostConstruct
    void migrate() {
        keepEveryCommit();
        var result = schema(dataSource).migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now, " + result.database + ")");
        migrated.fire(new SchemaMigrated());
    }

    // Before anything is written: on H2 a commit reaches the file before it returns (EmbeddedDatabase).
    private void keepEveryCommit() {
        try (Connection c = dataSource.getConnection()) {
            if (EmbeddedDatabase.isH2(c)) {
                EmbeddedDatabase.writeEveryCommit(c);
                LOG.info("embedded H2 database: each commit written to its file before it returns (WRITE_DELAY 0), "
                        + "each group commit forced to the disk");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be made to keep every commit (on H2 its user must be an administrator): "
                    + e.getMessage(), e);
        }
    }
}
