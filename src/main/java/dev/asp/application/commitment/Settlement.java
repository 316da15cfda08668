package dev.asp.application.commitment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.asp.application.ledger.Ledger;
import dev.asp.application.session.SessionService;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentFulfilled;
import dev.asp.domain.commitment.CommitmentRepository;
import dev.asp.domain.commitment.SettledOutcome;
import dev.asp.domain.session.Decision;
import dev.asp.domain.session.Outcome;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * What follows when a commitment settles (spec 4.5, 5): payments conditioned on it are released,
 * the domain event goes to trust, and once every commitment of an executing session has settled the
 * session closes itself with a system CLOSE. Always inside the transaction that settled it.
 */
@ApplicationScoped
@InTransaction
public class Settlement {
    @Inject
    CommitmentRepository commitments;

    @Inject
    Ledger ledger;

    @Inject
    SessionService sessions;

    @Inject
    Event<CommitmentFulfilled> fulfilled;

    /** {@code c} has just become {@code fulfilled}: publish it and release what waited for it. */
    public void fulfilled(Commitment c, String cause, Instant now) {
        fulfilled.fire(new CommitmentFulfilled(c.id(), c.sessionId(), c.debtor(), c.creditor(), c.type(), c.amountUsd(), c.deadline(), now, cause));
        releaseConditionedOn(c, now);
    }

    /** Spec 5: a conditioned payment is released to its creditor's org the moment its condition is fulfilled. */
    public void releaseConditionedOn(Commitment condition, Instant now) {
        for (Commitment p : commitments.conditionedOn(condition)) {
            if (p.releaseOnCondition(now)) {
                BigDecimal escrow = p.takeEscrow();
                if (escrow.signum() > 0) {
                    ledger.release(p.debtorOrg(), p.creditorOrg(), escrow, p.id());
                } else {
                    ledger.transfer(p.debtorOrg(), p.creditorOrg(), p.amountUsd(), p.id());
                }
                fulfilled(p, "condition", now);
            }
        }
    }

    /** Spec 5: the condition was breached, so the payments conditioned on it are cancelled and their escrow refunded. */
    public List<String> cancelConditionedOn(Commitment breached, Instant now) {
        List<Commitment> cancelled = commitments.conditionedOn(breached).stream().filter(p -> p.cancelForBreachedCondition(now)).toList();
        cancelled.forEach(this::refund);
        return cancelled.stream().map(Commitment::id).toList();
    }

    /** Ends {@code c}'s escrow by refunding it to the debtor's org; answers what was refunded (0 without escrow). */
    public BigDecimal refund(Commitment c) {
        BigDecimal escrow = c.takeEscrow();
        if (escrow.signum() > 0) {
            ledger.refund(c.debtorOrg(), escrow, c.id());
        }
        return escrow;
    }

    /**
     * Spec 4.5: an EXECUTING session closes itself when every commitment has settled — success if all
     * are fulfilled, partial if some are, failure if none. Nothing while any runs, or once CLOSED.
     */
    public void closeSessionIfSettled(String sessionId) {
        Optional<Outcome> settled = SettledOutcome.of(commitments.statusesOf(sessionId));
        if (settled.isEmpty()) {
            return;
        }
        Outcome outcome = settled.get();
        sessions.serviceEvent(sessionId, n -> n.settlesWithCommitments() ? n.settle(outcome) : new Decision(n, 0, List.of(), List.of()));
    }
}
