package dev.asp.application.dispute;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.commitment.CommitmentService;
import dev.asp.application.commitment.Settlement;
import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.ledger.Ledger;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentBreached;
import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.session.Negotiation;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * What a resolved dispute does (spec 7), the queue's finding and a human's alike, in the caller's
 * transaction: the at-fault party's breach penalty unless its commitment was breached already
 * ({@link CommitmentBreached}, cause {@code dispute}; trust applies it once per commitment), the escrow
 * still held for the session's commitments it owes and the terms' {@code penalty} (from its org's
 * balance, down to 0) to the wronged party's org as ledger entries citing the dispute.
 */
@ApplicationScoped
public class DisputeRemedies {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    CommitmentService commitments;

    @Inject
    Settlement settlement;

    @Inject
    Ledger ledger;

    @Inject
    AgentDirectory agents;

    @Inject
    TranscriptStore store;

    @Inject
    Event<CommitmentBreached> breached;

    public void apply(Dispute d, String atFault, String wronged, Instant now) {
        boolean anyBreach = false;
        for (Commitment c : commitments.ofSession(d.sessionId())) {
            if (!c.debtor().equals(atFault)) {
                continue;
            }
            em.lock(c, LockModeType.PESSIMISTIC_WRITE);
            boolean disputed = c.id().equals(d.commitmentId());
            if (!disputed && c.escrowUsd().signum() == 0) {
                continue;
            }
            BigDecimal escrow = c.takeEscrow();
            if (escrow.signum() > 0) {
                ledger.award(c.debtorOrg(), orgOf(wronged), escrow, d.id());
            }
            if (c.breachByDispute(now)) {
                settlement.cancelConditionedOn(c, now);
                breached.fire(new CommitmentBreached(c.id(), c.sessionId(), c.debtor(), c.creditor(), c.type(), c.amountUsd(), c.severity(),
                        "dispute", d.id(), now));
                anyBreach = true;
            }
        }
        if (!anyBreach && d.commitmentId() == null) {
            // 6.2: a breach found by a dispute without a commitment, cause {"type":"breach","dispute":…}
            breached.fire(new CommitmentBreached(null, d.sessionId(), atFault, wronged, null, d.amountUsd(), 0, "dispute", d.id(), now));
        }
        BigDecimal penalty = termsPenalty(d.sessionId());
        if (penalty != null && penalty.signum() > 0) {
            ledger.penalty(orgOf(atFault), orgOf(wronged), penalty, d.id());
        }
        if (anyBreach) {
            settlement.closeSessionIfSettled(d.sessionId());
        }
    }

    private BigDecimal termsPenalty(String sessionId) {
        return store.load(sessionId).map(TranscriptStore.Loaded::negotiation).flatMap(Negotiation::agreement).map(p -> p.terms().penalty())
                .orElse(null);
    }

    private String orgOf(String agentId) {
        return agents.get(agentId).orgId();
    }
}
