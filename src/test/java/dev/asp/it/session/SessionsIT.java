package dev.asp.it.session;

import static dev.asp.it.support.Asp.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.AspServer;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestDatabase;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/** Spec 4 through the running server: the seed negotiations and the refusals that store nothing. */
class SessionsIT {
    static String orgA;
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        JsonObject a = newOrg(true);
        orgA = a.getString("id");
        adminA = a.getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    static JsonObject note(String text) {
        return Json.createObjectBuilder().add("note", text).build();
    }

    @Test
    void gpuHoursNegotiationReachesAgreement() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "GPU hours", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        assertEquals("INVITED", s.get(buyer).getString("state"));
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        JsonObject joined = s.get(buyer);
        assertEquals("CONVERSING", joined.getString("state"));
        assertEquals(3, s.headSeq, "the service introduced the participants");
        s.send(buyer, "PROPOSE", TestSession.terms("GPU hours", 1000, "2.40", "2400.00", "hour"), null).then().statusCode(201);
        long propose = s.headSeq;
        s.send(seller, "COUNTER", TestSession.terms("GPU hours", 1000, "2.80", "2800.00", "hour"), propose).then().statusCode(201);
        long counter = s.headSeq;
        s.send(buyer, "PROPOSE", TestSession.terms("GPU hours", 1000, "2.55", "2550.00", "hour"), null).then().statusCode(201);
        long second = s.headSeq;
        s.send(seller, "ACCEPT", note("deal"), second).then().statusCode(201).body("state", equalTo("AGREED"));
        JsonObject agreed = s.get(buyer);
        assertEquals("AGREED", agreed.getString("state"));
        assertEquals(second, agreed.getJsonObject("agreement").getJsonNumber("seq").longValue());
        assertEquals("2550.00", agreed.getJsonObject("agreement").getJsonObject("terms").getString("total"));
        assertTrue(counter > propose);
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(buyer, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo((int) s.headSeq))
                .body("head", equalTo(s.headHash));
    }

    @Test
    void usbCRestockNegotiatesThenBothCommit() {
        TestAgent procurement = agent(adminA, true);
        TestAgent supplier = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(procurement, "Emergency restock: 200 USB-C adapters",
                Json.createObjectBuilder().add("maxDuration", "PT2H").add("minTrustScore", 60).add("tokenBudget", 25000).build(),
                procurement, "buyer", supplier, "seller").then().statusCode(201);
        s.send(supplier, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        String deliverBy = java.time.LocalDate.now().plusDays(2).toString();
        s.send(procurement, "PROPOSE", TestSession.quoted("{'terms':{'items':[{'description':'USB-C adapter','quantity':200,'unitPrice':'8.50',"
                + "'unit':'unit'}],'total':'1700.00','currency':'USD','deliverBy':'" + deliverBy + "'}}"), null).then().statusCode(201);
        long proposal = s.headSeq;
        s.send(supplier, "COUNTER", TestSession.quoted("{'terms':{'items':[{'description':'USB-C adapter','quantity':200,'unitPrice':'9.00',"
                + "'unit':'unit'}],'total':'1800.00','deliverBy':'" + deliverBy + "','escrow':true}}"), proposal).then().statusCode(201);
        long counter = s.headSeq;
        s.send(procurement, "CLARIFY", TestSession.quoted("{'question':'Does 9.00 include express shipping?'}"), counter).then().statusCode(201);
        s.send(supplier, "INFORM", TestSession.quoted("{'facts':{'shipping':'express, included'}}"), s.headSeq).then().statusCode(201);
        s.send(procurement, "INFORM", TestSession.quoted("{'facts':{'budget':'approved up to 1800.00'}}"), null).then().statusCode(201);
        s.send(procurement, "ACCEPT", note("Accepted."), counter).then().statusCode(201).body("state", equalTo("AGREED"));
        credit(orgA, "1800.00"); // the agreed terms escrow the payment (spec 5): the buyer's org must cover it
        s.send(supplier, "COMMIT", TestSession.quoted("{'proposal':" + counter + ",'obligations':[{'type':'delivery','creditor':'" + procurement.id
                + "','description':'Deliver 200 USB-C adapters','deadline':'" + deliverBy + "'}]}"), null).then().statusCode(201)
                .body("state", equalTo("AGREED"));
        s.send(procurement, "COMMIT", TestSession.quoted("{'proposal':" + counter + ",'obligations':[{'type':'payment','creditor':'" + supplier.id
                + "','description':'Pay $1,800 upon confirmed delivery','amount':'1800.00','deadline':'" + deliverBy + "'}]}"), null)
                .then().statusCode(201).body("state", equalTo("EXECUTING"));
        JsonObject executing = s.get(supplier);
        assertEquals("1800.00", executing.getJsonObject("agreement").getJsonObject("terms").getString("total"));
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(procurement, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo(11));
    }

    @Test
    void maxDurationClosesTheSessionWithTimeout() throws InterruptedException {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "short", Json.createObjectBuilder().add("maxDuration", "PT2S").build(), buyer, "buyer", seller, "seller")
                .then().statusCode(201);
        JsonObject view = null;
        for (int i = 0; i < 60; i++) {
            Thread.sleep(500);
            view = s.get(buyer);
            if ("CLOSED".equals(view.getString("state"))) {
                break;
            }
        }
        assertEquals("CLOSED", view.getString("state"), "an EJB persistent timer closes the session");
        assertEquals("timeout", view.getString("outcome"));
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        as(buyer, "GET", path).get(path).then().statusCode(200).body("messages[1].envelope.sender", equalTo("asp:system"))
                .body("messages[1].envelope.performative", equalTo("CLOSE")).body("messages[1].envelope.body.outcome", equalTo("timeout"));
    }

    @Test
    void resentEnvelopeReturnsTheStoredMessage() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "idempotency", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        JsonObject accept = s.envelope(seller, "ACCEPT", note("joining"), 1L);
        s.post(seller, accept).then().statusCode(201);
        s.post(seller, accept).then().statusCode(200).body("seq", equalTo(2));
        s.refresh(buyer);
        assertEquals(3, s.headSeq);
    }

    @Test
    void staleHeadAnswersTheCurrentHead() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "stale", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        JsonObject old = s.envelope(seller, "ACCEPT", note("joining"), 1L);
        JsonObject stale = s.unsigned(seller.id, "QUERY", Json.createObjectBuilder().add("question", "?").build(), null, 1, null);
        s.post(seller, seller.seal(stale)).then().statusCode(409).body("code", equalTo("stale-head")).body("head.seq", equalTo(1))
                .body("head.hash", equalTo(s.headHash));
        s.post(seller, old).then().statusCode(201);
    }

    @Test
    void refusalsStoreNothing() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestAgent outsider = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "refusals", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        long head = s.headSeq;
        String hash = s.headHash;

        JsonObject good = s.envelope(buyer, "QUERY", Json.createObjectBuilder().add("question", "capacity?").build(), null);
        JsonObject wrongSig = Json.createObjectBuilder(good).add("signature", seller.seal(s.unsigned(buyer.id, "QUERY",
                Json.createObjectBuilder().add("question", "capacity?").build(), null, head + 1, hash)).getString("signature")).build();
        expect(s, buyer, wrongSig, 422, "invalid-signature");
        JsonObject wrongHash = Json.createObjectBuilder(good).add("hash", "0".repeat(64)).build();
        expect(s, buyer, wrongHash, 422, "hash-mismatch");
        expect(s, seller, good, 403, "not-allowed"); // forged sender
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        as(outsider, "POST", path).body(s.envelope(outsider, "QUERY", Json.createObjectBuilder().add("question", "hi").build(), null).toString())
                .post(path).then().statusCode(404);
        // over 64 KiB (spec 4.2), in ASCII and in 3-byte UTF-8 characters (22,000 chars, 66,000 bytes)
        expect(s, buyer, s.envelope(buyer, "INFORM", Json.createObjectBuilder().add("facts", "x".repeat(70_000)).build(), null), 413,
                "payload-too-large");
        expect(s, buyer, s.envelope(buyer, "INFORM", Json.createObjectBuilder().add("facts", "\u20ac".repeat(22_000)).build(), null), 413,
                "payload-too-large");
        Response bad = as(buyer, "POST", path).body("{not json").post(path);
        assertEquals(400, bad.statusCode());
        assertEquals("malformed", json(bad).getString("code"));
        expect(s, buyer, s.envelope(buyer, "HAGGLE", Json.createObjectBuilder().add("x", 1).build(), null), 422, "protocol-violation");
        expect(s, buyer, s.envelope(buyer, "PROPOSE", Json.createObjectBuilder().build(), null), 422, "protocol-violation");
        expect(s, buyer, s.envelope(buyer, "CLARIFY", Json.createObjectBuilder().add("question", "which?").build(), 99L), 422, "protocol-violation");
        expect(s, buyer, s.envelope(buyer, "ACCEPT", note("no proposal"), null), 422, "protocol-violation");
        expect(s, buyer, s.envelope(buyer, "COMMIT", Json.createObjectBuilder().add("proposal", 3).add("obligations", Json.createArrayBuilder()).build(), null),
                422, "protocol-violation");
        expect(s, buyer, s.envelope(buyer, "PROPOSE", TestSession.terms("x", 2, "1.00", "3.00", "unit"), null), 422, "protocol-violation");
        s.send(buyer, "PROPOSE", TestSession.terms("x", 2, "1.00", "2.00", "unit"), null).then().statusCode(201);
        long proposal = s.headSeq;
        expect(s, buyer, s.envelope(buyer, "ACCEPT", note("my own"), proposal), 422, "protocol-violation");
        s.send(buyer, "CLOSE", Json.createObjectBuilder().add("outcome", "cancelled").build(), null).then().statusCode(201);
        expect(s, seller, s.envelope(seller, "QUERY", Json.createObjectBuilder().add("question", "still there?").build(), null), 409, "conflict");
        s.refresh(buyer);
        assertEquals(proposal + 1, s.headSeq);
    }

    @Test
    void proposalAboveTheCeilingIsRefused() {
        TestAgent buyer = agent(adminA, false);
        TestAgent seller = agent(adminB, false);
        TestSession s = new TestSession();
        s.open(buyer, "ceiling", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        long head = s.headSeq;
        expect(s, buyer, s.envelope(buyer, "PROPOSE", TestSession.terms("GPU hours", 1000, "2.40", "2400.00", "hour"), null), 403, "trust-ceiling");
        s.send(buyer, "PROPOSE", TestSession.terms("GPU minutes", 10, "2.40", "24.00", "minute"), null).then().statusCode(201);
        assertEquals(head + 1, s.headSeq);
    }

    @Test
    void budgetIsEnforced() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "budget", Json.createObjectBuilder().add("tokenBudget", 150).build(), buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        JsonObject big = Json.createObjectBuilder().add("facts", "x".repeat(1000)).build();
        expect(s, buyer, s.envelope(buyer, "INFORM", big, null), 422, "budget-exhausted");
    }

    @Test
    void inviterBelowMinTrustIsRefused() {
        TestAgent buyer = agent(adminA, false);
        TestAgent seller = agent(adminB, false);
        TestSession s = new TestSession();
        s.open(buyer, "strict", Json.createObjectBuilder().add("minTrustScore", 60).build(), buyer, "buyer", seller, "seller")
                .then().statusCode(403).body("code", equalTo("not-allowed"));
        String path = "/v1/asp/sessions/" + s.id;
        as(buyer, "GET", path).get(path).then().statusCode(404);
    }

    @Test
    void probationAgentsHitTheDailyQuota() {
        TestAgent buyer = agent(adminA, false);
        TestAgent seller = agent(adminB, false);
        for (int i = 0; i < 3; i++) {
            new TestSession().open(buyer, "quota " + i, null, buyer, "buyer", seller, "seller").then().statusCode(201);
        }
        new TestSession().open(buyer, "quota 4", null, buyer, "buyer", seller, "seller").then().statusCode(429).body("code", equalTo("session-quota"));
    }

    @Test
    void threePartySessionNeedsEveryonesAcceptance() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestAgent shipper = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "three parties", null, buyer, "buyer", seller, "seller", shipper, "shipper").then().statusCode(201);
        s.send(seller, "ACCEPT", note("in"), 1L).then().statusCode(201);
        assertEquals("INVITED", s.get(buyer).getString("state"));
        s.send(shipper, "ACCEPT", note("in"), 1L).then().statusCode(201);
        assertEquals("CONVERSING", s.get(buyer).getString("state"));
        s.send(buyer, "PROPOSE", TestSession.terms("pallets", 10, "50.00", "500.00", "pallet"), null).then().statusCode(201);
        long p = s.headSeq;
        s.send(seller, "ACCEPT", note("ok"), p).then().statusCode(201).body("state", equalTo("CONVERSING"));
        s.send(shipper, "ACCEPT", note("ok"), p).then().statusCode(201).body("state", equalTo("AGREED"));
    }

    @Test
    void escalationPausesUntilAnAdminDecides() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "escalation", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        Response r = s.send(buyer, "ESCALATE", Json.createObjectBuilder().add("reason", "needs a human").build(), null);
        r.then().statusCode(201).body("state", equalTo("ESCALATED")).body("escalation.status", equalTo("pending"));
        String esc = json(r).getJsonObject("escalation").getString("id");
        expect(s, seller, s.envelope(seller, "PROPOSE", TestSession.terms("x", 1, "1.00", "1.00", "u"), null), 422, "protocol-violation");
        s.send(seller, "QUERY", Json.createObjectBuilder().add("question", "waiting?").build(), null).then().statusCode(201);
        bearer(adminB).body("{\"decision\":\"approve\"}").post("/v1/asp/escalations/" + esc + "/decision").then().statusCode(404);
        bearer(adminA).body("{\"decision\":\"approve\",\"note\":\"go on\"}").post("/v1/asp/escalations/" + esc + "/decision").then()
                .statusCode(200).body("status", equalTo("approved"));
        bearer(adminA).body("{\"decision\":\"deny\"}").post("/v1/asp/escalations/" + esc + "/decision").then().statusCode(409);
        assertEquals("CONVERSING", s.get(buyer).getString("state"));
    }

    @Test
    void tamperedRowIsFoundByVerify() throws Exception {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "tamper", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        s.send(buyer, "INFORM", Json.createObjectBuilder().add("facts", "we pay net 30").build(), null).then().statusCode(201);
        long informSeq = s.headSeq;
        s.send(seller, "INFORM", Json.createObjectBuilder().add("facts", "ok").build(), null).then().statusCode(201);
        try (var db = TestDatabase.connect()) {
            if (db == null) {
                return; // the embedded database is not reachable from outside the server
            }
            try (var st = db.prepareStatement("UPDATE messages SET envelope = replace(envelope, 'net 30', 'net 90') WHERE session_id = ? AND seq = ?")) {
                st.setString(1, s.id);
                st.setLong(2, informSeq);
                assertEquals(1, st.executeUpdate());
            }
        }
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(buyer, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(false)).body("seq", equalTo((int) informSeq))
                .body("reason", containsString("hash"));
    }

    /** docs/durability.md: a session whose head its stored rows do not reach is answered as stored, and goes on. */
    @Test
    void aHeadItsRowsDoNotReachIsAnsweredAsStoredAndTheNextMessageSetsItRight() throws Exception {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "a lost row", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        s.send(buyer, "QUERY", Json.createObjectBuilder().add("question", "kept").build(), null).then().statusCode(201);
        long kept = s.headSeq;
        s.send(seller, "QUERY", Json.createObjectBuilder().add("question", "lost").build(), null).then().statusCode(201);
        long lost = s.headSeq;
        try (var db = TestDatabase.connect()) {
            assumeTrue(db != null, "rows are taken away only on PostgreSQL: the embedded database is not reachable from outside the server");
            try (var st = db.prepareStatement("DELETE FROM messages WHERE session_id = ? AND seq = ?")) {
                st.setString(1, s.id);
                st.setLong(2, lost);
                assertEquals(1, st.executeUpdate());
            }
        }
        for (int read = 0; read < 3; read++) {
            s.refresh(buyer);
            assertEquals(kept, s.headSeq, "what is stored");
        }
        String verify = "/v1/asp/sessions/" + s.id + "/verify";
        as(buyer, "GET", verify).get(verify).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo((int) kept));
        String log = Files.readString(AspServer.serverDir().resolve("logs/messages.log"));
        assertEquals(1, log.split("session " + s.id + ": its row's head is seq " + lost, -1).length - 1, "logged once");

        Response next = s.send(buyer, "QUERY", Json.createObjectBuilder().add("question", "on what is stored").build(), null);
        assertEquals(201, next.statusCode(), next.asString());
        assertEquals(lost, json(next).getInt("seq"));
        as(buyer, "GET", verify).get(verify).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo((int) lost));
        s.send(seller, "QUERY", Json.createObjectBuilder().add("question", "and on").build(), null).then().statusCode(201);
    }

    @Test
    void suspendingAParticipantCancelsItsOpenSessions() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(buyer, "suspension", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        bearer(adminB).body("{\"status\":\"suspended\"}").patch("/v1/asp/agents/" + seller.id).then().statusCode(200);
        JsonObject closed = s.get(buyer);
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("cancelled", closed.getString("outcome"));
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(buyer, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo(4));
    }

    private static void expect(TestSession s, TestAgent sender, JsonObject envelope, int status, String code) {
        long before = s.headSeq;
        Response r = s.post(sender, envelope);
        assertEquals(status, r.statusCode(), r.asString());
        assertEquals(code, json(r).getString("code"), r.asString());
        s.refresh(s.reader);
        assertEquals(before, s.headSeq, "nothing stored");
    }
}
