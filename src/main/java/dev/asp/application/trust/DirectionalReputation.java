package dev.asp.application.trust;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.domain.trust.TrustFact;
import dev.asp.domain.trust.TrustMath;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Spec 6.4: the observer's own view of a subject from their shared sessions only. A deal is a shared
 * session closed with an agreement; it is honored when the subject fulfilled at least one commitment
 * owed to the observer there and breached none.
 */
@ApplicationScoped
@InTransaction
public class DirectionalReputation {
    @Inject
    TrustLedger ledger;

    @Inject
    AgentDirectory agents;

    public record View(long deals, long honored, double score, List<Integer> ratings, List<Integer> breachSeverities) {
    }

    public View of(String observer, String subject) {
        agents.get(observer);
        agents.get(subject);
        Set<String> deals = new HashSet<>();
        Set<String> fulfilledIn = new HashSet<>();
        Set<String> breachedIn = new HashSet<>();
        List<Integer> ratings = new ArrayList<>();
        List<Integer> severities = new ArrayList<>();
        for (TrustFact f : ledger.dealings(subject)) {
            if (f instanceof TrustFact.SessionClosed s && s.agreement() && s.counterparts().contains(observer)) {
                deals.add(s.session());
            } else if (f instanceof TrustFact.Fulfilment ff && observer.equals(ff.creditor())) {
                fulfilledIn.add(ff.session());
            } else if (f instanceof TrustFact.Breach b && observer.equals(b.creditor())) {
                breachedIn.add(b.session());
                severities.add(b.severity());
            } else if (f instanceof TrustFact.Rating r && observer.equals(r.rater())) {
                ratings.add(r.rating());
            }
        }
        long honored = deals.stream().filter(s -> fulfilledIn.contains(s) && !breachedIn.contains(s)).count();
        return new View(deals.size(), honored, TrustMath.directional(honored, ratings, severities), ratings, severities);
    }
}
