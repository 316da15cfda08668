package dev.asp.application.trust;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.trust.Endorsement;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.trust.TrustStore;

/** Spec 6.4: an agent endorses another; the endorsement replaces its earlier one and enters the subject's PE. */
@ApplicationScoped
@InTransaction
public class Endorsements {
    @Inject
    AgentDirectory agents;

    @Inject
    TrustLedger ledger;

    @Inject
    TrustStore store;

    @Inject
    Clock clock;

    public Endorsement endorse(String endorserId, String subjectId, int rating, String comment) {
        Agent subject = agents.get(subjectId);
        if (!subject.canAct()) {
            throw DomainException.notFound("agent " + subjectId);
        }
        Agent endorser = agents.get(endorserId);
        Instant now = clock.instant();
        double score = endorserId.equals(subjectId) ? 0 : ledger.current(endorserId).assessment().score();
        Endorsement e = new Endorsement(endorserId, subjectId, rating, comment, score, endorser.orgId().equals(subject.orgId()), now);
        store.replaceEndorsement(e);
        ledger.record(subjectId, now, e.fact());
        return e;
    }
}
