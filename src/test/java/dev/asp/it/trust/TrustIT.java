package dev.asp.it.trust;

import static dev.asp.it.support.Asp.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.CommitmentChecks;
import dev.asp.it.support.Deals;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/** Spec 6 through the running server: earned components, projections that change nothing, enforced levels, endorsements. */
class TrustIT {
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    static TestAgent agent(String admin, boolean infrastructure) {
        TestAgent a = new TestAgent();
        register(admin, a, "trust-" + UUID.randomUUID());
        if (infrastructure) {
            operator().body("{\"level\":\"infrastructure\"}").put("/v1/asp/agents/" + a.id + "/trust-level").then().statusCode(200);
        }
        login(a);
        return a;
    }

    static JsonObject trust(TestAgent reader, String agentId, String query) {
        String path = "/v1/asp/trust/" + agentId;
        Response r = as(reader, "GET", path).get(path + (query == null ? "" : "?" + query));
        assertEquals(200, r.statusCode(), r.asString());
        return json(r);
    }

    static JsonObject history(TestAgent reader, String agentId) {
        String path = "/v1/asp/trust/" + agentId + "/history";
        Response r = as(reader, "GET", path).queryParam("limit", 1000).get(path);
        assertEquals(200, r.statusCode(), r.asString());
        return json(r);
    }

    static JsonObject note(String text) {
        return Json.createObjectBuilder().add("note", text).build();
    }

    /** Opens, joins and closes one session between the two. */
    static TestSession closedSession(TestAgent inviter, TestAgent invitee) {
        TestSession s = new TestSession();
        s.open(inviter, "a short talk", null, inviter, "buyer", invitee, "seller").then().statusCode(201);
        s.send(invitee, "ACCEPT", note("in"), 1L).then().statusCode(201);
        s.send(inviter, "CLOSE", Json.createObjectBuilder().add("outcome", "cancelled").build(), null).then().statusCode(201);
        return s;
    }

    @Test
    void tenClosedSessionsGiveCommunicationHistory3597() {
        TestAgent a = agent(adminA, true);
        TestAgent b = agent(adminB, true);
        for (int i = 0; i < 10; i++) {
            closedSession(a, b);
        }
        JsonObject t = trust(a, b.id, null);
        assertEquals(35.9684, t.getJsonObject("components").getJsonNumber("CH").doubleValue(), 0.01);
        assertEquals(10, t.getJsonObject("explanation").getJsonObject("CH").getJsonObject("inputs").getInt("n"));
        assertEquals("infrastructure", t.getString("level"));
        assertEquals(100, t.getJsonNumber("score").doubleValue(), 0);
        JsonObject h = history(a, b.id);
        long sessions = h.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonObject("cause").getString("type").equals("session")).count();
        assertEquals(10, sessions, "one session event per closed session");
        String profile = "/v1/asp/agents/" + b.id;
        given().baseUri(BASE).get(profile).then().statusCode(200).body("history.sessions", equalTo(10));
    }

    @Test
    void aProjectionDecaysAndChangesNothing() {
        TestAgent a = agent(adminA, false);
        TestAgent b = agent(adminB, false);
        new TestSession().open(a, "activity", null, a, "buyer", b, "seller").then().statusCode(201);
        JsonObject now = trust(a, a.id, null);
        assertNotEquals(JsonObject.NULL, now.get("lastActivityAt"), "the INVITE is activity");
        Instant last = Instant.parse(now.getString("lastActivityAt"));
        int eventsBefore = history(a, a.id).getJsonArray("events").size();
        String asOf = last.plus(Duration.ofDays(30)).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonObject later = trust(a, a.id, "asOf=" + asOf);
        double s = now.getJsonNumber("score").doubleValue();
        assertEquals(30, later.getInt("idleDays"));
        assertEquals(s * 0.860708, later.getJsonNumber("score").doubleValue(), 0.0002);
        assertEquals(0.860708, later.getJsonNumber("decay").doubleValue(), 1e-6);
        assertEquals(now.getJsonNumber("penalty").doubleValue(), later.getJsonNumber("penalty").doubleValue(), 0);
        JsonObject again = trust(a, a.id, null);
        assertEquals(now.getJsonNumber("score"), again.getJsonNumber("score"), "a projection changes nothing");
        assertEquals(eventsBefore, history(a, a.id).getJsonArray("events").size());
        String path = "/v1/asp/trust/" + a.id;
        as(a, "GET", path).get(path + "?asOf=2001-01-01T00:00:00Z").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void theScoreIsRecomputableFromTheAnswer() {
        TestAgent a = agent(adminA, false);
        JsonObject t = trust(a, a.id, null);
        double base = 0;
        JsonObject weights = t.getJsonObject("explanation").getJsonObject("score").getJsonObject("weights");
        for (String code : weights.keySet()) {
            base += weights.getJsonNumber(code).doubleValue() * t.getJsonObject("explanation").getJsonObject(code).getJsonNumber("value").doubleValue();
        }
        assertEquals(t.getJsonNumber("base").doubleValue(), base, 1e-9);
        double score = Math.min(99.99, base / t.getJsonNumber("penalty").doubleValue() * t.getJsonNumber("decay").doubleValue());
        assertEquals(Math.round(score * 10_000) / 10_000.0, t.getJsonNumber("score").doubleValue(), 1e-9);
        assertEquals(70.0, t.getJsonObject("components").getJsonNumber("IV").doubleValue(), 0, "key_bound in a verified org");
        assertEquals("probation", t.getString("level"));
        assertEquals("asp-trust/1", t.getString("algorithm"));
        assertEquals("100", t.getJsonObject("limits").getString("transactionCeiling"));
        assertEquals("required", t.getJsonObject("limits").getString("escrow"));
    }

    @Test
    void aProbationAgentsProposalAboveItsCeilingIsRefused() {
        TestAgent a = agent(adminA, false);
        TestAgent b = agent(adminB, false);
        TestSession s = new TestSession();
        s.open(a, "too big", null, a, "buyer", b, "seller").then().statusCode(201);
        s.send(b, "ACCEPT", note("in"), 1L).then().statusCode(201);
        long head = s.headSeq;
        s.send(a, "PROPOSE", TestSession.terms("GPU hours", 200, "2.50", "500.00", "hour"), null).then().statusCode(403)
                .body("code", equalTo("trust-ceiling"));
        assertEquals(head, s.get(a).getJsonObject("head").getInt("seq"), "nothing stored");
        s.send(a, "PROPOSE", TestSession.terms("GPU hours", 40, "2.50", "100.00", "hour"), null).then().statusCode(201);
    }

    @Test
    void aFourthSessionInADayIsRefusedForProbation() {
        TestAgent a = agent(adminA, false);
        TestAgent b = agent(adminB, false);
        for (int i = 0; i < 3; i++) {
            new TestSession().open(a, "quota " + i, null, a, "buyer", b, "seller").then().statusCode(201);
        }
        new TestSession().open(a, "quota 4", null, a, "buyer", b, "seller").then().statusCode(429).body("code", equalTo("session-quota"));
    }

    @Test
    void endorsementsFollowTheSybilRules() {
        TestAgent trusted = agent(adminA, true);
        TestAgent colleague = agent(adminA, false);
        TestAgent subject = agent(adminB, false);
        String path = "/v1/asp/endorsements";
        as(colleague, "POST", path).body("{\"subject\":\"" + subject.id + "\",\"rating\":5}").post(path).then().statusCode(422)
                .body("code", equalTo("endorser-untrusted"));
        as(trusted, "POST", path).body("{\"subject\":\"" + trusted.id + "\",\"rating\":5}").post(path).then().statusCode(403)
                .body("code", equalTo("not-allowed"));
        as(trusted, "POST", path).body("{\"subject\":\"agt_doesnotexist\",\"rating\":5}").post(path).then().statusCode(404);
        as(trusted, "POST", path).body("{\"subject\":\"" + subject.id + "\",\"rating\":\"5\"}").post(path).then().statusCode(400)
                .body("code", equalTo("malformed"));
        assertEquals(0.0, trust(trusted, subject.id, null).getJsonObject("components").getJsonNumber("PE").doubleValue(), 0, "nothing stored");

        as(trusted, "POST", path).body("{\"subject\":\"" + subject.id + "\",\"rating\":5,\"comment\":\"good\"}").post(path).then().statusCode(201)
                .body("id", startsWith("end_")).body("endorserScore", equalTo(100.0f)).body("sameOrganization", equalTo(false))
                .body("weight", equalTo(1.0f));
        assertEquals(100.0, trust(trusted, subject.id, null).getJsonObject("components").getJsonNumber("PE").doubleValue(), 1e-4);
        // a new endorsement replaces the endorser's earlier one
        as(trusted, "POST", path).body("{\"subject\":\"" + subject.id + "\",\"rating\":3}").post(path).then().statusCode(201)
                .body("weight", equalTo(0.5f));
        assertEquals(50.0, trust(trusted, subject.id, null).getJsonObject("components").getJsonNumber("PE").doubleValue(), 1e-4);
        // the same organization counts half
        as(trusted, "POST", path).body("{\"subject\":\"" + colleague.id + "\",\"rating\":5}").post(path).then().statusCode(201)
                .body("sameOrganization", equalTo(true)).body("weight", equalTo(0.5f));
        JsonObject h = history(trusted, subject.id);
        assertEquals(2, h.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonObject("cause").getString("type").equals("endorsement")).count());
    }

    @Test
    void anInviteesAcceptNeedsTheInvitersDirectionalView() {
        TestAgent a = agent(adminA, true);
        TestAgent b = agent(adminB, true);
        TestSession s = new TestSession();
        s.open(a, "only people I know", Json.createObjectBuilder().add("minDirectionalScore", 10).build(), a, "buyer", b, "seller")
                .then().statusCode(201);
        s.send(b, "ACCEPT", note("in"), 1L).then().statusCode(403).body("code", equalTo("not-allowed"));
        String path = "/v1/asp/trust/" + a.id + "/toward/" + b.id;
        as(a, "GET", path).get(path).then().statusCode(200).body("deals", equalTo(0)).body("honored", equalTo(0)).body("score", equalTo(0.0f));
    }

    @Test
    void historyPagesAndNeedsACaller() {
        TestAgent a = agent(adminA, true);
        TestAgent b = agent(adminB, true);
        closedSession(a, b);
        closedSession(a, b);
        String path = "/v1/asp/trust/" + b.id + "/history";
        given().baseUri(BASE).get(path).then().statusCode(401);
        Response first = as(a, "GET", path).queryParam("limit", 1).get(path);
        first.then().statusCode(200).body("events.size()", equalTo(1)).body("next", notNullValue());
        int next = json(first).getInt("next");
        as(a, "GET", path).queryParam("after", next).queryParam("limit", 1000).get(path).then().statusCode(200)
                .body("events[0].seq", equalTo(next + 1)).body("next", nullValue());
        as(a, "GET", path).queryParam("limit", "many").get(path).then().statusCode(400).body("code", equalTo("malformed"));
    }

    /**
     * 6.2 through the server: a severity-3 breach divides the debtor's score by e^(3/2) and is one
     * history event naming the commitment, however many times its deadline or a dispute reports it.
     */
    @Test
    void aSeverity3BreachTakesTheScoreToS0_2231Once() throws Exception {
        TestAgent seller = agent(adminA, false);
        TestAgent buyer = agent(adminB, false);
        TestSession s = new TestSession();
        s.open(buyer, "a deal that fails", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("in"), 1L).then().statusCode(201);
        JsonObject terms = Json.createObjectBuilder().add("terms", Json.createObjectBuilder()
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", "USB-C adapter").add("quantity", 1)
                        .add("unitPrice", "50.00").add("unit", "lot")))
                .add("total", "50.00").add("currency", "USD").add("escrow", false).add("breachSeverity", 3)).build();
        s.send(seller, "PROPOSE", terms, null).then().statusCode(201);
        long proposal = s.headSeq;
        s.send(buyer, "ACCEPT", note("deal"), proposal).then().statusCode(201);
        String deadline = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString();
        String deliveryId = CommitmentChecks.made(s.send(seller, "COMMIT", Deals.commit(proposal,
                Deals.obligation("delivery", buyer, "Deliver the adapters", null, deadline, null)), null));
        // the buyer's open obligation keeps the session from closing, whose CH event would move the score too
        CommitmentChecks.made(s.send(buyer, "COMMIT", Deals.commit(proposal,
                Deals.obligation("delivery", seller, "Collect the adapters", null, null, null)), null));

        JsonObject before = trust(buyer, seller.id, null); // the seller's last act is its COMMIT
        assertTrue(Instant.now().isBefore(Instant.parse(deadline)), "read before the deadline passes");
        double s0 = before.getJsonNumber("score").doubleValue();
        assertTrue(s0 > 0, before.toString());

        CommitmentChecks.await(buyer, deliveryId, c -> "breached".equals(c.getString("status")), 60);
        JsonObject after = trust(buyer, seller.id, null);
        for (int i = 0; i < 20 && breaches(buyer, seller.id, deliveryId) == 0; i++) {
            Thread.sleep(500);
            after = trust(buyer, seller.id, null);
        }
        double s1 = after.getJsonNumber("score").doubleValue();
        assertEquals(s0 * Math.exp(-1.5), s1, 0.01, before + " -> " + after);
        assertEquals(1, breaches(buyer, seller.id, deliveryId));
        Thread.sleep(3000); // an automatic dispute resolving, or a late firing, would show up by now
        assertEquals(1, breaches(buyer, seller.id, deliveryId), "the penalty applies once");
        assertEquals(s1, trust(buyer, seller.id, null).getJsonNumber("score").doubleValue(), 0.01);
    }

    /** The debtor's history events whose cause is a breach of {@code commitmentId}. */
    static long breaches(TestAgent reader, String debtor, String commitmentId) {
        return history(reader, debtor).getJsonArray("events").getValuesAs(JsonObject.class).stream().map(e -> e.getJsonObject("cause"))
                .filter(c -> c.getString("type").equals("breach")).peek(c -> assertEquals(commitmentId, c.getString("commitment"), c.toString()))
                .count();
    }
}
