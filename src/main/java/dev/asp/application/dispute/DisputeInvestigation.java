package dev.asp.application.dispute;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.session.TranscriptVerifier;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.Transition;
import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.dispute.DisputeStatus;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Participant;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * The queue's investigation of one dispute (spec 7), idempotent: under the session's and the dispute's
 * row locks, a dispute that is no longer {@code open} is left as it is, so a redelivered message changes
 * nothing. It re-verifies the transcript (hashes, links, signatures), applies both orgs'
 * {@code escalateDisputesAbove}, then reads the commitment's status, deadline and FULFILL history.
 */
@ApplicationScoped
public class DisputeInvestigation {
    private static final Logger LOG = Logger.getLogger(DisputeInvestigation.class.getName());

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    TranscriptStore store;

    @Inject
    AgentDirectory agents;

    @Inject
    DisputeRemedies remedies;

    @Inject
    Clock clock;

    /** False when there was nothing to do: no such dispute, or decided already (a redelivery). */
    @InTransaction
    public boolean investigate(String disputeId) {
        Dispute unlocked = em.find(Dispute.class, disputeId);
        if (unlocked == null) {
            LOG.warning(() -> "no dispute " + disputeId + " to investigate");
            return false;
        }
        store.lock(unlocked.sessionId()); // 4.5 order: session, then its rows
        Dispute d = em.find(Dispute.class, disputeId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(d);
        if (d.status() != DisputeStatus.OPEN) {
            return false;
        }
        Instant now = clock.instant();
        Negotiation n = store.load(d.sessionId()).orElseThrow().negotiation();
        TranscriptVerifier.Result transcript = TranscriptVerifier.verify(store.page(d.sessionId(), 0, Integer.MAX_VALUE));
        if (!transcript.valid()) {
            d.escalate("the transcript does not verify at seq " + transcript.brokenSeq() + " (" + transcript.reason() + "): a human decides");
            return true;
        }
        Optional<String> threshold = aboveThreshold(d, n);
        if (threshold.isPresent()) {
            d.escalate(threshold.get());
            return true;
        }
        Commitment c = d.commitmentId() == null ? null : em.find(Commitment.class, d.commitmentId());
        if (c == null) {
            d.escalate("no commitment is named: the transcript alone cannot show fault, a human decides");
            return true;
        }
        switch (c.status()) {
            case BREACHED -> {
                d.resolve(c.debtor(), c.id() + " was breached (" + lastCause(c) + "): " + c.debtor() + " is at fault", now);
                remedies.apply(d, c.debtor(), c.creditor(), now);
            }
            case FULFILLED -> d.dismiss(c.id() + " was fulfilled" + fulfilledOnTime(c) + ": the transcript shows no fault", now);
            case CANCELLED -> d.dismiss(c.id() + " was cancelled (its condition was breached): nothing was owed", now);
            case DISPUTED -> d.escalate(c.creditor() + " rejected the delivery " + c.debtor() + " claimed: a human decides who is right");
            case DELIVERED -> d.dismiss(c.id() + "'s delivery was claimed before its deadline and awaits its creditor's confirmation", now);
            default -> {
                if (c.deadline() == null || now.isBefore(c.deadline())) {
                    d.dismiss(c.id() + " is not due yet" + (c.deadline() == null ? "" : " (deadline " + c.deadline() + ")"), now);
                } else {
                    d.escalate(c.id() + " is past its deadline and not yet breached: a human decides");
                }
            }
        }
        return true;
    }

    /** 7: above either org's escalateDisputesAbove, the queue does not decide. */
    private Optional<String> aboveThreshold(Dispute d, Negotiation n) {
        BigDecimal amount = d.amountUsd();
        if (amount == null) {
            return Optional.empty();
        }
        for (Participant p : n.participants()) {
            Organization org = agents.organizationOf(agents.get(p.agent()));
            BigDecimal limit = org.policy().escalateDisputesAbove();
            if (limit != null && amount.compareTo(limit) > 0) {
                return Optional.of(amount.toPlainString() + " USD is above escalateDisputesAbove " + limit.toPlainString() + " of " + org.id()
                        + ": a human decides");
            }
        }
        return Optional.empty();
    }

    private static String lastCause(Commitment c) {
        return c.history().isEmpty() ? "?" : c.history().get(c.history().size() - 1).cause();
    }

    private static String fulfilledOnTime(Commitment c) {
        for (Transition t : c.history()) {
            if ("fulfil".equals(t.cause()) && t.messageSeq() != null) {
                boolean onTime = c.deadline() == null || !t.at().isAfter(c.deadline());
                return " by its FULFILL at seq " + t.messageSeq() + (onTime ? ", on time" : ", after its deadline");
            }
        }
        return "";
    }
}
