package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.SecondServer;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/**
 * Several servers on one PostgreSQL (spec 9): a message accepted by one server reaches the live
 * consumers of another promptly, through LISTEN/NOTIFY, and so does a key's revocation or an
 * agent's suspension, which ends their WebSockets there (spec 4.8). Runs only when ASP_DB_URL names
 * PostgreSQL; the embedded database is a single server by nature.
 */
class LiveTwoServersIT {
    /** "Promptly": generous for a loaded build machine, far below any polling a client would notice. */
    private static final long PROMPT_SECONDS = 10;
    /**
     * The second server's own tokens live this long ({@code ASP_TOKEN_TTL}), so a test sees them
     * expire; tokens from the first server, which the other tests use there, keep the default.
     */
    private static final int TOKEN_TTL_SECONDS = 15;

    static SecondServer second;
    static String adminA;
    static String adminB;

    @BeforeAll
    static void startSecondServer() throws Exception {
        String url = System.getenv("ASP_DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"),
                "two servers share a database only on PostgreSQL; set ASP_DB_URL=jdbc:postgresql://… to run this test");
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
        second = new SecondServer(Map.of("ASP_TOKEN_TTL", "PT" + TOKEN_TTL_SECONDS + "S"));
        second.create();
        second.start();
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void aMessageSentToOneServerReachesAWebSocketOnTheOther() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient onB = SocketClient.authenticated(second.base, seller)) {
            onB.subscribe(s.id, 3);
            onB.expect("subscribed", 30);
            long start = System.nanoTime();
            long asked = Live.ask(s, buyer, "sent to server A");
            assertEquals(List.of(asked), onB.messageSeqs(s.id, 1, PROMPT_SECONDS));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < PROMPT_SECONDS * 1000, took + " ms");

            s.send(buyer, "PROPOSE", TestSession.terms("GPU hours", 10, "2.50", "25.00", "hour"), null).then().statusCode(201);
            long proposal = s.headSeq;
            assertEquals(List.of(proposal), onB.messageSeqs(s.id, 1, PROMPT_SECONDS));
            JsonObject opened = onB.expect(f -> "event".equals(f.getString("type")) && "proposal-opened".equals(f.getString("event")),
                    "proposal-opened event from server A", PROMPT_SECONDS);
            assertEquals(proposal, opened.getJsonNumber("proposal").longValue());
        }
    }

    @Test
    void aSendOverTheOtherServersSocketReachesAStreamHere() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SseClient onA = SseClient.open(BASE, buyer, s.id, "3", null); SocketClient onB = SocketClient.authenticated(second.base, seller)) {
            assertEquals(200, onA.status);
            JsonObject envelope = s.envelope(seller, "QUERY", Live.question("sent to server B"), null);
            onB.send(Jsonp.object().add("type", "send").add("envelope", envelope).build());
            assertEquals(4, onB.expect("ack", 30).getInt("seq"));
            SseClient.Event got = onA.messages(1, PROMPT_SECONDS).get(0);
            assertEquals("4", got.id());
            assertEquals(envelope, got.json());
        }
    }

    /**
     * Each server's session cache is only a hint: a head moved by the other server is read, not
     * refused. 20 turns cross a snapshot (written every 16th seq by group commits), so each server
     * loads the session from an older snapshot plus the messages after it, and both see the same.
     */
    @Test
    void sendersOnBothServersTakeTurnsOnOneSession() {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        for (int turn = 0; turn < 20; turn++) {
            TestAgent sender = turn % 2 == 0 ? buyer : seller;
            String base = turn % 2 == 0 ? BASE : second.base;
            JsonObject envelope = s.envelope(sender, "QUERY", Live.question("turn " + turn), null);
            Response r = given().baseUri(base).header("Authorization", "DPoP " + sender.accessToken)
                    .header("DPoP", sender.proof("POST", base + path, sender.accessToken)).contentType("application/json")
                    .body(envelope.toString()).post(path);
            assertEquals(201, r.statusCode(), base + ": " + r.asString());
            s.refresh(sender);
        }
        assertEquals(23, s.headSeq);
        String session = "/v1/asp/sessions/" + s.id;
        String onA = as(buyer, "GET", session).get(session).then().statusCode(200).extract().asString();
        String onB = given().baseUri(second.base).header("Authorization", "DPoP " + buyer.accessToken)
                .header("DPoP", buyer.proof("GET", second.base + session, buyer.accessToken)).get(session).then().statusCode(200).extract().asString();
        assertEquals(Jsonp.parse(onA), Jsonp.parse(onB));
        assertEquals(23, Jsonp.parse(onB).getJsonObject("head").getInt("seq"), onB);
        String verify = "/v1/asp/sessions/" + s.id + "/verify";
        as(buyer, "GET", verify).get(verify).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo(23));
    }

    @Test
    void aLongPollOnTheOtherServerIsAnswered() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        HttpRequest poll = HttpRequest.newBuilder(URI.create(second.base + path + "?after=3&wait=25"))
                .header("Authorization", "DPoP " + seller.accessToken)
                .header("DPoP", seller.proof("GET", second.base + path, seller.accessToken)).GET().build();
        CompletableFuture<HttpResponse<String>> answer = SseClient.HTTP.sendAsync(poll, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1500);
        long asked = Live.ask(s, buyer, "for the long-poll on server B");
        HttpResponse<String> r = answer.get(PROMPT_SECONDS + 5, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals(asked, Jsonp.parse(r.body()).getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue());
    }

    @Test
    void aKeyRevokedOnOneServerClosesItsSocketOnTheOther() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient onB = SocketClient.authenticated(second.base, seller)) {
            onB.subscribe(s.id, 3);
            onB.expect("subscribed", 30);
            long start = LiveCredentialsIT.changeKey(adminB, seller, seller, "revoked");
            LiveCredentialsIT.assertEndedWithin(onB, start, "revoked");
        }
    }

    @Test
    void anAgentSuspendedOnOneServerLosesItsSocketOnTheOther() throws Exception {
        TestAgent seller = Live.agent(adminB);
        try (SocketClient onB = SocketClient.authenticated(second.base, seller)) {
            long start = System.nanoTime();
            bearer(adminB).body("{\"status\":\"suspended\"}").patch("/v1/asp/agents/" + seller.id).then().statusCode(200);
            LiveCredentialsIT.assertEndedWithin(onB, start, "suspended");
        }
    }

    @Test
    void anExpiredTokensSocketIsClosedWithinFiveSecondsOfExpiry() throws Exception {
        TestAgent agent = Live.agent(adminA);
        agent.accessToken = secondServersToken(agent);
        long expiresAt = expiry(agent.accessToken);
        try (SocketClient c = SocketClient.authenticated(second.base, agent)) {
            JsonObject error = c.expect("error", TOKEN_TTL_SECONDS + LiveCredentialsIT.WITHIN_SECONDS + 5);
            long at = System.currentTimeMillis();
            assertEquals("invalid_token", error.getJsonObject("problem").getString("code"), error.toString());
            assertTrue(error.getJsonObject("problem").getString("detail").contains("expired"), error.toString());
            assertEquals(1008, c.closed.get(10, TimeUnit.SECONDS).code());
            assertTrue(at >= expiresAt - 1000, "closed " + (expiresAt - at) + " ms before the token expired");
            assertTrue(at <= expiresAt + LiveCredentialsIT.WITHIN_SECONDS * 1000, "closed " + (at - expiresAt) + " ms after the token expired");
        }
    }

    /** Spec 4.8: an auth frame before expiry moves the connection onto a fresh token; it lives past the first one. */
    @Test
    void anAuthFrameMovesTheSocketOntoAFreshToken() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        seller.accessToken = secondServersToken(seller);
        long firstExpiry = expiry(seller.accessToken);
        try (SocketClient c = SocketClient.authenticated(second.base, seller)) {
            Thread.sleep(Math.max(0, firstExpiry - System.currentTimeMillis() - 3000));
            String fresh = secondServersToken(seller);
            long secondExpiry = expiry(fresh);
            c.send(Jsonp.object().add("type", "auth").add("token", fresh)
                    .add("dpop", seller.proof("GET", SocketClient.wsBase(second.base) + "/v1/asp/ws", fresh)).build());
            assertEquals(seller.id, c.expect("authenticated", 10).getString("agent"));

            // past the moment the first token's connection must have been closed
            Thread.sleep(Math.max(0, firstExpiry + LiveCredentialsIT.WITHIN_SECONDS * 1000 + 500 - System.currentTimeMillis()));
            assertTrue(System.currentTimeMillis() < secondExpiry, "the test was too slow to see the renewed connection");
            c.subscribe(s.id, 2);
            c.expect("subscribed", 5);
            assertEquals(List.of(3L), c.messageSeqs(s.id, 1, 5));

            JsonObject error = c.expect("error", TOKEN_TTL_SECONDS + LiveCredentialsIT.WITHIN_SECONDS);
            assertTrue(error.getJsonObject("problem").getString("detail").contains("expired"), error.toString());
            assertTrue(System.currentTimeMillis() <= secondExpiry + LiveCredentialsIT.WITHIN_SECONDS * 1000, "closed late");
            assertEquals(1008, c.closed.get(10, TimeUnit.SECONDS).code());
        }
    }

    private static String secondServersToken(TestAgent agent) {
        Response r = token(agent, second.base);
        r.then().statusCode(200);
        return json(r).getString("access_token");
    }

    /** The token's {@code exp}, in epoch milliseconds. */
    private static long expiry(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return Jsonp.parse(payload).getJsonNumber("exp").longValue() * 1000;
    }
}
