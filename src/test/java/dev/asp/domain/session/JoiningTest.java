package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

class JoiningTest {
    static final String BUYER = "agt_buyer";
    static final String SELLER = "agt_seller";
    static final String BROKER = "agt_broker";
    static final String OUTSIDER = "agt_outsider";
    static final JsonObject NOTE = json("{'note':'ok'}");

    @Test
    void inviteOpensTheSessionInvited() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        assertEquals(SessionState.INVITED, t.n.state());
        assertEquals(new Effect.StateChanged(null, SessionState.INVITED), t.last.effects().get(0));
        assertTrue(t.n.isParticipant(BUYER));
        assertFalse(t.n.isParticipant(SELLER));
        assertTrue(t.n.canRead(SELLER));
        assertEquals(List.of(SELLER), t.n.pendingInvitees());
        assertEquals(BUYER, t.n.inviter());
        assertEquals(1, t.n.head().seq());
        assertEquals(t.last.tokens(), t.n.tokensUsed());
        assertTrue(t.n.tokensUsed() > 0);
        assertEquals(t.n.startedAt().plusSeconds(24 * 3600), t.n.expiresAt());
    }

    @Test
    void inviterNotListedJoinsInTheRoleInviter() {
        Talk t = Talk.invite(BUYER, SELLER, "seller");
        assertEquals("inviter", t.n.participant(BUYER).orElseThrow().role());
        assertTrue(t.n.participant(BUYER).orElseThrow().inviter());
    }

    @Test
    void inviteNamingNobodyElseIsRefused() {
        DomainException e = assertThrows(DomainException.class, () -> Talk.invite(BUYER, BUYER, "buyer"));
        assertEquals(ProblemCode.PROTOCOL_VIOLATION, e.code());
    }

    @Test
    void inviteAboveItsOwnBudgetIsExhausted() {
        DomainException e = assertThrows(DomainException.class,
                () -> Talk.invite(BUYER, json("{'tokenBudget':10}"), BUYER, "buyer", SELLER, "seller"));
        assertEquals(ProblemCode.BUDGET_EXHAUSTED, e.code());
    }

    @Test
    void onlyAnInviteAtSeqOneOpensASession() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        Envelope accept = t.envelope(SELLER, "ACCEPT", NOTE, 1L, List.of());
        assertEquals(ProblemCode.PROTOCOL_VIOLATION, assertThrows(DomainException.class, () -> Negotiation.open(accept)).code());
        Envelope lateInvite = t.envelope(BUYER, "INVITE", json("{'purpose':'x','participants':[{'agent':'agt_x','role':'r'}]}"),
                null, List.of());
        assertEquals(ProblemCode.PROTOCOL_VIOLATION, assertThrows(DomainException.class, () -> Negotiation.open(lateInvite)).code());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "INVITE", json("{'purpose':'x','participants':[]}"), null);
    }

    @Test
    void acceptOfTheInviteJoinsAndTheServiceIntroducesEveryone() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        Decision d = t.send(SELLER, "ACCEPT", NOTE, 1L);
        assertEquals(SessionState.CONVERSING, d.state());
        assertEquals(new Effect.ParticipantJoined(SELLER, "seller", null), d.effects().get(0));
        assertEquals(new Effect.StateChanged(SessionState.INVITED, SessionState.CONVERSING), d.effects().get(1));
        SystemMessage intro = d.systemMessages().get(0);
        assertEquals(SystemMessage.Kind.INTRODUCTION, intro.kind());
        assertEquals(Performative.INFORM, intro.performative());
        assertEquals(json("{'facts':{'event':'introduction','participants':[{'agent':'agt_buyer','role':'buyer'},"
                + "{'agent':'agt_seller','role':'seller'}]}}"), intro.body());
        assertEquals(3, t.seq(), "the introduction was appended as seq 3");
        assertEquals(d.tokens() + Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").n.tokensUsed(), t.n.tokensUsed(),
                "the system message consumed nothing");
    }

    @Test
    void threePartySessionWaitsForEveryInvitee() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker");
        assertEquals(SessionState.INVITED, t.send(SELLER, "ACCEPT", NOTE, 1L).state());
        assertTrue(t.last.systemMessages().isEmpty());
        assertEquals(SessionState.CONVERSING, t.send(BROKER, "ACCEPT", NOTE, 1L).state());
        assertEquals(1, t.last.systemMessages().size());
    }

    @Test
    void theInviterDoesNotAcceptItsOwnInvite() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "ACCEPT", NOTE, 1L);
    }

    @Test
    void theInviteIsAnsweredOnlyWhileInvited() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, 1L);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "REJECT", json("{'reason':'changed my mind'}"), 1L);
    }

    @Test
    void rejectOfTheInviteByABilateralInviteeCancelsTheSession() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        Decision d = t.send(SELLER, "REJECT", json("{'reason':'no stock'}"), 1L);
        assertEquals(SessionState.CLOSED, d.state());
        assertEquals(Outcome.CANCELLED, t.n.outcome().orElseThrow());
        assertTrue(d.effects().contains(new Effect.InvitationDeclined(SELLER, "no stock")));
        assertTrue(d.effects().contains(new Effect.SessionClosed(SELLER, Outcome.CANCELLED)));
        assertFalse(t.n.canRead(SELLER));
    }

    @Test
    void rejectOfTheInviteInAThreePartySessionLeavesTheOthersToGoOn() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker");
        assertEquals(SessionState.INVITED, t.send(BROKER, "REJECT", json("{'reason':'busy'}"), 1L).state());
        assertEquals(SessionState.CONVERSING, t.send(SELLER, "ACCEPT", NOTE, 1L).state());
        assertEquals(List.of(BUYER, SELLER), t.n.participants().stream().map(Participant::agent).toList());
        t.refused(ProblemCode.NOT_ALLOWED, BROKER, "QUERY", json("{'question':'may I come back?'}"), null);
    }

    @Test
    void everyInviteeDecliningCancelsTheSession() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker");
        t.send(BROKER, "REJECT", json("{'reason':'busy'}"), 1L);
        Decision d = t.send(SELLER, "REJECT", json("{'reason':'busy'}"), 1L);
        assertEquals(SessionState.CLOSED, d.state());
        assertEquals(Outcome.CANCELLED, t.n.outcome().orElseThrow());
        assertTrue(d.effects().contains(new Effect.SessionClosed(SELLER, Outcome.CANCELLED)));
        assertTrue(d.systemMessages().isEmpty(), "the REJECT itself is the transcript's record of the end");
    }

    @Test
    void anInviteeMayAskBeforeJoiningButNotNegotiate() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        t.send(SELLER, "QUERY", json("{'question':'what volume?'}"), 1L);
        t.send(BUYER, "INFORM", json("{'facts':{'volume':1000}}"), 2L);
        t.send(SELLER, "CLARIFY", json("{'question':'hours or days?'}"), 3L);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "PROPOSE", Talk.terms("2.40", 1000), null);
        t.refused(ProblemCode.NOT_ALLOWED, SELLER, "CLOSE", json("{'outcome':'cancelled'}"), null);
        assertEquals(SessionState.INVITED, t.n.state());
    }

    @Test
    void anOutsiderIsNotAllowed() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.refused(ProblemCode.NOT_ALLOWED, OUTSIDER, "QUERY", json("{'question':'hello?'}"), null);
        t.refused(ProblemCode.NOT_ALLOWED, OUTSIDER, "ACCEPT", NOTE, 1L);
    }

    @Test
    void onlyTheServiceWritesAsSystem() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.refused(ProblemCode.NOT_ALLOWED, Envelope.SYSTEM, "INFORM", json("{'facts':'trust me'}"), null);
    }

    @Test
    void aMessageForAnotherSessionIsRefused() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        Envelope e = Envelope.seal(jakarta.json.Json.createObjectBuilder(t.envelope(SELLER, "QUERY", json("{'question':'?'}"),
                null, List.of()).json()).remove("hash").remove("signature").add("sessionId", "ses_other").build(), b -> "s");
        t.refused(ProblemCode.PROTOCOL_VIOLATION, () -> t.n.decide(e));
    }
}
