package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;

/**
 * Spec 4.8: a WebSocket is only as good as its credentials. A key retired or revoked, or an agent
 * suspended, ends the connections standing on it within 5 s (an error frame naming why, then
 * 1008), and nothing more is accepted from them; a connection that does not authenticate within
 * 10 s is closed though it keeps pinging. (Token expiry and renewal need a short token lifetime:
 * {@link LiveTwoServersIT} gives its second server one.)
 */
class LiveCredentialsIT {
    /** Spec 4.8: within 5 s of the change. */
    static final long WITHIN_SECONDS = 5;

    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    @Test
    void aRevokedKeysSocketIsClosedAndWhatItSendsIsRefused() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            long start = changeKey(adminA, buyer, buyer, "revoked");
            c.trySend(Jsonp.object().add("type", "send").add("envelope", s.envelope(buyer, "QUERY", Live.question("signed with a revoked key"), null)).build());
            assertEndedWithin(c, start, "revoked");
        }
        s.refresh(seller);
        assertEquals(3, s.headSeq, "nothing the revoked key signed was stored");
    }

    /** Only the connections on the retired key end: another key of the same agent keeps its own. */
    @Test
    void aRetiredKeysSocketIsClosedWhileOneOnAnotherKeyStays() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        TestAgent rotated = new TestAgent();
        rotated.id = buyer.id;
        String keys = "/v1/asp/agents/" + buyer.id + "/keys";
        bearer(adminA).body(Json.createObjectBuilder().add("jwk", rotated.jwk.toJson()).build().toString()).post(keys).then().statusCode(201);
        login(rotated);
        try (SocketClient old = SocketClient.authenticated(BASE, buyer); SocketClient current = SocketClient.authenticated(BASE, rotated)) {
            long start = changeKey(adminA, buyer, buyer, "retired");
            old.trySend(Jsonp.object().add("type", "send").add("envelope", s.envelope(buyer, "QUERY", Live.question("signed with a retired key"), null)).build());
            assertEndedWithin(old, start, "retired");

            current.subscribe(s.id, 2);
            current.expect("subscribed", 30);
            assertEquals(List.of(3L), current.messageSeqs(s.id, 1, 30));
            assertFalse(current.closed.isDone(), "the connection on the other key stays open");
        }
        s.refresh(seller);
        assertEquals(3, s.headSeq, "nothing the retired key signed was stored");
    }

    @Test
    void aSuspendedAgentsSocketIsClosedAndItsSubscribeRefused() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, seller)) {
            long start = System.nanoTime();
            bearer(adminB).body("{\"status\":\"suspended\"}").patch("/v1/asp/agents/" + seller.id).then().statusCode(200);
            c.trySend(Jsonp.object().add("type", "subscribe").add("sessionId", s.id).add("after", 0).build());
            assertEndedWithin(c, start, "suspended");
        }
    }

    /** Pings keep a connection alive, but not one that never authenticates (spec 4.8: 10 s). */
    @Test
    void anUnauthenticatedConnectionIsClosedAfterTenSecondsThoughItPings() throws Exception {
        try (SocketClient c = SocketClient.anonymous(BASE)) {
            long start = System.nanoTime();
            while (!c.closed.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                c.socket.sendPing(ByteBuffer.allocate(0)).get(5, TimeUnit.SECONDS);
                Thread.sleep(1000);
            }
            assertTrue(c.closed.isDone(), "still open after 20 s of pings");
            long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(1008, c.closed.join().code());
            assertTrue(after >= 9_000 && after <= 10_000 + WITHIN_SECONDS * 1000, "closed after " + after + " ms");
        }
    }

    /** Sets {@code key}'s status as {@code admin}; answers when it was asked, for the 5 s. */
    static long changeKey(String admin, TestAgent agent, TestAgent key, String status) {
        long start = System.nanoTime();
        bearer(admin).body("{\"status\":\"" + status + "\"}").patch("/v1/asp/agents/" + agent.id + "/keys/" + key.kid()).then().statusCode(200);
        return start;
    }

    /**
     * The error frame naming why (401 invalid_token, as HTTP answers the same credentials), then
     * 1008, within 5 s of {@code start}; nothing sent after the change was acknowledged, subscribed
     * or replayed.
     */
    static void assertEndedWithin(SocketClient c, long start, String why) throws Exception {
        JsonObject error = c.expect(f -> {
            assertFalse(List.of("ack", "subscribed", "message").contains(f.getString("type")), "accepted after the change: " + f);
            return "error".equals(f.getString("type")) && !f.containsKey("id");
        }, "error frame", WITHIN_SECONDS + 1);
        assertEquals("invalid_token", error.getJsonObject("problem").getString("code"), error.toString());
        assertEquals(401, error.getJsonObject("problem").getInt("status"));
        assertTrue(error.getJsonObject("problem").getString("detail").contains(why), error.toString());
        assertEquals(1008, c.closed.get(WITHIN_SECONDS + 1, TimeUnit.SECONDS).code());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took <= WITHIN_SECONDS * 1000, "closed " + took + " ms after the change");
        for (JsonObject f = c.next(0); f != null; f = c.next(0)) {
            assertFalse(List.of("ack", "subscribed", "message").contains(f.getString("type")), "answered after the close: " + f);
        }
    }
}
