package dev.asp.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Spec 4.3 and 4.5: the performative list and the state table are what the spec says, and agree. */
class StateMachineTest {
    private static final List<String> SPEC_PERFORMATIVES = List.of("PROPOSE", "COUNTER", "ACCEPT", "REJECT", "QUERY", "INFORM",
            "CLARIFY", "COMMIT", "FULFILL", "DELEGATE", "ESCALATE", "WITHDRAW", "CLOSE");
    // Events the service itself raises; every other "on" of a transition names a performative.
    private static final Set<String> SERVICE_EVENTS = Set.of("settled", "approve", "deny", "maxDuration");
    // (nor does spec 4.5's INVITED list it). Whoever settles it (drop the edge, or admit ESCALATE) shrinks this set.

    @Test
    void thirteenNegotiationPerformativesInTheSpecsOrder() {
        assertEquals(SPEC_PERFORMATIVES, Performative.negotiation().stream().map(Enum::name).toList());
        assertFalse(Performative.negotiation().contains(Performative.INVITE));
    }

    @Test
    void performativesParseExactlyAndCaseSensitively() {
        assertEquals(Optional.of(Performative.ACCEPT), Performative.parse("ACCEPT"));
        assertEquals(Optional.empty(), Performative.parse("accept"));
        assertEquals(Optional.empty(), Performative.parse("HANDSHAKE"));
        assertEquals(Optional.empty(), Performative.parse(""));
    }

    @Test
    void inviteIsNeverAdmittedInsideASession() {
        for (SessionState s : SessionState.values()) {
            assertFalse(StateMachine.admits(s, Performative.INVITE), s.name());
        }
    }

    @Test
    void everyStateHasItsSpecifiedPerformatives() {
        assertEquals(EnumSet.of(Performative.QUERY, Performative.INFORM, Performative.CLARIFY, Performative.PROPOSE, Performative.COUNTER,
                Performative.ACCEPT, Performative.REJECT, Performative.WITHDRAW, Performative.DELEGATE, Performative.ESCALATE,
                Performative.CLOSE), EnumSet.copyOf(StateMachine.allowed(SessionState.CONVERSING)));
        assertEquals(EnumSet.of(Performative.COMMIT, Performative.QUERY, Performative.INFORM, Performative.CLARIFY, Performative.ESCALATE,
                Performative.CLOSE), EnumSet.copyOf(StateMachine.allowed(SessionState.AGREED)));
        assertEquals(EnumSet.of(Performative.FULFILL, Performative.REJECT, Performative.INFORM, Performative.QUERY, Performative.CLARIFY,
                Performative.ESCALATE, Performative.DELEGATE, Performative.CLOSE), EnumSet.copyOf(StateMachine.allowed(SessionState.EXECUTING)));
        assertEquals(EnumSet.of(Performative.QUERY, Performative.INFORM, Performative.CLARIFY),
                EnumSet.copyOf(StateMachine.allowed(SessionState.ESCALATED)), "spec 4.6: only QUERY, INFORM and CLARIFY while paused");
        assertEquals(EnumSet.of(Performative.CLOSE, Performative.FULFILL, Performative.REJECT),
                EnumSet.copyOf(StateMachine.allowed(SessionState.CLOSED)), "spec 4.5: final CLOSEs and running commitments");
        assertTrue(StateMachine.allowed(SessionState.INVITED).containsAll(EnumSet.of(Performative.ACCEPT, Performative.REJECT)));
        assertFalse(StateMachine.admits(SessionState.INVITED, Performative.PROPOSE), "no proposal before everyone joined");
        assertFalse(StateMachine.admits(SessionState.CONVERSING, Performative.COMMIT), "COMMIT only after agreement");
        assertFalse(StateMachine.admits(SessionState.AGREED, Performative.FULFILL));
    }

    @Test
    void everyNegotiationPerformativeIsAdmittedSomewhere() {
        for (Performative p : Performative.negotiation()) {
            assertTrue(List.of(SessionState.values()).stream().anyMatch(s -> StateMachine.admits(s, p)), p.name());
        }
    }

    @Test
    void allowedSetsAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> StateMachine.allowed(SessionState.CONVERSING).add(Performative.INVITE));
        assertThrows(UnsupportedOperationException.class, () -> StateMachine.transitions().clear());
    }

    @Test
    void theHappyPathIsConnected() {
        assertTransition(null, "INVITE", SessionState.INVITED);
        assertTransition(SessionState.INVITED, "ACCEPT", SessionState.CONVERSING);
        assertTransition(SessionState.CONVERSING, "ACCEPT", SessionState.AGREED);
        assertTransition(SessionState.AGREED, "COMMIT", SessionState.EXECUTING);
        assertTransition(SessionState.EXECUTING, "settled", SessionState.CLOSED);
        assertTransition(SessionState.ESCALATED, "deny", SessionState.CLOSED);
    }

    @Test
    void everyOpenStateCanBeClosedAndNoEdgeLeavesClosed() {
        for (SessionState s : EnumSet.complementOf(EnumSet.of(SessionState.CLOSED, SessionState.ESCALATED))) {
            assertTransition(s, "CLOSE", SessionState.CLOSED);
        }
        assertTrue(StateMachine.transitions().stream().noneMatch(t -> t.from() == SessionState.CLOSED));
    }

    @Test
    void onlyTheOpeningEdgeStartsFromNothing() {
        List<StateMachine.Transition> opening = StateMachine.transitions().stream().filter(t -> t.from() == null).toList();
        assertEquals(1, opening.size());
        assertEquals("INVITE", opening.get(0).on());
    }

    @Test
    void everyEdgeIsEitherAServiceEventOrAPerformativeTheStateAdmits() {
        List<String> inconsistent = new ArrayList<>();
        for (StateMachine.Transition t : StateMachine.transitions()) {
            if (t.from() == null || SERVICE_EVENTS.contains(t.on())) {
                continue;
            }
            Optional<Performative> p = Performative.parse(t.on());
            assertTrue(p.isPresent(), "unknown trigger " + t.on());
            if (!StateMachine.admits(t.from(), p.get())) {
                inconsistent.add(t.from() + " --" + t.on() + "-->");
            }
            assertFalse(t.when().isBlank(), "every edge says when it applies");
        }
        assertEquals(List.of(), inconsistent, "a transition on a performative its state refuses can never fire");
    }

    private static void assertTransition(SessionState from, String on, SessionState to) {
        assertTrue(StateMachine.transitions().stream().anyMatch(t -> t.from() == from && t.on().equals(on) && t.to() == to),
                from + " --" + on + "--> " + to);
    }
}
