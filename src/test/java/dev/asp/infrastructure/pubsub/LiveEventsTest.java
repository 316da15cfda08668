package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Outcome;
import dev.asp.domain.session.Performative;
import dev.asp.domain.session.Proposal;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.Terms;

class LiveEventsTest {

    @Test
    void aStateChangeBecomesAStateEventAtTheNewHead() {
        List<Frame.Event> events = LiveEvents.of("ses_1", List.of(new Effect.StateChanged(SessionState.INVITED, SessionState.CONVERSING)), 3);
        assertEquals(1, events.size());
        JsonObject e = events.get(0).json();
        assertEquals("event", e.getString("type"));
        assertEquals("ses_1", e.getString("sessionId"));
        assertEquals("state", e.getString("event"));
        assertEquals("CONVERSING", e.getString("state"));
        assertEquals("INVITED", e.getString("from"));
        assertEquals(3, e.getInt("seq"));
        assertFalse(LiveEvents.closesSession(events.get(0)));
    }

    @Test
    void openingHasNoPreviousState() {
        JsonObject e = LiveEvents.of("ses_1", List.of(new Effect.StateChanged(null, SessionState.INVITED)), 1).get(0).json();
        assertEquals("INVITED", e.getString("state"));
        assertFalse(e.containsKey("from"));
    }

    @Test
    void agreementsCarryTheProposalAndItsTotalAsMoney() {
        Terms terms = new Terms(List.of(), new BigDecimal("2550.00"), "USD", null, List.of("agt_a", "agt_b"), null, null, false, List.of());
        Proposal p = new Proposal(6, Performative.PROPOSE, "agt_a", terms, Set.of("agt_b"));
        JsonObject e = LiveEvents.of("ses_1", List.of(new Effect.AgreementReached(p)), 7).get(0).json();
        assertEquals("agreement", e.getString("event"));
        assertEquals(6, e.getInt("proposal"));
        assertEquals("2550.00", e.getString("total"));
        assertEquals("USD", e.getString("currency"));
    }

    @Test
    void closingIsRecognised() {
        List<Frame.Event> events = LiveEvents.of("ses_1", List.of(new Effect.StateChanged(SessionState.CONVERSING, SessionState.CLOSED),
                new Effect.SessionClosed("agt_a", Outcome.CANCELLED), new Effect.ProposalClosed(4, Effect.Reason.SESSION_CLOSED)), 9);
        assertEquals(List.of("state", "closed", "proposal-closed"), events.stream().map(e -> e.json().getString("event")).toList());
        assertTrue(LiveEvents.closesSession(events.get(0)));
        assertEquals("cancelled", events.get(1).json().getString("outcome"));
        assertEquals("session_closed", events.get(2).json().getString("reason"));
    }

    @Test
    void effectsWithoutAnEventAreSkipped() {
        assertTrue(LiveEvents.of("ses_1", List.of(new Effect.ProposalAccepted(4, "agt_b")), 5).isEmpty());
    }
}
