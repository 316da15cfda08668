package dev.asp.domain.session;

import dev.asp.domain.shared.Jsonp;

import java.util.List;

import jakarta.json.JsonObject;


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
                Jsonp.object().add("facts", Jsonp.object()
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
        if (!current.settlesWithCommitments()) {
            throw DomainException.conflict("session " + current.sessionId() + " is " + current.state()
                    + ": only EXECUTING closes itself when its commitments settle");
        }
        Changes c = new Changes(current.copy());
        c.systemClose(SystemMessage.Kind.SETTLED, outcome, null);
        return c.decision(0);
    }

    /**
     * Spec 5: the service records what happened to a commitment (a breach, a delivery the grace
     * period confirmed) as an INFORM of its own; accepted in any state, CLOSED included, because
     * the service's messages about running commitments are (4.5).
     */
    static Decision commitmentEvent(Negotiation current, JsonObject facts) {
        Changes c = new Changes(current.copy());
        c.append(new SystemMessage(SystemMessage.Kind.COMMITMENT, Performative.INFORM, null, Jsonp.object().add("facts", facts).build()));
        return c.decision(0);
    }

    /**
     * Spec 2.4: a participant's agent was suspended or deprovisioned; its open sessions close
     * {@code cancelled}. Changes nothing once CLOSED (commitments live on to their deadlines).
     */
    static Decision participantDeactivated(Negotiation current, String agent) {
        if (current.state() == SessionState.CLOSED || !current.canRead(agent)) {
            return unchanged(current);
        }
        Changes c = new Changes(current.copy());
        c.systemClose(SystemMessage.Kind.PARTICIPANT_DEACTIVATED, Outcome.CANCELLED, null);
        return c.decision(0);
    }

    private static Decision unchanged(Negotiation current) {
        return new Decision(current, 0, List.of(), List.of());
    }
}
