package dev.asp.domain.trust;

import java.time.Instant;
import java.util.List;

/** What happened to an agent that its trust state folds in (6.2); each names exactly one cause. */
public sealed interface TrustFact {
    TrustCause cause();

    /** A message of the agent that the service stored: the clock of decay restarts (6.2). */
    record Activity(String message) implements TrustFact {
        public TrustCause cause() {
            return TrustCause.of("activity", "message", message);
        }
    }

    /**
     * A session the agent joined reached CLOSED (counted at the close that fixes the outcome, 6.1 CH).
     * {@code successful} per 6.2's recovery rule; {@code counterparts} are the other participants
     * (directional deals, 6.4); {@code durationSeconds} from INVITE to close (BC).
     */
    record SessionClosed(String session, String outcome, boolean agreement, boolean successful, List<String> counterparts,
            long durationSeconds) implements TrustFact {
        public SessionClosed {
            counterparts = List.copyOf(counterparts);
        }

        public TrustCause cause() {
            return TrustCause.of("session", "session", session);
        }
    }

    /** A breach of severity 1–10 by deadline or resolved dispute, once per commitment (or dispute). */
    record Breach(String commitment, String dispute, String session, String creditor, int severity) implements TrustFact {
        public TrustCause cause() {
            return commitment != null ? TrustCause.of("breach", "commitment", commitment) : TrustCause.of("breach", "dispute", dispute);
        }
    }

    /** A commitment the agent owed reached fulfilled (CF; ER when a payment). {@code amountUsd} null: non-monetary. */
    record Fulfilment(String commitment, String session, String creditor, boolean sameOrganization, boolean payment, Double amountUsd,
            boolean onTime) implements TrustFact {
        public TrustCause cause() {
            return TrustCause.of("fulfilment", "commitment", commitment);
        }
    }

    /** A counterpart's CLOSE rating 1–5 of the agent (RQ, directional q). */
    record Rating(String message, String session, String rater, boolean sameOrganization, int rating) implements TrustFact {
        public TrustCause cause() {
            return TrustCause.of("rating", "message", message);
        }
    }

    /** An endorsement (6.4) with the weight fixed when it was made; it replaces the endorser's earlier one. */
    record Endorsement(String endorsement, String endorser, double weight) implements TrustFact {
        public TrustCause cause() {
            return TrustCause.of("endorsement", "endorsement", endorsement);
        }
    }

    /**
     * The daily timer saw the idle days grow (6.2): changes no state. Keyed by the last activity and
     * d, so a second run records nothing and a later idle stretch of equal length still does.
     */
    record Decay(Instant since, long days) implements TrustFact {
        public TrustCause cause() {
            return new TrustCause("decay", dev.asp.domain.shared.Jsonp.object().add("type", "decay").add("days", days).build(),
                    "decay:" + since.getEpochSecond() + "+" + days);
        }
    }
}
