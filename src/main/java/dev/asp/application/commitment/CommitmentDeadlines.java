package dev.asp.application.commitment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.session.SessionService;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentBreached;
import dev.asp.domain.commitment.CommitmentRepository;
import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * What time does to commitments (spec 5), called by their timers. Each call locks the session row and
 * then the commitment's, and lets the entity decide: a breach or a grace-period confirmation happens
 * at most once however often, however late and on however many servers the timer fires, because the
 * second caller waits for the first's commit and then finds the commitment settled.
 */
@ApplicationScoped
@InTransaction
public class CommitmentDeadlines {
    private static final Logger LOG = Logger.getLogger(CommitmentDeadlines.class.getName());

    @Inject
    CommitmentRepository commitments;

    @Inject
    TranscriptStore store;

    @Inject
    SessionService sessions;

    @Inject
    Settlement settlement;

    @Inject
    Event<CommitmentBreached> breached;

    @Inject
    Clock clock;

    /**
     * Spec 5: still pending or escrowed at its deadline → breached: escrow refunded, the payments
     * conditioned on it cancelled and refunded, a system message in the transcript, the breach
     * published for trust (6.2) and disputes (7).
     */
    public void deadlinePassed(String commitmentId) {
        Commitment c = locked(commitmentId);
        Instant now = clock.instant();
        if (c == null || !c.breach(now)) {
            return;
        }
        BigDecimal refunded = settlement.refund(c);
        List<String> cancelled = settlement.cancelConditionedOn(c, now);
        JsonObjectBuilder facts = Jsonp.object().add("event", "commitment-breached").add("commitment", c.id())
                .add("debtor", c.debtor()).add("deadline", c.deadline().toString()).add("severity", c.severity())
                .add("cancelled", Jsonp.array(cancelled));
        if (refunded.signum() > 0) {
            facts.add("refunded", refunded.toPlainString());
        }
        sessions.serviceEvent(c.sessionId(), n -> n.commitmentEvent(facts.build()));
        breached.fire(new CommitmentBreached(c.id(), c.sessionId(), c.debtor(), c.creditor(), c.type(), c.amountUsd(), c.severity(),
                "deadline", null, now));
        settlement.closeSessionIfSettled(c.sessionId());
        LOG.info(() -> c.id() + " of " + c.sessionId() + " breached its deadline " + c.deadline());
    }

    /** Spec 5: a delivery neither confirmed nor disputed within the grace period → fulfilled. */
    public void gracePeriodEnded(String commitmentId) {
        Commitment c = locked(commitmentId);
        Instant now = clock.instant();
        if (c == null || !c.confirmByGracePeriod(now)) {
            return;
        }
        sessions.serviceEvent(c.sessionId(), n -> n.commitmentEvent(Jsonp.object().add("event", "delivery-confirmed")
                .add("commitment", c.id()).add("by", "grace-period").build()));
        settlement.fulfilled(c, "grace-period", now);
        settlement.closeSessionIfSettled(c.sessionId());
    }

    /** The session row, then the commitment's, under lock (the order of a message's own transaction). */
    private Commitment locked(String commitmentId) {
        Commitment peek = commitments.byId(commitmentId).orElse(null);
        if (peek == null) {
            return null;
        }
        store.lock(peek.sessionId());
        return commitments.lockedById(commitmentId).orElseThrow();
    }
}
