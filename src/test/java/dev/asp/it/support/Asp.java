package dev.asp.it.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The running server as integration tests see it: base URL, operator credential, common set-up steps. */
public final class Asp {
    public static final String BASE = System.getProperty("asp.it.baseUrl", "http://localhost:9080");

    static {
        AspServer.awaitReady();
    }

    private Asp() {
    }

    public static String operatorToken() {
        return AspServer.operatorToken();
    }

    public static RequestSpecification operator() {
        return operator(BASE);
    }

    /** The operator at another server than the one under test (one the test started itself). */
    public static RequestSpecification operator(String base) {
        return given().baseUri(base).header("Authorization", "Bearer " + operatorToken()).contentType("application/json");
    }

    public static RequestSpecification bearer(String secret) {
        return bearer(BASE, secret);
    }

    public static RequestSpecification bearer(String base, String secret) {
        return given().baseUri(base).header("Authorization", "Bearer " + secret).contentType("application/json");
    }

    /** A new organization; the response holds adminApiKey, auditorApiKey, scimToken. */
    public static JsonObject newOrg(boolean verified) {
        return newOrg(BASE, verified);
    }

    public static JsonObject newOrg(String base, boolean verified) {
        String body = Json.createObjectBuilder().add("name", "org-" + UUID.randomUUID()).add("region", "eu-west").add("verified", verified).build().toString();
        Response r = operator(base).body(body).post("/v1/asp/orgs");
        r.then().statusCode(201);
        return json(r);
    }

    /** Registers {@code agent} (with its key) in the org of {@code adminKey} and sets its id. */
    public static JsonObject register(String adminKey, TestAgent agent, String name, String... capabilities) {
        return register(BASE, adminKey, agent, name, capabilities);
    }

    public static JsonObject register(String base, String adminKey, TestAgent agent, String name, String... capabilities) {
        var caps = Json.createArrayBuilder();
        for (String c : capabilities) {
            caps.add(c);
        }
        String body = Json.createObjectBuilder().add("name", name).add("capabilities", caps).add("regions", Json.createArrayBuilder().add("eu-west"))
                .add("publicKeys", Json.createArrayBuilder().add(agent.jwk.toJson())).build().toString();
        Response r = bearer(base, adminKey).body(body).post("/v1/asp/registry");
        r.then().statusCode(201);
        JsonObject profile = json(r);
        agent.id = profile.getString("id");
        return profile;
    }

    /**
     * A registered, logged-in agent of the org of {@code adminKey}. An {@code infrastructure} one is
     * operator-assigned that level (6.3: no ceiling, no quota, escrow not required): until the trust
     * engine scores anyone above 0, every other agent is on probation with a 100 USD ceiling.
     */
    public static TestAgent agent(String adminKey, boolean infrastructure) {
        TestAgent a = new TestAgent();
        register(adminKey, a, "agent-" + UUID.randomUUID());
        if (infrastructure) {
            operator().body("{\"level\":\"infrastructure\"}").put("/v1/asp/agents/" + a.id + "/trust-level").then().statusCode(200);
        }
        login(a);
        return a;
    }

    /** The operator credits {@code amount} USD to the org's balance (spec 1.1). */
    public static void credit(String orgId, String amount) {
        operator().body("{\"amount\":\"" + amount + "\",\"currency\":\"USD\"}").post("/v1/asp/orgs/" + orgId + "/credits").then().statusCode(201);
    }

    /** The org's ledger as the operator reads it: balance, held and the first page of entries. */
    public static JsonObject ledger(String orgId) {
        Response r = operator().get("/v1/asp/orgs/" + orgId + "/ledger?limit=1000");
        r.then().statusCode(200);
        return json(r);
    }

    public static Response token(TestAgent agent) {
        return token(agent, BASE);
    }

    /** A token from the server at {@code base} (another server on the same database issues its own). */
    public static Response token(TestAgent agent, String base) {
        String url = base + "/v1/asp/token";
        return given().baseUri(base).header("DPoP", agent.proof("POST", url, null)).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", agent.assertion(url))
                .post("/v1/asp/token");
    }

    /** Obtains a token with private_key_jwt + DPoP and keeps it on the agent. */
    public static void login(TestAgent agent) {
        login(agent, BASE);
    }

    public static void login(TestAgent agent, String base) {
        Response r = token(agent, base);
        r.then().statusCode(200);
        agent.accessToken = json(r).getString("access_token");
    }

    /** A request as the agent: DPoP-bound token and a fresh proof for this method and path. */
    public static RequestSpecification as(TestAgent agent, String method, String path) {
        return as(BASE, agent, method, path);
    }

    public static RequestSpecification as(String base, TestAgent agent, String method, String path) {
        return given().baseUri(base).header("Authorization", "DPoP " + agent.accessToken)
                .header("DPoP", agent.proof(method, base + path, agent.accessToken)).contentType("application/json");
    }

    public static JsonObject json(Response r) {
        return Json.createReader(new java.io.StringReader(r.asString())).readObject();
    }
}
