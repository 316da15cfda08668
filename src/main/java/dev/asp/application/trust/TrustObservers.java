package dev.asp.application.trust;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentIdentityChanged;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.commitment.CommitmentBreached;
import dev.asp.domain.commitment.CommitmentFulfilled;
import dev.asp.domain.session.Outcome;
import dev.asp.domain.session.SessionClosed;
import dev.asp.domain.session.SessionRated;
import dev.asp.domain.trust.TrustFact;
import dev.asp.domain.trust.TrustLevel;
import dev.asp.domain.trust.TrustMath;

/**
 * What commitments and sessions publish, recorded as trust events in the transaction that publishes
 * it (spec 6.2). Each event's cause makes a redelivery change nothing.
 */
@ApplicationScoped
public class TrustObservers {
    @Inject
    TrustLedger ledger;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    TrustReader trust;

    void breached(@Observes CommitmentBreached b) {
        boolean needsDefault = b.severity() < 1 || b.severity() > 10;
        TrustLevel debtor = needsDefault ? TrustLevel.ofWire(trust.of(b.debtorAgentId()).level()) : null;
        ledger.record(b.debtorAgentId(), b.at(), breach(b, debtor));
    }

    void fulfilled(@Observes CommitmentFulfilled f) {
        ledger.record(f.debtorAgentId(), f.fulfilledAt(), fulfilment(f, sameOrganization(f.debtorAgentId(), f.creditorAgentId())));
    }

    /**
     * The breach as a trust fact: once per commitment (its cause names the commitment whether a deadline
     * or a dispute found it), with the commitment's severity or, when it carries none, 6.2's default
     * from the amount and the debtor's ceiling ({@code debtorLevel}), else 3.
     */
    static TrustFact.Breach breach(CommitmentBreached b, TrustLevel debtorLevel) {
        int severity = b.severity();
        if (severity < 1 || severity > 10) {
            severity = b.amountUsd() == null ? 3 : TrustMath.defaultSeverity(b.amountUsd().doubleValue(),
                    debtorLevel.ceilingUsd() == null ? null : debtorLevel.ceilingUsd().doubleValue());
        }
        return new TrustFact.Breach(b.commitmentId(), b.disputeId(), b.sessionId(), b.creditorAgentId(), severity);
    }

    /** On time when fulfilled by its deadline (or it had none); ER counts payments. */
    static TrustFact.Fulfilment fulfilment(CommitmentFulfilled f, boolean sameOrganization) {
        boolean onTime = f.deadline() == null || !f.fulfilledAt().isAfter(f.deadline());
        return new TrustFact.Fulfilment(f.commitmentId(), f.sessionId(), f.creditorAgentId(), sameOrganization, "payment".equals(f.type()),
                f.amountUsd() == null ? null : f.amountUsd().doubleValue(), onTime);
    }

    /** CH for every participant; recovery (6.2) for each party for which the session was successful. */
    void closed(@Observes SessionClosed c) {
        long seconds = Math.max(0, Duration.between(c.startedAt(), c.closedAt()).toSeconds());
        for (String p : c.participants()) {
            List<String> others = c.participants().stream().filter(o -> !o.equals(p)).toList();
            ledger.record(p, c.closedAt(), new TrustFact.SessionClosed(c.sessionId(), c.outcome().wire(), c.agreement(), successful(c, p, others),
                    others, seconds));
        }
    }

    void rated(@Observes SessionRated r) {
        r.ratings().forEach((subject, rating) -> {
            if (!subject.equals(r.rater())) {
                ledger.record(subject, r.at(), new TrustFact.Rating(r.message(), r.sessionId(), r.rater(),
                        sameOrganization(subject, r.rater()), rating));
            }
        });
    }

    /**
     * 6.2: success with an agreement, every commitment the party owes under it fulfilled (at least one;
     * read from its trust events of the session: a fulfilment and no breach), and a counterpart of
     * another organization.
     */
    private boolean successful(SessionClosed c, String party, List<String> others) {
        if (c.outcome() != Outcome.SUCCESS || !c.agreement()) {
            return false;
        }
        List<TrustFact> there = ledger.inSession(party, c.sessionId());
        boolean fulfilled = there.stream().anyMatch(TrustFact.Fulfilment.class::isInstance);
        boolean breached = there.stream().anyMatch(TrustFact.Breach.class::isInstance);
        return fulfilled && !breached && others.stream().anyMatch(o -> !sameOrganization(party, o));
    }

    void identityChanged(@Observes AgentIdentityChanged c) {
        ledger.rerank(c.agentId());
    }

    private boolean sameOrganization(String a, String b) {
        Agent x = em.find(Agent.class, a);
        Agent y = em.find(Agent.class, b);
        return x != null && y != null && x.orgId().equals(y.orgId());
    }
}
