package dev.asp.domain.session;

import java.util.List;

import jakarta.json.Json;

import dev.asp.domain.shared.DomainException;

/** What the service itself does to a session: escalation decisions (4.6), timeout and settlement (4.5). */
final class ServiceEvents {
    private ServiceEvents() {
    }

    static Decision approve(Negotiation current) {
        Escalation escalation = pending(current);
        Changes c = new Changes(current.copy());
        c.n.escalation = null;
        c.moveTo(escalation.pausedFrom());
        c.record(new Effect.EscalationDecided(escalation.seq(), true));
        c.append(new SystemMessage(SystemMessage.Kind.ESCALATION_APPROVED, Performative.INFORM, escalation.seq(),
                Json.createObjectBuilder().add("facts", Json.createObjectBuilder()
                        .add("event", "escalation-approved").add("escalation", escalation.seq())).build()));
        escalation.heldCommit().ifPresent(c::takeEffect);
        return c.decision(0);
    }

    static Decision deny(Negotiation current) {
        Escalation escalation = pending(current);
        Changes c = new Changes(current.copy());
        c.record(new Effect.EscalationDecided(escalation.seq(), false));
        c.systemClose(SystemMessage.Kind.ESCALATION_DENIED, Outcome.ESCALATED, escalation.seq());
        return c.decision(0);
    }

    private static Escalation pending(Negotiation current) {
        return current.pendingEscalation().orElseThrow(() ->
                DomainException.conflict("session " + current.sessionId() + " has no pending escalation"));
    }

    static Decision timeout(Negotiation current, boolean commitmentsRunning) {
        if (current.state() == SessionState.CLOSED || commitmentsRunning) {
            return unchanged(current);
        }
        Changes c = new Changes(current.copy());
        c.systemClose(SystemMessage.Kind.TIMEOUT, Outcome.TIMEOUT, null);
        return c.decision(0);
    }

    static Decision settle(Negotiation current, Outcome outcome) {
        if (outcome != Outcome.SUCCESS && outcome != Outcome.PARTIAL && outcome != Outcome.FAILURE) {
            throw new IllegalArgumentException("settled commitments give success, partial or failure, not " + outcome);
        }
        if (current.state() == SessionState.CLOSED) {
            return unchanged(current);
        }
        boolean executing = current.state() == SessionState.EXECUTING
                || current.pausedFrom().filter(s -> s == SessionState.EXECUTING).isPresent();
        if (!executing) {
            throw DomainException.conflict("session " + current.sessionId() + " is " + current.state()
                    + ": only EXECUTING closes itself when its commitments settle");
        }
        Changes c = new Changes(current.copy());
        c.systemClose(SystemMessage.Kind.SETTLED, outcome, null);
        return c.decision(0);
    }

    private static Decision unchanged(Negotiation current) {
        return new Decision(current, 0, List.of(), List.of());
    }
}
