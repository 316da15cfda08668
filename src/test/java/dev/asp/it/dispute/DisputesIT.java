package dev.asp.it.dispute;

import static dev.asp.it.support.Asp.*;
import static dev.asp.it.support.CommitmentChecks.*;
import static dev.asp.it.support.Deals.*;
import static dev.asp.it.support.ProblemAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.Reply;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/**
 * Spec 7 through the running server and Liberty's messaging engine: automatic disputes resolved by the
 * MDB, a dispute over an on-time delivery dismissed, one above escalateDisputesAbove decided by the
 * first of two racing admins, and filings refused with nothing stored.
 */
class DisputesIT {

    /** Two orgs, two infrastructure agents, an agreement on {@code total} with the terms' {@code penalty}. */
    record Parties(JsonObject buyerOrg, JsonObject sellerOrg, TestAgent buyer, TestAgent seller, TestSession session, long agreement) {
    }

    static Parties agreedWithPenalty(String total, String penalty) {
        JsonObject buyerOrg = newOrg(true);
        JsonObject sellerOrg = newOrg(true);
        TestAgent buyer = agent(buyerOrg.getString("adminApiKey"), true);
        TestAgent seller = agent(sellerOrg.getString("adminApiKey"), true);
        TestSession s = new TestSession();
        s.open(buyer, "disputes", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        JsonObjectBuilder terms = Json.createObjectBuilder().add("items", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("description", "GPU hours").add("quantity", 1).add("unitPrice", total).add("unit", "lot"))).add("total", total)
                .add("currency", "USD");
        if (penalty != null) {
            terms.add("penalty", penalty);
        }
        s.send(seller, "PROPOSE", Json.createObjectBuilder().add("terms", terms).build(), null).then().statusCode(201);
        long proposal = s.headSeq;
        s.send(buyer, "ACCEPT", note("deal"), proposal).then().statusCode(201);
        return new Parties(buyerOrg, sellerOrg, buyer, seller, s, proposal);
    }

    @Test
    void aMissedDeadlineIsResolvedByTheQueuePenaltyOnceAndLedgersSum() throws Exception {
        Parties p = agreedWithPenalty("80.00", "25.00");
        credit(p.buyerOrg().getString("id"), "100.00");
        credit(p.sellerOrg().getString("id"), "10.00");
        String deadline = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString();
        String delivery = made(p.session().send(p.seller(), "COMMIT", commit(p.agreement(),
                obligation("delivery", p.buyer(), "Deliver", null, deadline, null)), null));
        made(p.session().send(p.buyer(), "COMMIT", commit(p.agreement(),
                obligation("payment", p.seller(), "Pay on delivery", "80.00", null, delivery)), null));
        await(p.buyer(), delivery, c -> "breached".equals(c.getString("status")), 60);

        JsonObject dispute = awaitDispute(p.buyer(), p.buyer().id, d -> "resolved".equals(d.getString("status")), 60);
        assertEquals(delivery, dispute.getString("commitment"));
        assertEquals("breach", dispute.getString("origin"));
        assertEquals(p.seller().id, dispute.getString("atFault"));
        assertEquals("asp:system", dispute.getJsonObject("decision").getString("by"));

        long breaches = history(p.seller()).stream().filter(e -> "breach".equals(e.getJsonObject("cause").getString("type"))).count();
        assertEquals(1, breaches, "the deadline's breach penalty, and no second one for the dispute");
        JsonObject seller = ledger(p.sellerOrg().getString("id"));
        JsonObject buyer = ledger(p.buyerOrg().getString("id"));
        assertEquals("0.00", seller.getString("balance"), "the penalty is taken down to 0, never below");
        assertEquals("110.00", buyer.getString("balance"), "escrow refunded at the breach, plus the 10.00 of penalty the seller had");
        assertTrue(seller.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> "penalty".equals(e.getString("kind")) && dispute.getString("id").equals(e.getJsonObject("cause").getString("id"))));
        assertSumsToCredits(seller);
        assertSumsToCredits(buyer);
        as(p.seller(), "GET", "/v1/asp/disputes/" + dispute.getString("id")).get("/v1/asp/disputes/" + dispute.getString("id")).then()
                .statusCode(200);
    }

    @Test
    void aDisputeOverAnOnTimeDeliveryIsDismissedWithoutTrustImpact() throws Exception {
        Parties p = agreedWithPenalty("50.00", null);
        String delivery = made(p.session().send(p.seller(), "COMMIT", commit(p.agreement(),
                obligation("delivery", p.buyer(), "Deliver", null, Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString(),
                        null)), null));
        p.session().send(p.buyer(), "COMMIT", commit(p.agreement()), null).then().statusCode(201);
        p.session().send(p.seller(), "FULFILL", fulfil(delivery), null).then().statusCode(201);
        p.session().send(p.buyer(), "FULFILL", fulfil(delivery), null).then().statusCode(201);
        String before = trust(p.seller()).get("score").toString();
        int events = history(p.seller()).size();

        Response filed = file(p.buyer(), filing(p.session().id, delivery, "the adapters never arrived").add("references", Json.createArrayBuilder()
                .add(p.session().headSeq)).add("evidence", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "photo")
                        .add("uri", "https://example.com/empty-dock.jpg").add("sha256", "a".repeat(64)).add("description", "the dock")))
                .build());
        filed.then().statusCode(201);
        String id = json(filed).getString("id");
        JsonObject dismissed = awaitDispute(p.buyer(), p.buyer().id, d -> id.equals(d.getString("id")) && "dismissed".equals(d.getString("status")),
                60);
        assertTrue(dismissed.getString("finding").contains("on time"), dismissed.toString());
        assertEquals(before, trust(p.seller()).get("score").toString(), "a dismissed dispute moves no score");
        assertEquals(events, history(p.seller()).size());
        decide(p.buyerOrg().getString("adminApiKey"), id, "dismiss", null).then().statusCode(409);
    }

    @Test
    void aboveEscalateDisputesAboveAHumanDecidesAndTheFirstOfTwoRacingDecisionsWins() throws Exception {
        Parties p = agreedWithPenalty("60.00", null);
        bearer(p.sellerOrg().getString("adminApiKey")).body("{\"escalateDisputesAbove\":\"50.00\"}")
                .put("/v1/asp/orgs/" + p.sellerOrg().getString("id") + "/policy").then().statusCode(200);
        credit(p.buyerOrg().getString("id"), "60.00");
        String delivery = made(p.session().send(p.seller(), "COMMIT", commit(p.agreement(),
                obligation("delivery", p.buyer(), "Deliver", null, null, null)), null));
        made(p.session().send(p.buyer(), "COMMIT", commit(p.agreement(),
                obligation("payment", p.seller(), "Pay on delivery", "60.00", null, delivery)), null));
        Response filed = file(p.seller(), filing(p.session().id, null, "the buyer is stalling").build());
        filed.then().statusCode(201);
        String id = json(filed).getString("id");
        JsonObject escalated = awaitDispute(p.seller(), p.seller().id, d -> id.equals(d.getString("id")) && "escalated".equals(d.getString("status")),
                60);
        assertTrue(escalated.getString("finding").contains("escalateDisputesAbove"), escalated.toString());

        decide(newOrg(true).getString("adminApiKey"), id, "resolve", p.buyer().id).then().statusCode(404);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (Callable<Response> c : List.<Callable<Response>>of(
                () -> {
                    start.await();
                    return decide(p.buyerOrg().getString("adminApiKey"), id, "dismiss", null);
                },
                () -> {
                    start.await();
                    return decide(p.sellerOrg().getString("adminApiKey"), id, "resolve", p.buyer().id);
                })) {
            answers.add(pool.submit(c));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Response> f : answers) {
            codes.add(f.get().statusCode());
        }
        pool.shutdown();
        assertEquals(List.of(200, 409), codes.stream().sorted().toList(), codes.toString());
        JsonObject decided = json(as(p.seller(), "GET", "/v1/asp/disputes/" + id).get("/v1/asp/disputes/" + id));
        assertTrue(decided.getJsonObject("decision").getString("by").startsWith("admin:"), decided.toString());
        if ("resolved".equals(decided.getString("status"))) {
            assertEquals(p.buyer().id, decided.getString("atFault"));
        }
        assertSumsToCredits(ledger(p.buyerOrg().getString("id")));
        assertSumsToCredits(ledger(p.sellerOrg().getString("id")));
    }

    @Test
    void badFilingsAreRefusedWithTheSpecsCodesAndNothingIsStored() {
        Parties p = agreedWithPenalty("40.00", null);
        Parties other = agreedWithPenalty("40.00", null);
        String foreign = made(other.session().send(other.seller(), "COMMIT", commit(other.agreement(),
                obligation("delivery", other.buyer(), "Deliver", null, null, null)), null));
        TestAgent stranger = agent(newOrg(true).getString("adminApiKey"), true);

        Response missing = file(stranger, filing("ses_doesnotexist", null, "x").build());
        Response notMine = file(stranger, filing(p.session().id, null, "x").build());
        assertEquals(404, missing.statusCode());
        assertEquals(404, notMine.statusCode());
        assertEquals(json(missing).getString("code"), json(notMine).getString("code"));
        assertProblem(reply(file(p.buyer(), filing(p.session().id, null, "x").add("references", Json.createArrayBuilder().add(999)).build())), 422,
                "protocol-violation");
        assertProblem(reply(file(p.buyer(), filing(p.session().id, foreign, "x").build())), 422, "protocol-violation");
        assertProblem(reply(file(p.buyer(), filing(p.session().id, null, "x").add("evidence", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("type", "log").add("sha256", "A".repeat(64)))).build())), 400, "malformed");
        assertProblem(reply(file(p.buyer(), Json.createObjectBuilder().add("session", p.session().id).build())), 400, "malformed");
        assertEquals(0, disputesOf(p.buyer()).size(), "nothing stored");
    }

    static JsonObjectBuilder filing(String session, String commitment, String claim) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("session", session).add("claim", claim).add("requestedResolution", "refund");
        if (commitment != null) {
            b.add("commitment", commitment);
        }
        return b;
    }

    static Response file(TestAgent agent, JsonObject body) {
        return as(agent, "POST", "/v1/asp/disputes").body(body.toString()).post("/v1/asp/disputes");
    }

    static Response decide(String adminKey, String id, String decision, String atFault) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("decision", decision).add("note", "reviewed the transcript");
        if (atFault != null) {
            b.add("atFault", atFault);
        }
        return bearer(adminKey).body(b.build().toString()).post("/v1/asp/disputes/" + id + "/decision");
    }

    static List<JsonObject> disputesOf(TestAgent agent) {
        String path = "/v1/asp/disputes?agent=" + agent.id;
        Response r = as(agent, "GET", "/v1/asp/disputes").get(path);
        r.then().statusCode(200);
        return json(r).getJsonArray("disputes").getValuesAs(JsonObject.class);
    }

    static JsonObject awaitDispute(TestAgent reader, String agent, java.util.function.Predicate<JsonObject> done, int seconds)
            throws InterruptedException {
        for (int i = 0; i < seconds * 2; i++) {
            for (JsonObject d : disputesOf(reader)) {
                if (done.test(d)) {
                    return d;
                }
            }
            Thread.sleep(500);
        }
        fail("no dispute reached the expected state: " + disputesOf(reader));
        return null;
    }

    static JsonObject trust(TestAgent agent) {
        String path = "/v1/asp/trust/" + agent.id;
        Response r = as(agent, "GET", path).get(path);
        r.then().statusCode(200);
        return json(r);
    }

    static List<JsonObject> history(TestAgent agent) {
        String path = "/v1/asp/trust/" + agent.id + "/history";
        Response r = as(agent, "GET", path).get(path + "?limit=1000");
        r.then().statusCode(200);
        return json(r).getJsonArray("events").getValuesAs(JsonObject.class);
    }

    /** A rest-assured answer as the Reply that ProblemAssertions checks. */
    static Reply reply(Response r) {
        return new Reply(r.statusCode(), java.net.http.HttpHeaders.of(java.util.Map.of("content-type", List.of(r.contentType())), (a, b) -> true),
                r.asString());
    }
}
