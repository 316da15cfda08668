package dev.asp.it.session;

import static dev.asp.it.support.Asp.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.SecondServer;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/**
 * A crash under load (docs/durability.md): a server of its own ({@code asp-crash}, the HTTP port one
 * above the server under test; on the embedded database a database of its own, on PostgreSQL the
 * suite's) takes signed messages on several sessions over HTTP, and its JVM is killed with SIGKILL
 * mid-load. After a restart every message it acknowledged with 201 is there, byte for byte; nothing
 * is stored that was not sent; the chains and signatures verify; the envelope that was in flight at
 * the kill is answered with one copy when re-sent (200 with the stored message, or 201); and every
 * session goes on taking messages.
 */
class CrashRecoveryIT {
    private static final int SESSIONS = 8;
    /** Enough to pass two of the session snapshots the group commit writes every 16th seq. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    static SecondServer server;
    static ExecutorService senders;

    @BeforeAll
    static void start() throws Exception {
        server = new SecondServer("asp-crash", Map.of());
        server.create();
        server.start();
        senders = Executors.newFixedThreadPool(SESSIONS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (senders != null) {
            senders.shutdownNow();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** One session's load: what the server acknowledged, and the envelope it was sent when it died. */
    static final class Load {
        final TestSession session;
        final long before;
        final List<JsonObject> acknowledged = new CopyOnWriteArrayList<>();
        volatile JsonObject inFlight;

        Load(TestSession session) {
            this.session = session;
            this.before = session.headSeq;
        }
    }

    @Test
    void aKilledServerKeepsEveryAcknowledgedMessageAndGoesOn() throws Exception {
        String base = server.base;
        TestAgent buyer = agent(base, newOrg(base, true).getString("adminApiKey"));
        TestAgent seller = agent(base, newOrg(base, false).getString("adminApiKey"));
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            TestSession s = new TestSession(base);
            s.open(buyer, "crash test", null, buyer, "buyer", seller, "seller").then().statusCode(201);
            s.send(seller, "ACCEPT", SessionsIT.note("joining"), 1L).then().statusCode(201);
            loads.add(new Load(s));
        }

        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Load load : loads) {
            running.add(CompletableFuture.runAsync(() -> sendUntilTheServerDies(load, buyer, seller), senders));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (loads.stream().anyMatch(l -> l.acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL)) {
            assertTrue(System.nanoTime() < deadline, "the load did not reach " + ACKNOWLEDGED_BEFORE_KILL + " messages a session in 120 s");
            running.stream().filter(CompletableFuture::isDone).forEach(CompletableFuture::join); // a sender that failed before the kill
            Thread.sleep(50);
        }
        server.kill();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        server.start();
        login(buyer, base);
        login(seller, base);
        for (Load load : loads) {
            recovered(load, buyer, seller);
        }
    }

    private static TestAgent agent(String base, String adminKey) {
        TestAgent a = new TestAgent();
        register(base, adminKey, a, "agent-" + UUID.randomUUID());
        // trusted, so the trust gate's limits on new sessions and messages stay out of the load
        operator(base).body("{\"level\":\"infrastructure\"}").put("/v1/asp/agents/" + a.id + "/trust-level").then().statusCode(200);
        login(a, base);
        return a;
    }

    // Sends on the head until a request fails for want of a server; an answer other than 201 fails the test.
    private static void sendUntilTheServerDies(Load load, TestAgent buyer, TestAgent seller) {
        TestSession s = load.session;
        for (int n = 0;; n++) {
            TestAgent sender = n % 2 == 0 ? buyer : seller;
            JsonObject envelope = s.envelope(sender, "QUERY", Json.createObjectBuilder().add("question", "question " + n).build(), null);
            load.inFlight = envelope;
            Response r;
            try {
                r = s.post(sender, envelope);
            } catch (Exception killed) { // RestAssured rethrows the connection's IOException unchecked
                return;
            }
            if (r.statusCode() != 201) {
                throw new AssertionError("send " + envelope.getJsonNumber("seq") + " on " + s.id + ": " + r.statusCode() + " " + r.asString());
            }
            load.acknowledged.add(envelope);
            load.inFlight = null;
            s.headSeq = envelope.getJsonNumber("seq").longValue();
            s.headHash = envelope.getString("hash");
        }
    }

    private static void recovered(Load load, TestAgent buyer, TestAgent seller) {
        TestSession s = load.session;
        List<JsonObject> stored = transcript(s, buyer);
        long acknowledgedHead = load.before + load.acknowledged.size();
        assertTrue(stored.size() >= acknowledgedHead, s.id + ": " + load.acknowledged.size() + " messages acknowledged after seq " + load.before
                + ", the transcript ends at seq " + stored.size());
        for (int k = 0; k < load.acknowledged.size(); k++) {
            JsonObject sent = load.acknowledged.get(k);
            JsonObject kept = stored.get((int) load.before + k);
            assertEquals(sent.toString(), kept.getJsonObject("envelope").toString(), s.id + ": acknowledged message at seq " + kept.getInt("seq"));
            assertEquals(sent.getString("hash"), kept.getString("hash"));
        }
        JsonObject inFlight = load.inFlight;
        boolean inFlightStored = stored.size() > acknowledgedHead;
        assertTrue(stored.size() <= acknowledgedHead + 1, s.id + ": stored beyond what was sent");
        if (inFlightStored) {
            assertNotNull(inFlight, s.id + ": a message stored that was not sent");
            assertEquals(inFlight.toString(), stored.get((int) acknowledgedHead).getJsonObject("envelope").toString(), s.id + ": the message in flight");
        }
        verified(s, seller, stored.size());

        if (inFlight != null) {
            TestAgent sender = inFlight.getString("sender").equals(buyer.id) ? buyer : seller;
            Response again = s.post(sender, inFlight);
            assertEquals(inFlightStored ? 200 : 201, again.statusCode(), s.id + ": the in-flight envelope re-sent: " + again.asString());
            assertEquals(inFlight.toString(), json(again).getJsonObject("envelope").toString());
            assertEquals(acknowledgedHead + 1, transcript(s, buyer).size(), s.id + ": one copy of the in-flight envelope");
        }
        s.refresh(buyer);
        s.send(seller, "QUERY", Json.createObjectBuilder().add("question", "after the crash").build(), null).then().statusCode(201);
        verified(s, buyer, (int) s.headSeq);
    }

    private static List<JsonObject> transcript(TestSession s, TestAgent reader) {
        List<JsonObject> all = new ArrayList<>();
        for (long after = 0;;) {
            String path = "/v1/asp/sessions/" + s.id + "/messages";
            Response r = as(s.base, reader, "GET", path).queryParam("after", after).queryParam("limit", 100).get(path);
            assertEquals(200, r.statusCode(), s.id + ": transcript page after " + after + ": " + r.asString());
            JsonObject page = json(r);
            page.getJsonArray("messages").forEach(m -> all.add(m.asJsonObject()));
            if (page.get("next") == null || page.get("next").getValueType() == JsonValue.ValueType.NULL) {
                return all;
            }
            after = page.getJsonNumber("next").longValue();
        }
    }

    private static void verified(TestSession s, TestAgent reader, int messages) {
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(s.base, reader, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo(messages));
    }
}
