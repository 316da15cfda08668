package dev.asp.application.dispute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** The ids to enqueue again, marked as enqueued now (so another server's sweep skips them). */
    @InTransaction
    public List<String> due() {
        Instant now = clock.instant();
        List<Dispute> stale = em.createQuery("select d from Dispute d where d.status = 'open' and d.enqueuedAt < :t order by d.enqueuedAt",
                Dispute.class).setParameter("t", now.minus(requeueAfter)).setMaxResults(BATCH)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        stale.forEach(d -> d.reenqueued(now));
        return stale.stream().map(Dispute::id).toList();
    }
}
