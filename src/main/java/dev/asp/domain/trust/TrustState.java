package dev.asp.domain.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An agent's trust state (6.2): its components' inputs, the penalty divisor D, its last activity and
 * the causes already applied — the fold of its trust events in order. Immutable; {@link #apply}
 * answers the next state, or this one when the cause was applied already.
 */
public record TrustState(double penalty, Instant lastActivity, Set<String> causes, long sessionsClosed, long successfulSessions,
        long idleDaysFolded, List<BreachRecord> breaches, Map<String, Credit> fulfilments, Map<String, Credit> payments,
        Map<String, Ratings> ratings, Durations durations, Map<String, Endorsed> endorsements) {

    /** One breach as 6.2's explanation of D names it. */
    public record BreachRecord(String cause, int severity) {
    }

    /**
     * Fulfilled commitments owed to one counterpart (all of the agent's own organization pooled as one,
     * asp-trust/1): how many, how many on time, and their credit.
     */
    public record Credit(long count, long onTime, double credit) {
        Credit plus(boolean timely, double c) {
            return new Credit(count + 1, onTime + (timely ? 1 : 0), credit + c);
        }
    }

    /** Ratings by one counterpart: how many, the sum of (rating − 1)/4, whether it shares the organization. */
    public record Ratings(long count, double quality, boolean sameOrganization) {
    }

    /** Welford's running mean and sum of squares of ln(1 + session duration in seconds) (BC). */
    public record Durations(long count, double mean, double m2) {
        Durations plus(long seconds) {
            double x = Math.log1p(Math.max(0, seconds));
            long n = count + 1;
            double delta = x - mean;
            double m = mean + delta / n;
            return new Durations(n, m, m2 + delta * (x - m));
        }

        public double deviation() {
            return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
        }
    }

    /** The live endorsement of one endorser (a new one replaces it, 6.4). */
    public record Endorsed(String endorsement, double weight) {
    }

    // sorted maps: the components sum their entries in one order, so equal states give bit-equal scores
    public TrustState {
        causes = Set.copyOf(causes);
        breaches = List.copyOf(breaches);
        fulfilments = Collections.unmodifiableSortedMap(new TreeMap<>(fulfilments));
        payments = Collections.unmodifiableSortedMap(new TreeMap<>(payments));
        ratings = Collections.unmodifiableSortedMap(new TreeMap<>(ratings));
        endorsements = Collections.unmodifiableSortedMap(new TreeMap<>(endorsements));
    }

    /** A new agent: D = 1, no activity, no evidence. */
    public static TrustState initial() {
        return new TrustState(1, null, Set.of(), 0, 0, 0, List.of(), Map.of(), Map.of(), Map.of(), new Durations(0, 0, 0), Map.of());
    }

    public boolean applied(TrustCause cause) {
        return causes.contains(cause.key());
    }

    /** Folds one fact that happened at {@code at}; a cause already applied changes nothing. */
    public TrustState apply(Instant at, TrustFact fact) {
        TrustCause cause = fact.cause();
        if (applied(cause)) {
            return this;
        }
        Builder b = new Builder(this);
        b.causes.add(cause.key());
        if (fact instanceof TrustFact.Activity) {
            b.activity(at);
        } else if (fact instanceof TrustFact.SessionClosed s) {
            b.sessionsClosed++;
            b.durations = b.durations.plus(s.durationSeconds());
            if (s.successful()) {
                // 6.2: the activity rule, then the evidence, then the recovery step
                b.activity(at);
                b.successfulSessions++;
                b.penalty = TrustMath.recover(b.penalty);
            }
        } else if (fact instanceof TrustFact.Breach br) {
            b.penalty = TrustMath.breach(b.penalty, br.severity());
            b.breaches.add(new BreachRecord(cause.key(), br.severity()));
        } else if (fact instanceof TrustFact.Fulfilment f) {
            double credit = AspTrust1.credit(f);
            Credit one = new Credit(1, f.onTime() ? 1 : 0, credit);
            String from = f.sameOrganization() ? AspTrust1.OWN_ORGANIZATION : f.creditor();
            b.fulfilments.merge(from, one, (x, y) -> x.plus(f.onTime(), credit));
            if (f.payment()) {
                b.payments.merge(from, one, (x, y) -> x.plus(f.onTime(), credit));
            }
        } else if (fact instanceof TrustFact.Rating r) {
            b.ratings.merge(r.sameOrganization() ? AspTrust1.OWN_ORGANIZATION : r.rater(), new Ratings(1, (r.rating() - 1) / 4.0, r.sameOrganization()),
                    (x, y) -> new Ratings(x.count() + 1, x.quality() + y.quality(), x.sameOrganization()));
        } else if (fact instanceof TrustFact.Endorsement e) {
            b.endorsements.put(e.endorser(), new Endorsed(e.endorsement(), e.weight()));
        }
        // a Decay changes no state: the timer records what the score shows; decay enters D at the next activity
        return b.build();
    }

    /** Folds events in order: what {@link #apply} stored, replayed. */
    public static TrustState replay(List<TrustEvent> events) {
        TrustState s = initial();
        for (TrustEvent e : events) {
            s = s.apply(e.at(), e.fact());
        }
        return s;
    }

    private static final class Builder {
        double penalty;
        Instant lastActivity;
        final Set<String> causes;
        long sessionsClosed;
        long successfulSessions;
        long idleDaysFolded;
        final List<BreachRecord> breaches;
        final Map<String, Credit> fulfilments;
        final Map<String, Credit> payments;
        final Map<String, Ratings> ratings;
        Durations durations;
        final Map<String, Endorsed> endorsements;

        Builder(TrustState s) {
            penalty = s.penalty;
            lastActivity = s.lastActivity;
            causes = new HashSet<>(s.causes);
            sessionsClosed = s.sessionsClosed;
            successfulSessions = s.successfulSessions;
            idleDaysFolded = s.idleDaysFolded;
            breaches = new ArrayList<>(s.breaches);
            fulfilments = new HashMap<>(s.fulfilments);
            payments = new HashMap<>(s.payments);
            ratings = new HashMap<>(s.ratings);
            durations = s.durations;
            endorsements = new HashMap<>(s.endorsements);
        }

        /** 6.2: the idle days so far enter D and the clock restarts (an activity earlier than the last moves nothing). */
        void activity(Instant at) {
            long d = TrustMath.idleDays(lastActivity, at);
            penalty = TrustMath.foldIdle(penalty, d);
            idleDaysFolded += d;
            if (lastActivity == null || at.isAfter(lastActivity)) {
                lastActivity = at;
            }
        }

        TrustState build() {
            return new TrustState(penalty, lastActivity, causes, sessionsClosed, successfulSessions, idleDaysFolded, breaches, fulfilments,
                    payments, ratings, durations, endorsements);
        }
    }
}
