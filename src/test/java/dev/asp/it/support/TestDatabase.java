package dev.asp.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct access to the server's PostgreSQL for tests that tamper with rows; null on the embedded database. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getenv("ASP_DB_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        return DriverManager.getConnection(url, System.getenv().getOrDefault("ASP_DB_USER", "postgres"), System.getenv().getOrDefault("ASP_DB_PASSWORD", ""));
    }
}
