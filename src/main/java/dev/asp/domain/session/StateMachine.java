package dev.asp.domain.session;

import static dev.asp.domain.session.Performative.*;
import static dev.asp.domain.session.SessionState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spec 4.5 as data, in one place: which performatives each state admits and which events move a
 * session between states. The validator, the discovery document and the tests all read this.
 */
public final class StateMachine {

    /** One edge: in {@code from}, {@code on} (a performative or a service event) leads to {@code to} when {@code when} holds. */
    public record Transition(SessionState from, String on, SessionState to, String when) {
    }

    private static final Map<SessionState, Set<Performative>> ALLOWED = new EnumMap<>(SessionState.class);
    private static final List<Transition> TRANSITIONS;

    static {
        ALLOWED.put(INVITED, EnumSet.of(ACCEPT, REJECT, QUERY, INFORM, CLARIFY, CLOSE));
        ALLOWED.put(CONVERSING, EnumSet.of(QUERY, INFORM, CLARIFY, PROPOSE, COUNTER, ACCEPT, REJECT, WITHDRAW, DELEGATE, ESCALATE, CLOSE));
        ALLOWED.put(AGREED, EnumSet.of(COMMIT, QUERY, INFORM, CLARIFY, ESCALATE, CLOSE));
        ALLOWED.put(EXECUTING, EnumSet.of(FULFILL, REJECT, INFORM, QUERY, CLARIFY, ESCALATE, DELEGATE, CLOSE));
        ALLOWED.put(ESCALATED, EnumSet.of(QUERY, INFORM, CLARIFY));
        ALLOWED.put(CLOSED, EnumSet.of(CLOSE, FULFILL, REJECT));

        TRANSITIONS = List.of(
                new Transition(null, "INVITE", INVITED, "seq 1; the inviter meets minTrustScore"),
                new Transition(INVITED, "ACCEPT", CONVERSING, "every invitee has accepted; the service introduces the participants"),
                new Transition(INVITED, "REJECT", CLOSED, "a bilateral invitee declines (outcome cancelled)"),
                new Transition(CONVERSING, "ACCEPT", AGREED, "every party of an open proposal other than its proposer accepted it"),
                new Transition(AGREED, "COMMIT", EXECUTING, "every party of the agreement has committed"),
                new Transition(AGREED, "COMMIT", ESCALATED, "the COMMIT's value is above the org's requireApprovalAbove (held)"),
                new Transition(EXECUTING, "settled", CLOSED, "every commitment settled (success, partial or failure)"),
                new Transition(CONVERSING, "ESCALATE", ESCALATED, "a human of the sender's org must decide"),
                new Transition(AGREED, "ESCALATE", ESCALATED, "a human of the sender's org must decide"),
                new Transition(EXECUTING, "ESCALATE", ESCALATED, "a human of the sender's org must decide"),
                new Transition(ESCALATED, "approve", null, "back to the state it was paused in"),
                new Transition(ESCALATED, "deny", CLOSED, "outcome escalated"),
                new Transition(INVITED, "CLOSE", CLOSED, "the first CLOSE fixes the outcome"),
                new Transition(CONVERSING, "CLOSE", CLOSED, "the first CLOSE fixes the outcome"),
                new Transition(AGREED, "CLOSE", CLOSED, "the first CLOSE fixes the outcome (cancelled)"),
                new Transition(EXECUTING, "CLOSE", CLOSED, "the first CLOSE fixes the outcome"),
                new Transition(INVITED, "maxDuration", CLOSED, "outcome timeout"),
                new Transition(CONVERSING, "maxDuration", CLOSED, "outcome timeout"),
                new Transition(AGREED, "maxDuration", CLOSED, "outcome timeout"),
                new Transition(ESCALATED, "maxDuration", CLOSED, "outcome timeout, unless commitments are still running"),
                new Transition(EXECUTING, "maxDuration", CLOSED, "outcome timeout, unless commitments are still running"));
        ALLOWED.replaceAll((s, p) -> Set.copyOf(p));
    }

    private StateMachine() {
    }

    public static boolean admits(SessionState state, Performative performative) {
        return ALLOWED.get(state).contains(performative);
    }

    public static Set<Performative> allowed(SessionState state) {
        return ALLOWED.get(state);
    }

    public static List<Transition> transitions() {
        return TRANSITIONS;
    }
}
