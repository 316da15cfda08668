package dev.asp.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the embedded H2 database needs to keep an acknowledged commit (docs/durability.md). H2's
 * MVStore keeps commits in memory and writes them to its file from a background thread every
 * {@code WRITE_DELAY} milliseconds (500 by default), and never forces the file to the disk at a
 * commit: a process killed in that half second loses commits H2 had already answered. A message is
 * acknowledged only once it is durable (spec 4.2), as PostgreSQL makes it with one WAL flush.
 */
public final class EmbeddedDatabase {
    private EmbeddedDatabase() {
    }

    public static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    /**
     * {@code SET WRITE_DELAY 0}: each commit is written to the database file before it returns, so it
     * survives the death of the process (a kill, an out-of-memory end, a crash of the JVM). Database-wide
     * and kept by H2; it needs an administrator, which the user who created the database is.
     */
    public static void writeEveryCommit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        }
    }

    /**
     * {@code CHECKPOINT SYNC}: forces what the commits wrote onto the disk (fsync), so they survive a crash
     * of the machine too. The group commit does it once per batch, before it acknowledges any of it.
     */
    public static void sync(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }
}
