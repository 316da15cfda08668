package dev.asp.infrastructure.security;

import java.sql.SQLException;
import javax.sql.DataSource;
import jakarta.annotation.Resource;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * The used-jti table shared by all servers on the database: the primary key refuses a replay.
 * On PostgreSQL the row is committed without waiting for the WAL flush: it is visible to every
 * server at once, and a crash can only forget jtis that expire within two minutes anyway, so a
 * second fsync per request (besides the message's own) buys nothing.
 */
@ApplicationScoped
public class UsedJtiStore {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Resource(lookup = "jdbc/asp")
    DataSource dataSource;

    private volatile Boolean postgres;

    /** @return false when the hash was already recorded (a replay) */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean record(String jtiHash, Instant expiresAt) {
        if (isPostgres()) {
            em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        }
        int inserted = em.createNativeQuery(
                "INSERT INTO used_jtis (jti_hash, expires_at) SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM used_jtis WHERE jti_hash = ?1)")
                .setParameter(1, jtiHash)
                .setParameter(2, expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate();
        return inserted == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM used_jtis WHERE expires_at < ?1")
                .setParameter(1, now.atOffset(java.time.ZoneOffset.UTC)).executeUpdate();
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (var c = dataSource.getConnection()) {
                known = c.getMetaData().getDatabaseProductName().contains("PostgreSQL");
            } catch (SQLException e) {
                known = false;
            }
            postgres = known;
        }
        return known;
    }

    static boolean isDuplicateKey(PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
