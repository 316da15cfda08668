package dev.asp.it.session;

import static dev.asp.it.support.Asp.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/**
 * Spec 4.2 under concurrency, through the running server: many senders at once, on one session
 * and on many, as the group commit meets them. No fork, nothing lost, and each refusal is the one
 * a sender alone would get.
 */
class ConcurrentSendsIT {
    static String adminA;
    static String adminB;
    static ExecutorService senders;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
        senders = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stop() {
        senders.shutdownNow();
    }

    @Test
    void racersOnOneHeadLeaveOneWinnerAndTheChainUnforked() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = joined(buyer, seller);
        for (int round = 0; round < 5; round++) {
            List<CompletableFuture<Response>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                TestAgent sender = i % 2 == 0 ? buyer : seller;
                JsonObject envelope = s.envelope(sender, "QUERY", question("round " + round + " racer " + i), null);
                racing.add(CompletableFuture.supplyAsync(() -> s.post(sender, envelope), senders));
            }
            int won = 0;
            for (var f : racing) {
                Response r = f.join();
                if (r.statusCode() == 201) {
                    won++;
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("stale-head", json(r).getString("code"));
                }
            }
            assertEquals(1, won, "exactly one racer per head");
            s.refresh(buyer);
            assertEquals(3 + round + 1, s.headSeq);
        }
        verified(s, buyer, 8);
    }

    @Test
    void manySessionsAtOnceAllCommitInOrder() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        List<TestSession> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sessions.add(joined(buyer, seller));
        }
        for (int round = 0; round < 4; round++) {
            List<CompletableFuture<Response>> sent = new ArrayList<>();
            for (TestSession s : sessions) {
                TestAgent sender = round % 2 == 0 ? buyer : seller;
                JsonObject envelope = s.envelope(sender, "QUERY", question("round " + round), null);
                sent.add(CompletableFuture.supplyAsync(() -> s.post(sender, envelope), senders));
            }
            for (int i = 0; i < sessions.size(); i++) {
                Response r = sent.get(i).join();
                assertEquals(201, r.statusCode(), r.asString());
                assertEquals(4 + round, json(r).getInt("seq"));
                sessions.get(i).refresh(buyer);
            }
        }
        for (TestSession s : sessions) {
            verified(s, seller, 7);
        }
    }

    @Test
    void aReusedIdIsAConflictAndStoresNothing() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = joined(buyer, seller);
        JsonObject first = s.envelope(buyer, "QUERY", question("first"), null);
        s.post(buyer, first).then().statusCode(201);
        s.refresh(buyer);
        JsonObject unsigned = s.unsigned(buyer.id, "QUERY", question("another question, the same id"), null, s.headSeq + 1, s.headHash);
        JsonObject reused = buyer.seal(Json.createObjectBuilder(unsigned).add("id", first.getString("id")).build());
        Response r = s.post(buyer, reused);
        assertEquals(409, r.statusCode(), r.asString());
        assertEquals("conflict", json(r).getString("code"));
        s.refresh(buyer);
        assertEquals(4, s.headSeq, "nothing stored");
        verified(s, buyer, 4);
    }

    @Test
    void aReplayedProofIsRefusedAndStoresNothing() {
        TestAgent buyer = agent(adminA, true);
        TestAgent seller = agent(adminB, true);
        TestSession s = joined(buyer, seller);
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        String proof = buyer.proof("POST", BASE + path, buyer.accessToken);
        JsonObject first = s.envelope(buyer, "QUERY", question("first"), null);
        given().baseUri(BASE).header("Authorization", "DPoP " + buyer.accessToken).header("DPoP", proof).contentType("application/json")
                .body(first.toString()).post(path).then().statusCode(201);
        s.refresh(buyer);
        JsonObject second = s.envelope(buyer, "QUERY", question("second, with the first one's proof"), null);
        given().baseUri(BASE).header("Authorization", "DPoP " + buyer.accessToken).header("DPoP", proof).contentType("application/json")
                .body(second.toString()).post(path).then().statusCode(401).body("code", equalTo("invalid_dpop_proof"));
        s.refresh(buyer);
        assertEquals(4, s.headSeq, "nothing stored");
    }

    private static TestSession joined(TestAgent buyer, TestAgent seller) {
        TestSession s = new TestSession();
        s.open(buyer, "concurrent sends", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", SessionsIT.note("joining"), 1L).then().statusCode(201);
        return s;
    }

    private static JsonObject question(String text) {
        return Json.createObjectBuilder().add("question", text).build();
    }

    private static void verified(TestSession s, TestAgent reader, int messages) {
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(reader, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true)).body("messages", equalTo(messages));
    }
}
