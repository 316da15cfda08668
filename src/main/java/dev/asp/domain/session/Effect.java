package dev.asp.domain.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

/** What one accepted message (or service event) changed, for the service to act on and publish. */
public sealed interface Effect {

    /**
     * Whether the service that owns this effect writes its consequences in the message's own
     * transaction, so the message is stored atomically with them and cannot join a group commit
     * (which writes only the transcript). The owner declares it on the effect: a COMMIT that holds
     * escrow answers true, a PROPOSE's effects are {@link TranscriptOnly} and answer false. True unless
     * the effect says otherwise, so a new effect is atomic with its message until its owner says not.
     */
    default boolean atomicWithMessage() {
        return true;
    }

    /** An effect that changes nothing but the transcript and its live delivery. */
    sealed interface TranscriptOnly extends Effect {
        @Override
        default boolean atomicWithMessage() {
            return false;
        }
    }

    record StateChanged(SessionState from, SessionState to) implements TranscriptOnly {
    }

    record ProposalOpened(Proposal proposal) implements TranscriptOnly {
    }

    record ProposalAccepted(long seq, String by) implements TranscriptOnly {
    }

    enum Reason { COUNTERED, REJECTED, WITHDRAWN, SUPERSEDED, AGREEMENT_REACHED, SESSION_CLOSED }

    record ProposalClosed(long seq, Reason reason) implements TranscriptOnly {
    }

    record AgreementReached(Proposal agreement) implements TranscriptOnly {
    }

    /** {@code delegateOf} is null for an invitee joining through the INVITE. */
    record ParticipantJoined(String agent, String role, String delegateOf) implements Effect {
    }

    record InvitationDeclined(String agent, String reason) implements Effect {
    }

    record DelegateInvited(Delegation delegation) implements Effect {
    }

    record DelegationDeclined(long seq, String agent) implements Effect {
    }

    /** The close that fixes the outcome; {@code by} is {@link Envelope#SYSTEM} for the service's own. */
    record SessionClosed(String by, Outcome outcome) implements Effect {
    }

    /** A participant's CLOSE: the first fixes the outcome, each later one is its final word and ratings (4.5). */
    record CloseRecorded(String by, Outcome outcome, Map<String, Integer> ratings, String notes, boolean fixesOutcome)
            implements Effect {
        public CloseRecorded {
            ratings = Collections.unmodifiableMap(new LinkedHashMap<>(ratings));
        }
    }

    record EscalationRequested(Escalation escalation) implements Effect {
    }

    record EscalationDecided(long seq, boolean approved) implements Effect {
    }

    /**
     * A COMMIT taking effect (spec 5): each obligation becomes a commitment of {@code debtor} under
     * the agreement {@code agreement}; {@code escrow} is what the terms asked for.
     */
    record CommitmentsRequested(long seq, String debtor, long agreement, List<Obligation> obligations,
            String currency, boolean escrow) implements Effect {
        public CommitmentsRequested {
            obligations = List.copyOf(obligations);
        }
    }

    /** A FULFILL: the commitments service decides whether {@code by} is its debtor or creditor (spec 5). */
    record FulfilmentClaimed(long seq, String by, String commitment, JsonValue evidence) implements Effect {
    }

    /** A REJECT answering the FULFILL {@code fulfilment}: the creditor disputes the delivery (spec 5, 7). */
    record DeliveryRejected(long seq, String by, long fulfilment, String commitment, String reason) implements Effect {
    }
}
