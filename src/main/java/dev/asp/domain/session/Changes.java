package dev.asp.domain.session;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import dev.asp.domain.session.Effect.Reason;

/**
 * The transitions shared by participants' messages and service events, applied to a fresh copy
 * of a negotiation and recorded as effects, so the original stays as it was.
 */
final class Changes {
    final Negotiation n;
    private final List<Effect> effects = new ArrayList<>();
    private final List<SystemMessage> messages = new ArrayList<>();

    Changes(Negotiation n) {
        this.n = n;
    }

    void record(Effect effect) {
        effects.add(effect);
    }

    void append(SystemMessage message) {
        messages.add(message);
    }

    void moveTo(SessionState to) {
        if (n.state != to) {
            record(new Effect.StateChanged(n.state, to));
            n.state = to;
        }
    }

    void closeProposal(long seq, Reason reason) {
        if (n.proposals.remove(seq) != null) {
            record(new Effect.ProposalClosed(seq, reason));
        }
    }

    /** Spec 4.5: the first CLOSE (a party's or the service's) fixes the outcome; open proposals end with it. */
    void closeSession(String by, Outcome outcome) {
        List.copyOf(n.proposals.keySet()).forEach(seq -> closeProposal(seq, Reason.SESSION_CLOSED));
        n.escalation = null;
        n.outcome = outcome;
        moveTo(SessionState.CLOSED);
        record(new Effect.SessionClosed(by, outcome));
    }

    /** Spec 4.5: once every invitee has answered, the service introduces the participants → CONVERSING. */
    void introduceWhenAllAnswered() {
        if (!n.pendingInvitees().isEmpty()) {
            return;
        }
        if (n.joined().size() < 2) {
            closeSession(Envelope.SYSTEM, Outcome.CANCELLED);
            return;
        }
        JsonArrayBuilder people = Json.createArrayBuilder();
        n.joined().forEach(p -> people.add(Json.createObjectBuilder().add("agent", p.agent()).add("role", p.role())));
        append(new SystemMessage(SystemMessage.Kind.INTRODUCTION, Performative.INFORM, null,
                Json.createObjectBuilder().add("facts", Json.createObjectBuilder()
                        .add("event", "introduction").add("participants", people)).build()));
        moveTo(SessionState.CONVERSING);
    }

    /** Spec 4.5 AGREED: a COMMIT takes effect; when every party of the agreement has committed → EXECUTING. */
    void takeEffect(Effect.CommitmentsRequested commit) {
        n.committed.add(commit.debtor());
        record(commit);
        if (n.committed.containsAll(n.agreement.parties())) {
            moveTo(SessionState.EXECUTING);
        }
    }

    void systemClose(SystemMessage.Kind kind, Outcome outcome, Long replyTo) {
        closeSession(Envelope.SYSTEM, outcome);
        append(new SystemMessage(kind, Performative.CLOSE, replyTo,
                Json.createObjectBuilder().add("outcome", outcome.wire()).build()));
    }

    Decision decision(long tokens) {
        return new Decision(n, tokens, effects, messages);
    }
}
