package dev.asp.domain.session;

import static dev.asp.domain.session.CommitmentRulesTest.commit;
import static dev.asp.domain.session.CommitmentRulesTest.delivery;
import static dev.asp.domain.session.CommitmentRulesTest.payment;
import static dev.asp.domain.session.JoiningTest.BROKER;
import static dev.asp.domain.session.JoiningTest.BUYER;
import static dev.asp.domain.session.JoiningTest.NOTE;
import static dev.asp.domain.session.JoiningTest.SELLER;
import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

class ClosingTest {

    private static Talk executing() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.send(SELLER, "ACCEPT", NOTE, t.seq());
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        t.send(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")));
        return t;
    }

    @Test
    void theFirstCloseFixesTheOutcomeAndEachOtherParticipantAddsOne() {
        Talk t = executing();
        Decision first = t.send(SELLER, "CLOSE", json("{'outcome':'success','ratings':{'agt_buyer':5},'notes':'smooth'}"));
        assertEquals(SessionState.CLOSED, first.state());
        assertEquals(Outcome.SUCCESS, t.n.outcome().orElseThrow());
        assertTrue(first.effects().contains(new Effect.SessionClosed(SELLER, Outcome.SUCCESS)));
        assertTrue(first.effects().contains(new Effect.CloseRecorded(SELLER, Outcome.SUCCESS, Map.of(BUYER, 5), "smooth", true)));
        assertFalse(t.n.everyoneClosed());

        Decision last = t.send(BUYER, "CLOSE", json("{'outcome':'partial','ratings':{'agt_seller':3}}"));
        assertEquals(List.of(new Effect.CloseRecorded(BUYER, Outcome.PARTIAL, Map.of(SELLER, 3), null, false)), last.effects());
        assertEquals(Outcome.SUCCESS, t.n.outcome().orElseThrow(), "a later CLOSE is its sender's view only");
        assertTrue(t.n.everyoneClosed());
    }

    @Test
    void aSecondCloseByTheSamePartyIsAConflict() {
        Talk t = executing();
        t.send(SELLER, "CLOSE", json("{'outcome':'success'}"));
        t.refused(ProblemCode.CONFLICT, SELLER, "CLOSE", json("{'outcome':'success'}"), null);
        t.send(BUYER, "CLOSE", json("{'outcome':'success'}"));
        t.refused(ProblemCode.CONFLICT, BUYER, "CLOSE", json("{'outcome':'success'}"), null);
    }

    @Test
    void closedRefusesEverythingElseAsConflict() {
        Talk t = executing();
        t.send(SELLER, "CLOSE", json("{'outcome':'success'}"));
        t.refused(ProblemCode.CONFLICT, BUYER, "PROPOSE", terms("2.40", 1000), null);
        t.refused(ProblemCode.CONFLICT, BUYER, "QUERY", json("{'question':'still there?'}"), null);
        t.refused(ProblemCode.CONFLICT, BUYER, "INFORM", json("{'facts':'x'}"), null);
        t.refused(ProblemCode.CONFLICT, BUYER, "FULFILL", json("{'commitment':'cmt_p1'}"), null);
        t.refused(ProblemCode.CONFLICT, BUYER, "ACCEPT", NOTE, 1L);
    }

    @Test
    void afterCloseFulfilAndRejectAboutRunningCommitmentsAreAccepted() {
        Talk t = executing();
        t.send(SELLER, "CLOSE", json("{'outcome':'cancelled'}"));
        Decision claim = t.sendRunning(SELLER, "FULFILL", json("{'commitment':'cmt_d1'}"), null);
        assertEquals(SessionState.CLOSED, claim.state());
        long fulfil = t.seq();
        Envelope unrelated = t.envelope(BUYER, "REJECT", json("{'reason':'x'}"), 5L, List.of());
        t.refused(ProblemCode.CONFLICT, () -> t.n.decide(unrelated, true));
        Envelope notRunning = t.envelope(BUYER, "REJECT", json("{'reason':'short'}"), fulfil, List.of());
        t.refused(ProblemCode.CONFLICT, () -> t.n.decide(notRunning, false));
        Decision rejected = t.sendRunning(BUYER, "REJECT", json("{'reason':'short'}"), fulfil);
        assertEquals(fulfil, rejected.effect(Effect.DeliveryRejected.class).orElseThrow().fulfilment());
    }

    @Test
    void theOutcomeAPartyFixesMustFitTheState() {
        Talk conversing = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        conversing.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "CLOSE", json("{'outcome':'success'}"), null);
        conversing.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "CLOSE", json("{'outcome':'timeout'}"), null);
        conversing.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "CLOSE", json("{'outcome':'escalated'}"), null);
        assertEquals(SessionState.CLOSED, conversing.send(BUYER, "CLOSE", json("{'outcome':'failure'}")).state());

        Talk agreed = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        agreed.send(BUYER, "PROPOSE", terms("2.40", 1000));
        agreed.send(SELLER, "ACCEPT", NOTE, agreed.seq());
        agreed.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "CLOSE", json("{'outcome':'failure'}"), null);
        assertEquals(Outcome.CANCELLED, agreed.send(BUYER, "CLOSE", json("{'outcome':'cancelled'}")).next().outcome().orElseThrow());

        Talk invited = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller");
        assertEquals(SessionState.CLOSED, invited.send(BUYER, "CLOSE", json("{'outcome':'cancelled'}")).state());
    }

    @Test
    void ratingsAreForCounterpartsInTheSession() {
        Talk t = executing();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "CLOSE", json("{'outcome':'success','ratings':{'agt_seller':5}}"), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "CLOSE", json("{'outcome':'success','ratings':{'agt_nobody':5}}"), null);
    }

    @Test
    void closingEndsTheOpenProposals() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        Decision d = t.send(SELLER, "CLOSE", json("{'outcome':'failure'}"));
        assertTrue(d.effects().contains(new Effect.ProposalClosed(proposal, Effect.Reason.SESSION_CLOSED)));
        assertEquals(List.of(), t.n.openProposals());
    }

    @Test
    void timeoutClosesUnlessCommitmentsAreRunning() {
        Talk t = executing();
        assertTrue(t.n.timeout(true).changedNothing());
        Decision d = t.keep(t.n.timeout(false));
        assertEquals(SessionState.CLOSED, d.state());
        assertEquals(Outcome.TIMEOUT, t.n.outcome().orElseThrow());
        assertEquals(SystemMessage.Kind.TIMEOUT, d.systemMessages().get(0).kind());
        assertEquals(Performative.CLOSE, d.systemMessages().get(0).performative());
        assertTrue(d.effects().contains(new Effect.SessionClosed(Envelope.SYSTEM, Outcome.TIMEOUT)));
        assertTrue(t.n.timeout(false).changedNothing(), "a second firing changes nothing");
        assertEquals(Set.of(), t.n.closedBy());
        t.send(BUYER, "CLOSE", json("{'outcome':'timeout','ratings':{'agt_seller':2}}"));
    }

    @Test
    void settlementClosesAnExecutingSession() {
        Talk t = executing();
        Decision d = t.keep(t.n.settle(Outcome.PARTIAL));
        assertEquals(Outcome.PARTIAL, t.n.outcome().orElseThrow());
        assertEquals(json("{'outcome':'partial'}"), d.systemMessages().get(0).body());
        assertTrue(t.n.settle(Outcome.SUCCESS).changedNothing());
        assertThrows(IllegalArgumentException.class, () -> t.n.settle(Outcome.TIMEOUT));
    }

    @Test
    void settlementBeforeExecutingIsAConflict() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.refused(ProblemCode.CONFLICT, () -> t.n.settle(Outcome.SUCCESS));
    }

    @Test
    void everyoneClosedCountsOnlyJoinedParticipants() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker");
        t.send(SELLER, "ACCEPT", NOTE, 1L);
        t.send(BUYER, "CLOSE", json("{'outcome':'cancelled'}"));
        assertFalse(t.n.everyoneClosed());
        t.send(SELLER, "CLOSE", json("{'outcome':'cancelled'}"));
        assertTrue(t.n.everyoneClosed());
        DomainException e = t.refused(ProblemCode.NOT_ALLOWED, BROKER, "CLOSE", json("{'outcome':'cancelled'}"), null);
        assertTrue(e.getMessage().contains(BROKER));
    }
}
