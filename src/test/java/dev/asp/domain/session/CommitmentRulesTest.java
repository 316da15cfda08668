package dev.asp.domain.session;

import static dev.asp.domain.session.JoiningTest.BROKER;
import static dev.asp.domain.session.JoiningTest.BUYER;
import static dev.asp.domain.session.JoiningTest.NOTE;
import static dev.asp.domain.session.JoiningTest.OUTSIDER;
import static dev.asp.domain.session.JoiningTest.SELLER;
import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.ProblemCode;

class CommitmentRulesTest {

    /** Buyer and seller agreed on 1000 GPU hours at 2.40 (total 2400.00). */
    private static Talk agreed() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.send(SELLER, "ACCEPT", NOTE, t.seq());
        return t;
    }

    static JsonObject commit(long proposal, String obligations) {
        return json("{'proposal':" + proposal + ",'obligations':[" + obligations + "]}");
    }

    static String delivery(String creditor) {
        return "{'type':'delivery','creditor':'" + creditor + "','description':'1000 GPU hours','deadline':'2026-03-16'}";
    }

    static String payment(String creditor, String amount) {
        return "{'type':'payment','creditor':'" + creditor + "','description':'Pay on delivery','amount':'" + amount + "'}";
    }

    @Test
    void commitBeforeAgreementIsRefused() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(t.seq(), delivery(BUYER)), null);
    }

    @Test
    void commitByEveryPartyLeadsToExecuting() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        Decision seller = t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        assertEquals(SessionState.AGREED, seller.state());
        Effect.CommitmentsRequested request = seller.effect(Effect.CommitmentsRequested.class).orElseThrow();
        assertEquals(SELLER, request.debtor());
        assertEquals(agreement, request.agreement());
        assertEquals(ObligationType.DELIVERY, request.obligations().get(0).type());
        assertEquals("USD", request.currency());
        Decision buyer = t.send(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")));
        assertEquals(SessionState.EXECUTING, buyer.state());
        assertTrue(buyer.effects().contains(new Effect.StateChanged(SessionState.AGREED, SessionState.EXECUTING)));
        assertEquals(Set.of(BUYER, SELLER), t.n.committed());
    }

    @Test
    void aPartyThatOwesNothingCommitsWithNoObligations() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        Decision d = t.send(BUYER, "COMMIT", commit(agreement, ""));
        assertEquals(SessionState.EXECUTING, d.state());
        assertEquals(List.of(), d.effect(Effect.CommitmentsRequested.class).orElseThrow().obligations());
    }

    @Test
    void commitMustNameTheAgreement() {
        Talk t = agreed();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(3, delivery(BUYER)), null);
    }

    @Test
    void commitTwiceIsRefused() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(agreement, delivery(BUYER)), null);
    }

    @Test
    void onlyAPartyOfTheAgreementCommits() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000, BUYER, SELLER));
        t.send(SELLER, "ACCEPT", NOTE, t.seq());
        long agreement = t.n.agreement().orElseThrow().seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BROKER, "COMMIT", commit(agreement, delivery(BUYER)), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(agreement, delivery(BROKER)), null);
    }

    @Test
    void theCreditorMustBeAnotherPartyOfTheAgreement() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(agreement, delivery(SELLER)), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COMMIT", commit(agreement, delivery(OUTSIDER)), null);
    }

    @Test
    void paymentsToACreditorMayNotExceedTheAgreementTotal() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.01")), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "COMMIT",
                commit(agreement, payment(SELLER, "1200.00") + "," + payment(SELLER, "1200.01")), null);
        t.send(BUYER, "COMMIT", commit(agreement, payment(SELLER, "1200.00") + "," + payment(SELLER, "1200.00")));
    }

    @Test
    void fulfillIsAClaimForTheCommitmentsService() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "FULFILL", json("{'commitment':'cmt_d1'}"), null);
        t.send(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")));
        Decision d = t.send(SELLER, "FULFILL", json("{'commitment':'cmt_d1','evidence':{'uri':'https://x/log'}}"));
        assertEquals(new Effect.FulfilmentClaimed(t.seq(), SELLER, "cmt_d1", json("{'uri':'https://x/log'}")), d.effects().get(0));
        assertEquals(SessionState.EXECUTING, d.state());
    }

    @Test
    void aCreditorsRejectOfAFulfillDisputesTheDelivery() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        t.send(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")));
        t.send(SELLER, "FULFILL", json("{'commitment':'cmt_d1'}"));
        long claim = t.seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "REJECT", json("{'reason':'not mine to reject'}"), claim);
        Decision d = t.send(BUYER, "REJECT", json("{'reason':'only 600 hours delivered'}"), claim);
        assertEquals(new Effect.DeliveryRejected(t.seq(), BUYER, claim, "cmt_d1", "only 600 hours delivered"), d.effects().get(0));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "REJECT", json("{'reason':'x'}"), agreement);
    }

    @Test
    void aHeldCommitEscalatesAndTakesEffectOnApproval() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.send(SELLER, "COMMIT", commit(agreement, delivery(BUYER)));
        Decision held = t.keep(t.n.holdCommit(t.envelope(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")),
                null, List.of())));
        assertEquals(SessionState.ESCALATED, held.state());
        assertTrue(held.effect(Effect.CommitmentsRequested.class).isEmpty(), "held: not yet in effect");
        Escalation escalation = t.n.pendingEscalation().orElseThrow();
        assertEquals(BUYER, escalation.by());
        assertEquals(SessionState.AGREED, escalation.pausedFrom());
        assertEquals(Set.of(SELLER), t.n.committed());
        assertEquals(t.n, Negotiation.fromJson(t.n.toJson()));

        Decision approved = t.keep(t.n.approve());
        assertEquals(SessionState.EXECUTING, approved.state());
        assertEquals(BUYER, approved.effect(Effect.CommitmentsRequested.class).orElseThrow().debtor());
        assertEquals(SystemMessage.Kind.ESCALATION_APPROVED, approved.systemMessages().get(0).kind());
        assertEquals(Set.of(BUYER, SELLER), t.n.committed());
    }

    @Test
    void aDeniedHeldCommitClosesTheSessionEscalated() {
        Talk t = agreed();
        long agreement = t.n.agreement().orElseThrow().seq();
        t.keep(t.n.holdCommit(t.envelope(BUYER, "COMMIT", commit(agreement, payment(SELLER, "2400.00")), null, List.of())));
        Decision denied = t.keep(t.n.deny());
        assertEquals(SessionState.CLOSED, denied.state());
        assertEquals(Outcome.ESCALATED, t.n.outcome().orElseThrow());
        assertEquals(SystemMessage.Kind.ESCALATION_DENIED, denied.systemMessages().get(0).kind());
        assertEquals(json("{'outcome':'escalated'}"), denied.systemMessages().get(0).body());
        assertTrue(denied.effect(Effect.CommitmentsRequested.class).isEmpty());
    }

    @Test
    void aHeldCommitIsCheckedLikeAnyOther() {
        Talk t = agreed();
        Envelope wrong = t.envelope(BUYER, "COMMIT", commit(3, payment(SELLER, "2400.00")), null, List.of());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, () -> t.n.holdCommit(wrong));
    }
}
