package dev.asp.application.dispute;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.domain.dispute.Dispute;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Spec 7 durability: the dispute row is the truth, its JMS message a notice. A dispute still
 * {@code open} {@code ASP_DISPUTE_REQUEUE_AFTER} after its last enqueue lost its message (a crash between
 * commit and send, a pod gone with its local message store) and is enqueued again; processing is
 * idempotent, so a notice that was only slow changes nothing twice.
 */
@ApplicationScoped
public class DisputeSweep {
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ASP_DISPUTE_REQUEUE_AFTER", defaultValue = "PT2M")
    Duration requeueAfter;

    /**
     * The ids to enqueue again, each marked as enqueued now by a conditional UPDATE on the time it was
     * read with, so of two servers sweeping at once only one takes a dispute.
     */
    @InTransaction
    public List<String> due() {
        Instant now = clock.instant();
        List<Dispute> stale = em.createQuery("select d from Dispute d where d.status = 'open' and d.enqueuedAt < :t order by d.enqueuedAt",
                Dispute.class).setParameter("t", now.minus(requeueAfter)).setMaxResults(BATCH).getResultList();
        List<String> taken = new ArrayList<>();
        for (Dispute d : stale) {
            int won = em.createNativeQuery("UPDATE disputes SET enqueued_at = ?1 WHERE id = ?2 AND enqueued_at = ?3")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, d.id()).setParameter(3, Timestamp.from(d.enqueuedAt())).executeUpdate();
            if (won == 1) {
                taken.add(d.id());
            }
        }
        return taken;
    }
}
