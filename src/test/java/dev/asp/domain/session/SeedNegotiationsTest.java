package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The negotiations the spec and its seed issue tell, played end to end. */
class SeedNegotiationsTest {
    static final String PROCUREMENT = "agt_procurement01";
    static final String SUPPLIER = "agt_supplier01";

    @Test
    void gpuHoursAgreeAtTwoFiftyFive() {
        Talk t = Talk.invite("agt_buyer", "agt_buyer", "buyer", "agt_seller", "seller").allJoin();
        t.send("agt_buyer", "PROPOSE", terms("2.40", 1000));
        long first = t.seq();
        t.send("agt_seller", "COUNTER", terms("2.80", 1000), first);
        long counter = t.seq();
        Decision third = t.send("agt_buyer", "PROPOSE", terms("2.55", 1000));
        long proposal = t.seq();
        assertEquals(List.of(counter, proposal), t.n.openProposals().stream().map(Proposal::seq).toList());
        assertTrue(third.effect(Effect.ProposalClosed.class).isEmpty(), "the buyer's first offer was already countered");

        Decision accept = t.send("agt_seller", "ACCEPT", json("{'note':'deal'}"), proposal);
        assertEquals(SessionState.AGREED, accept.state());
        Proposal agreement = t.n.agreement().orElseThrow();
        assertEquals(proposal, agreement.seq());
        assertEquals(new BigDecimal("2550.00"), agreement.terms().total());
        assertEquals(new BigDecimal("2.55"), agreement.terms().items().get(0).unitPrice());
        assertTrue(accept.effects().contains(new Effect.ProposalClosed(counter, Effect.Reason.AGREEMENT_REACHED)));
        assertEquals(List.of(), t.n.openProposals());
    }

    @Test
    void theTranscriptVectorsReplayToAnAgreementOnTheCounter() throws IOException {
        List<JsonObject> messages = EnvelopeTest.vectorMessages();
        Decision d = Negotiation.open(Envelope.parse(messages.get(0).getJsonObject("envelope")));
        Negotiation n = d.next();
        assertEquals(25000, n.constraints().tokenBudget().getAsLong());
        assertEquals(new BigDecimal("60"), n.constraints().minTrustScore());
        assertEquals(n.startedAt().plusSeconds(7200), n.expiresAt());
        long tokens = d.tokens();
        // The vectors test the hash chain; they leave out the service's introduction after seq 2.
        for (JsonObject m : messages.subList(1, messages.size())) {
            d = n.decide(Envelope.parse(m.getJsonObject("envelope")));
            n = d.next();
            tokens += d.tokens();
        }
        assertEquals(SessionState.AGREED, n.state());
        Proposal agreement = n.agreement().orElseThrow();
        assertEquals(4, agreement.seq());
        assertEquals(SUPPLIER, agreement.proposer());
        assertEquals(new BigDecimal("1800.00"), agreement.terms().total());
        assertEquals(Instant.parse("2026-03-17T00:00:00Z"), agreement.terms().deliverBy());
        assertEquals(Set.of(PROCUREMENT), agreement.accepts());
        assertEquals(new Head(5, messages.get(4).getJsonObject("envelope").getString("hash")), n.head());
        assertEquals(tokens, n.tokensUsed());
    }

    @Test
    void usbCRestockRunsFromInviteToExecutingAndCloses() {
        Talk t = Talk.invite(PROCUREMENT, json("{'maxDuration':'PT2H','minTrustScore':60,'tokenBudget':25000}"),
                PROCUREMENT, "buyer", SUPPLIER, "seller");
        long tokens = t.last.tokens();
        tokens += t.send(SUPPLIER, "ACCEPT", json("{'note':'joining'}"), 1L).tokens();
        assertEquals(SessionState.CONVERSING, t.n.state());

        // the six-message negotiation
        tokens += t.send(PROCUREMENT, "PROPOSE", json("{'terms':{'items':[{'description':'USB-C adapter','quantity':200,"
                + "'unitPrice':'8.50','unit':'unit'}],'total':'1700.00','currency':'USD','deliverBy':'2026-03-16T00:00:00Z',"
                + "'parties':['agt_procurement01','agt_supplier01']}}")).tokens();
        long proposal = t.seq();
        tokens += t.send(SUPPLIER, "COUNTER", json("{'terms':{'items':[{'description':'USB-C adapter','quantity':200,"
                + "'unitPrice':'9.00','unit':'unit'}],'total':'1800.00','deliverBy':'2026-03-16','escrow':true}}"), proposal).tokens();
        long counter = t.seq();
        tokens += t.send(PROCUREMENT, "CLARIFY", json("{'question':'Does 9.00 include express shipping?'}"), counter).tokens();
        tokens += t.send(SUPPLIER, "INFORM", json("{'facts':{'shipping':'express, included'}}"), t.seq()).tokens();
        tokens += t.send(PROCUREMENT, "INFORM", json("{'facts':{'budget':'approved up to 1800.00'}}")).tokens();
        Decision agreed = t.send(PROCUREMENT, "ACCEPT", json("{'note':'Accepted.'}"), counter);
        tokens += agreed.tokens();
        assertEquals(SessionState.AGREED, agreed.state());
        Proposal agreement = t.n.agreement().orElseThrow();
        assertEquals(List.of(PROCUREMENT, SUPPLIER), agreement.parties());
        assertEquals(Instant.parse("2026-03-17T00:00:00Z"), agreement.terms().deliverBy());

        Decision delivery = t.send(SUPPLIER, "COMMIT", json("{'proposal':" + counter + ",'obligations':[{'type':'delivery',"
                + "'creditor':'agt_procurement01','description':'Deliver 200 USB-C adapters','deadline':'2026-03-16'}]}"));
        tokens += delivery.tokens();
        Effect.CommitmentsRequested supplierOwes = delivery.effect(Effect.CommitmentsRequested.class).orElseThrow();
        assertEquals(SUPPLIER, supplierOwes.debtor());
        assertTrue(supplierOwes.escrow());
        assertEquals(SessionState.AGREED, delivery.state());
        String deliveryCommitment = "cmt_delivery01"; // as the commitments service would have numbered it

        Decision payment = t.send(PROCUREMENT, "COMMIT", json("{'proposal':" + counter + ",'obligations':[{'type':'payment',"
                + "'creditor':'agt_supplier01','description':'Pay $1,800 upon confirmed delivery','amount':'1800.00',"
                + "'deadline':'2026-03-18','condition':'" + deliveryCommitment + " fulfilled'}]}"));
        tokens += payment.tokens();
        assertEquals(SessionState.EXECUTING, payment.state());
        Obligation pay = payment.effect(Effect.CommitmentsRequested.class).orElseThrow().obligations().get(0);
        assertEquals(new BigDecimal("1800.00"), pay.amount());
        assertEquals(deliveryCommitment, pay.condition());
        assertEquals(Instant.parse("2026-03-19T00:00:00Z"), pay.deadline());

        tokens += t.send(SUPPLIER, "FULFILL", json("{'commitment':'cmt_delivery01','evidence':'tracking 1Z999'}")).tokens();
        tokens += t.send(PROCUREMENT, "FULFILL", json("{'commitment':'cmt_delivery01'}")).tokens();
        t.keep(t.n.settle(Outcome.SUCCESS));
        assertEquals(Outcome.SUCCESS, t.n.outcome().orElseThrow());
        tokens += t.send(PROCUREMENT, "CLOSE", json("{'outcome':'success','ratings':{'agt_supplier01':5}}")).tokens();
        tokens += t.send(SUPPLIER, "CLOSE", json("{'outcome':'success','ratings':{'agt_procurement01':5}}")).tokens();
        assertTrue(t.n.everyoneClosed());
        assertEquals(tokens, t.n.tokensUsed());
        assertTrue(t.n.tokensUsed() <= 25000);
    }

    @Test
    void threePartyPoolReachesConsensusOnlyWhenBothLabsAccept() {
        String cloud = "agt_cloud";
        String labA = "agt_laba";
        String labB = "agt_labb";
        Talk t = Talk.invite(cloud, cloud, "seller", labA, "buyer", labB, "buyer").allJoin();
        t.send(cloud, "PROPOSE", terms("2.60", 2000));
        long offer = t.seq();
        t.send(labA, "ACCEPT", json("{}"), offer);
        assertEquals(SessionState.CONVERSING, t.n.state());
        t.send(labB, "COUNTER", terms("2.50", 2000), offer);
        long counter = t.seq();
        assertEquals(List.of(counter), t.n.openProposals().stream().map(Proposal::seq).toList(), "labA's accept went with the offer");
        assertEquals(List.of(cloud, labA, labB), t.n.openProposal(counter).orElseThrow().parties());
        assertEquals(SessionState.CONVERSING, t.send(cloud, "ACCEPT", json("{}"), counter).state());
        assertEquals(SessionState.AGREED, t.send(labA, "ACCEPT", json("{}"), counter).state());

        String pay = "{'type':'payment','creditor':'agt_cloud','description':'half of the pool','amount':'2500.00'}";
        t.send(labA, "COMMIT", json("{'proposal':" + counter + ",'obligations':[" + pay + "]}"));
        t.send(labB, "COMMIT", json("{'proposal':" + counter + ",'obligations':[" + pay + "]}"));
        assertEquals(SessionState.AGREED, t.n.state());
        t.send(cloud, "COMMIT", json("{'proposal':" + counter + ",'obligations':["
                + "{'type':'delivery','creditor':'agt_laba','description':'1000 GPU hours'},"
                + "{'type':'delivery','creditor':'agt_labb','description':'1000 GPU hours'}]}"));
        assertEquals(SessionState.EXECUTING, t.n.state());
        assertEquals(Set.of(cloud, labA, labB), t.n.committed());
    }
}
