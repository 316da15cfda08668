package dev.asp.application.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.domain.session.Head;

/**
 * Spec 8's service-wide append-only log of sealed sessions' heads. Rows are only ever inserted, one per
 * session (a unique constraint: two servers sealing the same session append it once).
 */
@ApplicationScoped
public class HeadLog {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    /** A session's place in the log: {@code seq} orders the whole service's seals. */
    public record Entry(long seq, String sessionId, Head head, Instant sealedAt) {
    }

    /** Appends the session's head unless it is already there (same transaction as the caller's). */
    public void append(String sessionId, Head head, Instant now) {
        em.createNativeQuery("INSERT INTO head_log (session_id, head_seq, head_hash, sealed_at) SELECT ?1, ?2, ?3, ?4 "
                + "WHERE NOT EXISTS (SELECT 1 FROM head_log WHERE session_id = ?1)")
                .setParameter(1, sessionId).setParameter(2, head.seq()).setParameter(3, head.hash()).setParameter(4, Timestamp.from(now))
                .executeUpdate();
    }

    public Optional<Entry> entry(String sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, head_seq, head_hash, sealed_at FROM head_log WHERE session_id = ?1")
                .setParameter(1, sessionId).getResultList();
        return rows.stream().findFirst().map(r -> new Entry(((Number) r[0]).longValue(), sessionId,
                new Head(((Number) r[1]).longValue(), (String) r[2]), instant(r[3])));
    }

    /** Closed sessions not yet in the log, oldest change first: the candidates for sealing. */
    @SuppressWarnings("unchecked")
    public List<String> unsealedClosed(int limit) {
        return em.createNativeQuery("SELECT s.id FROM sessions s WHERE s.state = 'CLOSED' AND NOT EXISTS "
                + "(SELECT 1 FROM head_log h WHERE h.session_id = s.id) ORDER BY s.updated_at, s.id").setMaxResults(limit).getResultList();
    }

    /** When the session's row last changed (its last message), for the final-CLOSE window. */
    public Instant lastChange(String sessionId) {
        return instant(em.createNativeQuery("SELECT updated_at FROM sessions WHERE id = ?1").setParameter(1, sessionId).getSingleResult());
    }

    private static Instant instant(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(String.valueOf(v));
    }
}
