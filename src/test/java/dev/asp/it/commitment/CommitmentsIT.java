package dev.asp.it.commitment;

import static dev.asp.it.support.Asp.*;
import static dev.asp.it.support.Deals.*;
import static dev.asp.it.support.CommitmentChecks.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.Deals.Deal;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/** Spec 5 through the running server: commitments, escrow on the ledger, deadlines and the grace period. */
class CommitmentsIT {
    /** The IT server's grace period (pom: ASP_DELIVERY_GRACE_PERIOD=PT10S). */
    static final int GRACE_SECONDS = 10;

    static String buyerOrg;
    static String buyerAdmin;
    static String sellerOrg;
    static String sellerAdmin;

    @BeforeAll
    static void orgs() {
        JsonObject b = newOrg(true);
        buyerOrg = b.getString("id");
        buyerAdmin = b.getString("adminApiKey");
        JsonObject s = newOrg(false);
        sellerOrg = s.getString("id");
        sellerAdmin = s.getString("adminApiKey");
    }

    /** The seed's USB-C restock, from agreement to the session closing itself with success. */
    @Test
    void usbCRestockSettlesEndToEnd() {
        JsonObject orgs = twoFreshOrgs();
        String buyerOrgId = orgs.getString("buyerOrg");
        String sellerOrgId = orgs.getString("sellerOrg");
        TestAgent procurement = agent(orgs.getString("buyerAdmin"), true);
        TestAgent supplier = agent(orgs.getString("sellerAdmin"), true);
        credit(buyerOrgId, "5000.00");
        TestSession s = new TestSession();
        s.open(procurement, "Emergency restock: 200 USB-C adapters",
                Json.createObjectBuilder().add("maxDuration", "PT2H").add("tokenBudget", 25000).build(),
                procurement, "buyer", supplier, "seller").then().statusCode(201);
        s.send(supplier, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        String deliverBy = LocalDate.now().plusDays(2).toString();
        s.send(procurement, "PROPOSE", quotedTerms("8.50", "1700.00", deliverBy, false), null).then().statusCode(201);
        long proposal = s.headSeq;
        s.send(supplier, "COUNTER", quotedTerms("9.00", "1800.00", deliverBy, true), proposal).then().statusCode(201);
        long counter = s.headSeq;
        s.send(procurement, "ACCEPT", note("Accepted."), counter).then().statusCode(201).body("state", equalTo("AGREED"));

        Response delivery = s.send(supplier, "COMMIT", commit(counter,
                obligation("delivery", procurement, "Deliver 200 USB-C adapters", null, deliverBy, null)), null);
        delivery.then().statusCode(201).body("state", equalTo("AGREED")).body("commitments.size()", equalTo(1))
                .body("commitments[0].status", equalTo("pending"))
                .body("commitments[0].deadline", equalTo(LocalDate.parse(deliverBy).plusDays(1) + "T00:00:00Z")); // a bare date: before the next day begins
        String deliveryId = json(delivery).getJsonArray("commitments").getJsonObject(0).getString("id");
        Response payment = s.send(procurement, "COMMIT", commit(counter,
                obligation("payment", supplier, "Pay $1,800 upon confirmed delivery", "1800.00", deliverBy, deliveryId)), null);
        payment.then().statusCode(201).body("state", equalTo("EXECUTING")).body("commitments[0].status", equalTo("escrowed"))
                .body("commitments[0].condition", equalTo(deliveryId + " fulfilled"));
        String paymentId = json(payment).getJsonArray("commitments").getJsonObject(0).getString("id");
        JsonObject held = ledger(buyerOrgId);
        assertEquals("3200.00", held.getString("balance"));
        assertEquals("1800.00", held.getString("held"), "$1,800.00 held from the buyer's org");
        assertEquals(2, s.get(supplier).getJsonArray("commitments").size());

        s.send(supplier, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        assertEquals("delivered", commitment(supplier, deliveryId).getString("status"));
        s.send(procurement, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        assertEquals("fulfilled", commitment(procurement, deliveryId).getString("status"));
        JsonObject paid = commitment(procurement, paymentId);
        assertEquals("fulfilled", paid.getString("status"), "confirming the delivery also pays");
        assertEquals("condition-fulfilled", paid.getJsonArray("history").getJsonObject(2).getString("cause"));

        JsonObject closed = s.get(procurement);
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("success", closed.getString("outcome"));
        verifies(s, procurement);
        JsonObject buyer = ledger(buyerOrgId);
        JsonObject seller = ledger(sellerOrgId);
        assertEquals("3200.00", buyer.getString("balance"));
        assertEquals("0.00", buyer.getString("held"));
        assertEquals("1800.00", seller.getString("balance"), "escrow released to the supplier's org");
        assertEquals(List.of("credit", "hold", "release"), kinds(buyer));
        assertEquals(List.of("receipt"), kinds(seller));
        assertSumsToCredits(buyer);
        assertSumsToCredits(seller);
        operator().get("/v1/asp/orgs/" + buyerOrgId + "/ledger?cause=" + paymentId).then().statusCode(200)
                .body("entries.size()", equalTo(2)).body("entries[0].kind", equalTo("hold")).body("entries[1].kind", equalTo("release"));
    }

    /** The failure path: the delivery's deadline passes, so it is breached once and the conditioned payment is refunded. */
    @Test
    void aMissedDeadlineBreachesOnceRefundsAndCancelsTheConditionedPayment() throws Exception {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        credit(buyerOrg, "300.00");
        Deal deal = agreed(buyer, seller, "250.00", false);
        TestSession s = deal.session();
        String deadline = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString();
        String deliveryId = made(s.send(seller, "COMMIT", commit(deal.agreement(),
                obligation("delivery", buyer, "Deliver the adapters", null, deadline, null)), null));
        String paymentId = made(s.send(buyer, "COMMIT", commit(deal.agreement(),
                obligation("payment", seller, "Pay upon confirmed delivery", "250.00", null, deliveryId)), null));
        assertEquals("escrowed", commitment(buyer, paymentId).getString("status"), "a conditioned payment is escrowed");

        JsonObject breached = await(buyer, deliveryId, c -> "breached".equals(c.getString("status")), 60);
        assertEquals("deadline", breached.getJsonArray("history").getJsonObject(1).getString("cause"));
        assertEquals("cancelled", commitment(buyer, paymentId).getString("status"));
        Thread.sleep(3000); // a second or late firing would show up by now
        assertBreachedOnce(s, buyer, deliveryId, paymentId, buyerOrg);
        JsonObject closed = s.get(seller);
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("failure", closed.getString("outcome"));
    }

    /** A delivery its creditor neither confirms nor disputes is confirmed by the grace period, which also pays. */
    @Test
    void theGracePeriodConfirmsADeliveryAndReleasesItsPayment() throws Exception {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        credit(buyerOrg, "120.00");
        Deal deal = agreed(buyer, seller, "120.00", false);
        TestSession s = deal.session();
        String deliveryId = made(s.send(seller, "COMMIT", commit(deal.agreement(),
                obligation("delivery", buyer, "Deliver", null, LocalDate.now().plusDays(3).toString(), null)), null));
        String paymentId = made(s.send(buyer, "COMMIT", commit(deal.agreement(),
                obligation("payment", seller, "Pay upon delivery", "120.00", null, deliveryId)), null));
        s.send(seller, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        JsonObject confirmed = await(buyer, deliveryId, c -> "fulfilled".equals(c.getString("status")), GRACE_SECONDS + 60);
        assertEquals("grace-period", confirmed.getJsonArray("history").getJsonObject(2).getString("cause"));
        assertEquals("fulfilled", commitment(buyer, paymentId).getString("status"));
        JsonObject closed = s.get(buyer);
        assertEquals("success", closed.getString("outcome"));
        assertEquals(1, systemFacts(s, buyer, "delivery-confirmed").size());
        verifies(s, buyer);
    }

    /** 20 COMMITs holding 40.00 each race for one 100.00 balance: exactly 2 are held, the rest refused with nothing stored. */
    @Test
    void concurrentHoldsNeverOverdraw() throws Exception {
        JsonObject orgs = twoFreshOrgs();
        String debtorOrg = orgs.getString("buyerOrg");
        TestAgent buyer = agent(orgs.getString("buyerAdmin"), true);
        TestAgent seller = agent(orgs.getString("sellerAdmin"), true);
        credit(debtorOrg, "100.00");
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deals.add(agreed(buyer, seller, "40.00", true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (Deal d : deals) {
            JsonObject envelope = d.session().envelope(buyer, "COMMIT", commit(d.agreement(),
                    obligation("payment", seller, "Pay", "40.00", null, null)), null);
            answers.add(pool.submit(() -> {
                start.await();
                return d.session().post(buyer, envelope);
            }));
        }
        start.countDown();
        int held = 0;
        int refused = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.statusCode() == 201) {
                held++;
            } else {
                assertEquals(422, r.statusCode(), r.asString());
                assertEquals("insufficient-funds", json(r).getString("code"));
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(2, held);
        assertEquals(18, refused);
        JsonObject ledger = ledger(debtorOrg);
        assertEquals("20.00", ledger.getString("balance"));
        assertEquals("80.00", ledger.getString("held"));
        assertEquals(List.of("credit", "hold", "hold"), kinds(ledger));
        int stored = 0;
        for (Deal d : deals) {
            stored += d.session().get(buyer).getJsonArray("commitments").size();
        }
        assertEquals(2, stored, "a refused COMMIT leaves no commitment");
    }

    /** Spec 4.6 as revised: a held COMMIT takes its escrow at approval, and a short balance leaves the escalation pending. */
    @Test
    void aHeldCommitTakesItsEscrowWhenApproved() {
        JsonObject orgs = twoFreshOrgs();
        String debtorOrg = orgs.getString("buyerOrg");
        String admin = orgs.getString("buyerAdmin");
        bearer(admin).body("{\"requireApprovalAbove\":\"100.00\"}").put("/v1/asp/orgs/" + debtorOrg + "/policy").then().statusCode(200);
        TestAgent buyer = agent(admin, true);
        TestAgent seller = agent(orgs.getString("sellerAdmin"), true);
        Deal deal = agreed(buyer, seller, "500.00", true);
        TestSession s = deal.session();
        made(s.send(seller, "COMMIT", commit(deal.agreement(), obligation("delivery", buyer, "Deliver", null, null, null)), null));
        Response held = s.send(buyer, "COMMIT", commit(deal.agreement(), obligation("payment", seller, "Pay", "500.00", null, null)), null);
        held.then().statusCode(201).body("state", equalTo("ESCALATED")).body("escalation.status", equalTo("pending"))
                .body("commitments.size()", equalTo(0));
        String esc = json(held).getJsonObject("escalation").getString("id");
        String decide = "/v1/asp/escalations/" + esc + "/decision";
        Response shortOfFunds = bearer(admin).body("{\"decision\":\"approve\"}").post(decide);
        assertEquals(422, shortOfFunds.statusCode(), shortOfFunds.asString());
        assertEquals("insufficient-funds", json(shortOfFunds).getString("code"));
        bearer(admin).get("/v1/asp/escalations?session=" + s.id).then().statusCode(200).body("escalations[0].status", equalTo("pending"));
        assertEquals("ESCALATED", s.get(buyer).getString("state"));
        assertEquals(List.of(), kinds(ledger(debtorOrg)));
        credit(debtorOrg, "500.00");
        bearer(admin).body("{\"decision\":\"approve\"}").post(decide).then().statusCode(200).body("status", equalTo("approved"));
        JsonObject executing = s.get(buyer);
        assertEquals("EXECUTING", executing.getString("state"));
        assertEquals("escrowed", executing.getJsonArray("commitments").getJsonObject(1).getString("status"));
        assertEquals("500.00", ledger(debtorOrg).getString("held"));
        verifies(s, buyer);
    }

    /** Every bad input of issue 23: the spec's code, nothing stored, no ledger entry. */
    @Test
    void badInputIsRefusedWithNothingStoredOrHeld() {
        JsonObject orgs = twoFreshOrgs();
        String debtorOrg = orgs.getString("buyerOrg");
        TestAgent buyer = agent(orgs.getString("buyerAdmin"), true);
        TestAgent seller = agent(orgs.getString("sellerAdmin"), true);
        TestAgent stranger = agent(sellerAdmin, true);
        credit(debtorOrg, "100.00");

        TestSession talking = new TestSession();
        talking.open(buyer, "not yet agreed", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        talking.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        refused(talking, buyer, "COMMIT", commit(3, obligation("payment", seller, "Pay", "10.00", null, null)), 422, "protocol-violation", debtorOrg);

        Deal deal = agreed(buyer, seller, "80.00", true);
        TestSession s = deal.session();
        long agreement = deal.agreement();
        refused(s, buyer, "COMMIT", commit(agreement - 1, obligation("payment", seller, "Pay", "10.00", null, null)), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", buyer, "Pay myself", "10.00", null, null)), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", stranger, "Pay a third org", "10.00", null, null)), 422, "protocol-violation", debtorOrg);
        TestAgent unknown = new TestAgent();
        unknown.id = "agt_doesnotexist";
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", unknown, "Pay nobody", "10.00", null, null)), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "50.00", null, null),
                obligation("payment", seller, "Pay again", "40.00", null, null)), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "80.00", null, "cmt_elsewhere")), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, Json.createObjectBuilder(obligation("payment", seller, "Pay", null, null, null))
                .add("amount", 80).build()), 400, "malformed", debtorOrg);
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "80.001", null, null)), 400, "malformed", debtorOrg);
        // a condition naming a commitment of another session
        Deal other = agreed(buyer, seller, "10.00", false);
        String otherDelivery = made(other.session().send(seller, "COMMIT", commit(other.agreement(),
                obligation("delivery", buyer, "Deliver", null, null, null)), null));
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "80.00", null, otherDelivery)), 422, "protocol-violation", debtorOrg);
        // insufficient funds: 100.00 cannot escrow 80.00 twice
        s.send(buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "80.00", null, null)), null).then().statusCode(201);
        Deal second = agreed(buyer, seller, "80.00", true);
        refused(second.session(), buyer, "COMMIT", commit(second.agreement(), obligation("payment", seller, "Pay", "80.00", null, null)),
                422, "insufficient-funds", debtorOrg);
        assertEquals(0, second.session().get(buyer).getJsonArray("commitments").size());
        // a second COMMIT by the same party
        refused(s, buyer, "COMMIT", commit(agreement, obligation("payment", seller, "Pay", "1.00", null, null)), 422, "protocol-violation", debtorOrg);

        String deliveryId = made(s.send(seller, "COMMIT", commit(agreement, obligation("delivery", buyer, "Deliver", null, null, null)), null));
        String paymentId = s.get(buyer).getJsonArray("commitments").getJsonObject(0).getString("id");
        refused(s, seller, "FULFILL", fulfil("cmt_unknown"), 422, "protocol-violation", debtorOrg);
        refused(s, seller, "FULFILL", fulfil(otherDelivery), 422, "protocol-violation", debtorOrg);
        refused(s, buyer, "FULFILL", fulfil(deliveryId), 422, "protocol-violation", debtorOrg); // nothing delivered to confirm
        refused(s, seller, "FULFILL", fulfil(paymentId), 422, "protocol-violation", debtorOrg); // a creditor "paying" itself
        s.send(buyer, "FULFILL", fulfil(paymentId), null).then().statusCode(201);
        refused(s, buyer, "FULFILL", fulfil(paymentId), 422, "protocol-violation", debtorOrg); // settled
    }

    /** Spec 5: without escrow a payment is transferred from the debtor org's balance when paid; short → insufficient-funds. */
    @Test
    void aPaymentWithoutEscrowIsTransferredWhenPaid() {
        JsonObject orgs = twoFreshOrgs();
        String debtorOrg = orgs.getString("buyerOrg");
        TestAgent buyer = agent(orgs.getString("buyerAdmin"), true);
        TestAgent seller = agent(orgs.getString("sellerAdmin"), true);
        Deal deal = agreed(buyer, seller, "60.00", false);
        TestSession s = deal.session();
        made(s.send(seller, "COMMIT", commit(deal.agreement(), obligation("information", buyer, "Send the datasheet", null, null, null)), null));
        String paymentId = made(s.send(buyer, "COMMIT", commit(deal.agreement(), obligation("payment", seller, "Pay", "60.00", null, null)), null));
        assertEquals("pending", commitment(buyer, paymentId).getString("status"), "an infrastructure debtor's plain payment is not escrowed");
        refused(s, buyer, "FULFILL", fulfil(paymentId), 422, "insufficient-funds", debtorOrg);
        credit(debtorOrg, "60.00");
        s.send(buyer, "FULFILL", fulfil(paymentId), null).then().statusCode(201);
        assertEquals("fulfilled", commitment(seller, paymentId).getString("status"));
        assertEquals(List.of("credit", "payment"), kinds(ledger(debtorOrg)));
        assertEquals("60.00", ledger(orgs.getString("sellerOrg")).getString("balance"));
    }

    /** Spec 5: the creditor's REJECT of a delivery claim disputes it; the session stays open for the dispute. */
    @Test
    void aRejectedDeliveryClaimIsDisputed() {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        Deal deal = agreed(buyer, seller, "10.00", false);
        TestSession s = deal.session();
        String deliveryId = made(s.send(seller, "COMMIT", commit(deal.agreement(), obligation("delivery", buyer, "Deliver", null, null, null)), null));
        made(s.send(buyer, "COMMIT", commit(deal.agreement(), obligation("action", seller, "Sign the receipt", null, null, null)), null));
        s.send(seller, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        long claim = s.headSeq;
        refused(s, seller, "REJECT", Json.createObjectBuilder().add("reason", "not mine to reject").build(), claim, 422, "protocol-violation", buyerOrg);
        s.send(buyer, "REJECT", Json.createObjectBuilder().add("reason", "12 adapters were missing").build(), claim).then().statusCode(201);
        JsonObject disputed = commitment(buyer, deliveryId);
        assertEquals("disputed", disputed.getString("status"));
        assertEquals(claim + 1, disputed.getJsonArray("history").getJsonObject(2).getInt("seq"));
        assertEquals("EXECUTING", s.get(buyer).getString("state"));
    }

    /** Spec 4.5: FULFILL about running commitments works after a party's CLOSE and after maxDuration, which closes nothing while they run. */
    @Test
    void runningCommitmentsOutliveCloseAndMaxDuration() throws Exception {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        TestSession s = new TestSession();
        long opened = System.currentTimeMillis();
        s.open(buyer, "short", Json.createObjectBuilder().add("maxDuration", "PT12S").build(), buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        s.send(seller, "PROPOSE", TestSession.terms("adapters", 1, "10.00", "10.00", "lot"), null).then().statusCode(201);
        s.send(buyer, "ACCEPT", note("deal"), s.headSeq).then().statusCode(201);
        long agreement = s.headSeq - 1;
        String deliveryId = made(s.send(seller, "COMMIT", commit(agreement, obligation("delivery", buyer, "Deliver", null, null, null)), null));
        String actionId = made(s.send(buyer, "COMMIT", commit(agreement, obligation("action", seller, "Sign", null, null, null)), null));
        Thread.sleep(Math.max(0, opened + 15_000 - System.currentTimeMillis()));
        assertEquals("EXECUTING", s.get(buyer).getString("state"), "maxDuration closes nothing while commitments run");
        s.send(buyer, "CLOSE", Json.createObjectBuilder().add("outcome", "cancelled").build(), null).then().statusCode(201);
        s.send(seller, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        s.send(buyer, "FULFILL", fulfil(deliveryId), null).then().statusCode(201);
        s.send(buyer, "FULFILL", fulfil(actionId), null).then().statusCode(201);
        s.send(seller, "FULFILL", fulfil(actionId), null).then().statusCode(201);
        assertEquals("fulfilled", commitment(buyer, actionId).getString("status"));
        refused(s, buyer, "FULFILL", fulfil(actionId), 409, "conflict", buyerOrg); // nothing runs any more
        JsonObject closed = s.get(buyer);
        assertEquals("cancelled", closed.getString("outcome"), "the first CLOSE fixed the outcome");
        verifies(s, buyer);
    }

    /** Spec 1.1: the ledger pages oldest first with after/limit/next; bad paging parameters are 400 malformed. */
    @Test
    void theLedgerPages() {
        String org = newOrg(false).getString("id");
        credit(org, "1.00");
        credit(org, "2.00");
        credit(org, "3.00");
        String path = "/v1/asp/orgs/" + org + "/ledger";
        Response first = operator().queryParam("limit", 2).get(path);
        first.then().statusCode(200).body("balance", equalTo("6.00")).body("entries.amount", equalTo(List.of("1.00", "2.00")));
        int next = json(first).getInt("next");
        operator().queryParam("after", next).queryParam("limit", 2).get(path).then().statusCode(200)
                .body("entries.amount", equalTo(List.of("3.00"))).body("next", equalTo(null));
        operator().queryParam("limit", 0).get(path).then().statusCode(400).body("code", equalTo("malformed"));
        operator().queryParam("limit", 1001).get(path).then().statusCode(400).body("code", equalTo("malformed"));
        operator().queryParam("after", "x").get(path).then().statusCode(400).body("code", equalTo("malformed"));
    }

    /** Spec 5: who may read a commitment; anyone else gets the 404 of a missing one. */
    @Test
    void commitmentsAreReadByTheSessionsReadersOnly() {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        TestAgent outsider = agent(newOrg(false).getString("adminApiKey"), true);
        Deal deal = agreed(buyer, seller, "10.00", false);
        String id = made(deal.session().send(seller, "COMMIT", commit(deal.agreement(),
                obligation("delivery", buyer, "Deliver", null, null, null)), null));
        String path = "/v1/asp/commitments/" + id;
        as(seller, "GET", path).get(path).then().statusCode(200).body("debtor", equalTo(seller.id)).body("createdBy", equalTo(6));
        bearer(buyerAdmin).get(path).then().statusCode(200);
        as(outsider, "GET", path).get(path).then().statusCode(404).body("code", equalTo("not-found"));
        bearer(newOrg(false).getString("auditorApiKey")).get(path).then().statusCode(404);
        String list = "/v1/asp/commitments";
        as(buyer, "GET", list).queryParam("session", deal.session().id).queryParam("status", "pending").get(list).then().statusCode(200)
                .body("commitments.size()", equalTo(1)).body("next", equalTo(null));
        as(outsider, "GET", list).queryParam("session", deal.session().id).get(list).then().statusCode(404);
        as(buyer, "GET", list).queryParam("status", "nonsense").get(list).then().statusCode(400).body("code", equalTo("malformed"));
    }

    // --- helpers ---

    static JsonObject twoFreshOrgs() {
        JsonObject b = newOrg(true);
        JsonObject s = newOrg(false);
        return Json.createObjectBuilder().add("buyerOrg", b.getString("id")).add("buyerAdmin", b.getString("adminApiKey"))
                .add("sellerOrg", s.getString("id")).add("sellerAdmin", s.getString("adminApiKey")).build();
    }

    static JsonObject quotedTerms(String unitPrice, String total, String deliverBy, boolean escrow) {
        return TestSession.quoted("{'terms':{'items':[{'description':'USB-C adapter','quantity':200,'unitPrice':'" + unitPrice
                + "','unit':'unit'}],'total':'" + total + "','currency':'USD','deliverBy':'" + deliverBy + "','escrow':" + escrow + "}}");
    }

    static List<String> kinds(JsonObject ledger) {
        return ledger.getJsonArray("entries").getValuesAs(JsonObject.class).stream().map(e -> e.getString("kind")).toList();
    }

    /** Sends and expects a refusal with {@code code} that stores nothing and adds no entry to {@code orgId}'s ledger. */
    static void refused(TestSession s, TestAgent sender, String performative, JsonObject body, int status, String code, String orgId) {
        refused(s, sender, performative, body, null, status, code, orgId);
    }

    static void refused(TestSession s, TestAgent sender, String performative, JsonObject body, Long replyTo, int status, String code, String orgId) {
        long head = s.headSeq;
        int entries = ledger(orgId).getJsonArray("entries").size();
        Response r = s.post(sender, s.envelope(sender, performative, body, replyTo));
        assertEquals(status, r.statusCode(), r.asString());
        assertEquals(code, json(r).getString("code"), r.asString());
        s.refresh(s.reader);
        assertEquals(head, s.headSeq, "nothing stored: " + body);
        assertEquals(entries, ledger(orgId).getJsonArray("entries").size(), "no ledger entry: " + body);
    }
}
