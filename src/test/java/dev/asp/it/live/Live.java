package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;

import java.util.UUID;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;

/** Set-up shared by the live-delivery tests: infrastructure agents (no quotas) and joined sessions. */
final class Live {
    private Live() {
    }

    /** A logged-in agent the operator made infrastructure, so the probation quota (3 sessions a day) never interferes. */
    static TestAgent agent(String admin) {
        TestAgent a = new TestAgent();
        register(admin, a, "live-" + UUID.randomUUID());
        operator().body("{\"level\":\"infrastructure\"}").put("/v1/asp/agents/" + a.id + "/trust-level").then().statusCode(200);
        login(a);
        return a;
    }

    /** INVITE, ACCEPT and the service's introduction: the session is CONVERSING at seq 3. */
    static TestSession joined(TestAgent buyer, TestAgent seller) {
        TestSession s = new TestSession();
        s.open(buyer, "live delivery", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        return s;
    }

    static JsonObject note(String text) {
        return Jsonp.object().add("note", text).build();
    }

    static JsonObject question(String text) {
        return Jsonp.object().add("question", text).build();
    }

    /** A QUERY from {@code sender} on the head; answers the stored seq. */
    static long ask(TestSession s, TestAgent sender, String text) {
        s.send(sender, "QUERY", question(text), null).then().statusCode(201);
        return s.headSeq;
    }
}
