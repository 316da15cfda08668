package dev.asp.it.identity;

import static dev.asp.it.support.Asp.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.TestAgent;
import io.restassured.response.Response;

/** Spec 1-3 through the running server: organizations, agents, tokens, DPoP, registry. */
class IdentityIT {
    static JsonObject org;
    static String admin;
    static TestAgent agent = new TestAgent();

    @BeforeAll
    static void setUp() {
        org = newOrg(false);
        admin = org.getString("adminApiKey");
        register(admin, agent, "buyer-" + UUID.randomUUID(), "procurement.hardware");
        login(agent);
    }

    @Test
    void organizationCreationAnswersSecretsOnce() {
        assertTrue(org.getString("id").startsWith("org_"));
        assertTrue(org.containsKey("auditorApiKey") && org.containsKey("scimToken"));
        bearer(admin).get("/v1/asp/orgs/" + org.getString("id")).then().statusCode(200)
                .body("name", equalTo(org.getString("name"))).body("adminApiKey", nullValue());
    }

    @Test
    void stringWhereBooleanBelongsIsMalformed() {
        operator().body("{\"name\":\"x-" + UUID.randomUUID() + "\",\"region\":\"eu\",\"verified\":\"yes\"}").post("/v1/asp/orgs")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("code", equalTo("malformed"));
        operator().body("{not json").post("/v1/asp/orgs").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void anotherOrgsResourcesAnswer404() {
        JsonObject other = newOrg(false);
        bearer(other.getString("adminApiKey")).get("/v1/asp/orgs/" + org.getString("id")).then().statusCode(404).body("code", equalTo("not-found"));
        bearer(other.getString("adminApiKey")).get("/v1/asp/orgs/org_doesnotexist").then().statusCode(404).body("code", equalTo("not-found"));
        bearer(other.getString("adminApiKey")).body("{\"status\":\"suspended\"}").patch("/v1/asp/agents/" + agent.id)
                .then().statusCode(404);
        bearer(other.getString("adminApiKey")).get("/v1/asp/orgs/" + org.getString("id") + "/ledger").then().statusCode(404);
    }

    @Test
    void privateKeyInJwkIsRefused() {
        JsonObject withD = Json.createObjectBuilder(new TestAgent().jwk.toJson()).add("d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").build();
        String body = Json.createObjectBuilder().add("name", "leaky-" + UUID.randomUUID()).add("publicKeys", Json.createArrayBuilder().add(withD)).build().toString();
        bearer(admin).body(body).post("/v1/asp/registry").then().statusCode(400).body("code", equalTo("malformed"))
                .body("detail", containsString("private"));
    }

    @Test
    void duplicateAgentNameIsConflict() {
        String name = "dup-" + UUID.randomUUID();
        register(admin, new TestAgent(), name);
        bearer(admin).body("{\"name\":\"" + name + "\"}").post("/v1/asp/registry").then().statusCode(409).body("code", equalTo("conflict"));
    }

    @Test
    void badCapabilitySyntaxIsMalformed() {
        bearer(admin).body("{\"name\":\"c-" + UUID.randomUUID() + "\",\"capabilities\":[\"Compute..GPU\"]}").post("/v1/asp/registry")
                .then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void tokenIsDpopBound() {
        Response r = token(agent);
        r.then().statusCode(200).body("token_type", equalTo("DPoP")).body("expires_in", equalTo(900));
    }

    @Test
    void agentRequestWithValidProofIsAuthenticated() {
        as(agent, "GET", "/v1/asp/agents/" + agent.id).get("/v1/asp/agents/" + agent.id).then().statusCode(200)
                // a new key_bound agent: IV 40 (8 points) and SP 40 (4 points), nothing else earned yet (docs/trust.md)
                .body("identityLevel", equalTo("key_bound")).body("trust.score", equalTo(12.0f)).body("trust.level", equalTo("probation"));
    }

    @Test
    void replayedProofIsRefused() {
        String path = "/v1/asp/agents/" + agent.id;
        String proof = agent.proof("GET", BASE + path, agent.accessToken);
        given().baseUri(BASE).header("Authorization", "DPoP " + agent.accessToken).header("DPoP", proof).get(path).then().statusCode(200);
        Response replayed = given().baseUri(BASE).header("Authorization", "DPoP " + agent.accessToken).header("DPoP", proof).get(path);
        replayed.then().statusCode(401).body("code", equalTo("invalid_dpop_proof"));
        assertTrue(challenges(replayed).anyMatch(c -> c.startsWith("DPoP error=\"invalid_dpop_proof\"")), replayed.headers()::toString);
    }

    @Test
    void everyProofCheckFails() {
        String path = "/v1/asp/agents/" + agent.id;
        String url = BASE + path;
        String t = agent.accessToken;
        assertRefused(path, null, "missing proof");
        assertRefused(path, agent.proof("POST", url, t), "wrong htm");
        assertRefused(path, agent.proof("GET", BASE + "/v1/asp/other", t), "wrong htu");
        assertRefused(path, agent.proof("GET", url, t, "EdDSA", Instant.now().minusSeconds(600), UUID.randomUUID().toString()), "old iat");
        assertRefused(path, agent.proof("GET", url, t, "EdDSA", Instant.now().plusSeconds(600), UUID.randomUUID().toString()), "future iat");
        assertRefused(path, agent.proof("GET", url, "another-token"), "wrong ath");
        assertRefused(path, agent.proof("GET", url, t, "ES256", Instant.now(), UUID.randomUUID().toString()), "alg does not fit key");
        assertRefused(path, new TestAgent().proof("GET", url, t), "key is not the token's");
        String good = agent.proof("GET", url, t);
        String[] parts = good.split("\\.");
        assertRefused(path, parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse(), "bad signature");
        JsonObject typHeader = Json.createObjectBuilder().add("typ", "JWT").add("alg", "EdDSA").add("jwk", agent.jwk.toJson()).build();
        JsonObject claims = Json.createObjectBuilder().add("jti", UUID.randomUUID().toString()).add("htm", "GET").add("htu", url)
                .add("iat", Instant.now().getEpochSecond()).build();
        assertRefused(path, TestAgent.jws(typHeader, claims, agent.seed), "wrong typ");
        JsonObject privateJwk = Json.createObjectBuilder(agent.jwk.toJson()).add("d", "AAAA").build();
        JsonObject privHeader = Json.createObjectBuilder().add("typ", "dpop+jwt").add("alg", "EdDSA").add("jwk", privateJwk).build();
        assertRefused(path, TestAgent.jws(privHeader, claims, agent.seed), "private jwk");
        // Ed25519 (RFC 9864) is accepted like EdDSA
        given().baseUri(BASE).header("Authorization", "DPoP " + t)
                .header("DPoP", agent.proof("GET", url, t, "Ed25519", Instant.now(), UUID.randomUUID().toString())).get(path).then().statusCode(200);
        // htu compares without query
        given().baseUri(BASE).header("Authorization", "DPoP " + t).header("DPoP", agent.proof("GET", url, t)).get(path + "?x=1").then().statusCode(200);
    }

    /** Every WWW-Authenticate challenge: the refusal's own and those of the other schemes the endpoint takes. */
    private static java.util.stream.Stream<String> challenges(Response r) {
        return r.headers().getValues("WWW-Authenticate").stream();
    }

    private static void assertRefused(String path, String proof, String why) {
        var req = given().baseUri(BASE).header("Authorization", "DPoP " + agent.accessToken);
        if (proof != null) {
            req.header("DPoP", proof);
        }
        Response r = req.get(path);
        assertEquals(401, r.statusCode(), why + ": " + r.asString());
        assertTrue(challenges(r).anyMatch(c -> c.startsWith("DPoP error=")), why);
        assertTrue(r.contentType().contains("application/problem+json"), why);
    }

    @Test
    void forgedTokenIsRefused() {
        TestAgent forger = new TestAgent();
        JsonObject header = Json.createObjectBuilder().add("alg", "EdDSA").add("kid", "made-up").build();
        JsonObject claims = Json.createObjectBuilder().add("iss", "asp").add("sub", agent.id).add("exp", Instant.now().plusSeconds(600).getEpochSecond())
                .add("cnf", Json.createObjectBuilder().add("jkt", forger.kid())).build();
        String forged = TestAgent.jws(header, claims, forger.seed);
        String path = "/v1/asp/agents/" + agent.id;
        Response refused = given().baseUri(BASE).header("Authorization", "DPoP " + forged).header("DPoP", forger.proof("GET", BASE + path, forged)).get(path);
        refused.then().statusCode(401).body("code", equalTo("invalid_token"));
        assertTrue(challenges(refused).anyMatch(c -> c.startsWith("DPoP error=\"invalid_token\"")), refused.headers()::toString);
    }

    @Test
    void assertionReplayIsRefused() {
        String url = BASE + "/v1/asp/token";
        String assertion = agent.assertion(url);
        tokenWith(agent, assertion).then().statusCode(200);
        tokenWith(agent, assertion).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void tokenEndpointErrorsAreOAuthJson() {
        given().baseUri(BASE).contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", agent.assertion(BASE + "/v1/asp/token")).post("/v1/asp/token")
                .then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        TestAgent stranger = new TestAgent();
        stranger.id = agent.id;
        tokenWith(stranger, stranger.assertion(BASE + "/v1/asp/token")).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().baseUri(BASE).contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .header("DPoP", agent.proof("POST", BASE + "/v1/asp/token", null)).post("/v1/asp/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void keyRotationStopsOldTokens() {
        TestAgent old = new TestAgent();
        register(admin, old, "rotating-" + UUID.randomUUID());
        login(old);
        String path = "/v1/asp/agents/" + old.id;
        as(old, "GET", path).get(path).then().statusCode(200);
        TestAgent rotated = new TestAgent();
        rotated.id = old.id;
        bearer(admin).body(Json.createObjectBuilder().add("jwk", rotated.jwk.toJson()).build().toString()).post(path + "/keys").then().statusCode(201)
                .body("kid", equalTo(rotated.kid())).body("status", equalTo("active"));
        bearer(admin).body("{\"status\":\"retired\"}").patch(path + "/keys/" + old.kid()).then().statusCode(200).body("status", equalTo("retired"));
        as(old, "GET", path).get(path).then().statusCode(401).body("code", equalTo("invalid_token"));
        token(old).then().statusCode(401);
        login(rotated);
        as(rotated, "GET", path).get(path).then().statusCode(200);
        bearer(admin).get(path + "/keys").then().statusCode(200).body("keys.size()", equalTo(2));
        bearer(admin).body("{\"status\":\"active\"}").patch(path + "/keys/" + old.kid()).then().statusCode(400);
    }

    @Test
    void apiKeyTokenBindsTheProofKeyAtLevelApiKey() {
        TestAgent keyless = new TestAgent();
        String body = "{\"name\":\"keyless-" + UUID.randomUUID() + "\",\"capabilities\":[\"data.enrichment\"]}";
        keyless.id = json(bearer(admin).body(body).post("/v1/asp/registry")).getString("id");
        JsonObject key = json(bearer(admin).post("/v1/asp/agents/" + keyless.id + "/api-keys"));
        assertEquals(keyless.id, key.getString("clientId"));
        Response r = given().baseUri(BASE).auth().preemptive().basic(keyless.id, key.getString("secret"))
                .header("DPoP", keyless.proof("POST", BASE + "/v1/asp/token", null)).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/v1/asp/token");
        r.then().statusCode(200);
        keyless.accessToken = json(r).getString("access_token");
        String path = "/v1/asp/agents/" + keyless.id;
        as(keyless, "GET", path).get(path).then().statusCode(200).body("identityLevel", equalTo("api_key"));
        // an agent API key is not an admin credential
        bearer(key.getString("secret")).get("/v1/asp/orgs/" + org.getString("id")).then().statusCode(401);
    }

    @Test
    void suspendedAgentCannotAct() {
        TestAgent a = new TestAgent();
        register(admin, a, "suspend-" + UUID.randomUUID());
        login(a);
        String path = "/v1/asp/agents/" + a.id;
        bearer(admin).body("{\"status\":\"suspended\"}").patch(path).then().statusCode(200).body("status", equalTo("suspended"));
        as(a, "GET", path).get(path).then().statusCode(401);
        token(a).then().statusCode(401);
        bearer(admin).body("{\"status\":\"active\"}").patch(path).then().statusCode(200);
        as(a, "GET", path).get(path).then().statusCode(200);
    }

    @Test
    void registrySearchMatchesCapabilitySegments() {
        String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        TestAgent gpu = new TestAgent();
        register(admin, gpu, "gpu-" + tag, "compute." + tag + ".gpu.provision");
        given().baseUri(BASE).queryParam("capability", "compute." + tag + ".gpu").get("/v1/asp/registry").then().statusCode(200)
                .body("agents.id", hasItem(gpu.id)).body("agents[0].trust.level", equalTo("probation"));
        given().baseUri(BASE).queryParam("capability", "compute." + tag + ".gp").get("/v1/asp/registry").then().statusCode(200)
                .body("agents.size()", equalTo(0));
        given().baseUri(BASE).contentType("application/json").body("{\"capabilities\":[\"compute." + tag + "\"],\"region\":\"eu-west\"}")
                .post("/v1/asp/registry/search").then().statusCode(200).body("agents.id", hasItem(gpu.id));
        given().baseUri(BASE).queryParam("capability", "compute." + tag).queryParam("region", "us-east").get("/v1/asp/registry").then()
                .body("agents.size()", equalTo(0));
        given().baseUri(BASE).queryParam("capability", "compute." + tag).queryParam("minTrustScore", "50").get("/v1/asp/registry").then()
                .body("agents.size()", equalTo(0));
        given().baseUri(BASE).queryParam("capability", "Bad..Cap").get("/v1/asp/registry").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void registryPagesWithCursor() {
        String tag = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        for (int i = 0; i < 3; i++) {
            register(admin, new TestAgent(), "page-" + tag + i, "paging." + tag);
        }
        JsonObject first = json(given().baseUri(BASE).queryParam("capability", "paging." + tag).queryParam("limit", 2).get("/v1/asp/registry"));
        assertEquals(2, first.getJsonArray("agents").size());
        JsonObject second = json(given().baseUri(BASE).queryParam("capability", "paging." + tag).queryParam("limit", 2)
                .queryParam("cursor", first.getString("next")).get("/v1/asp/registry"));
        assertEquals(1, second.getJsonArray("agents").size());
        assertTrue(second.isNull("next"));
    }

    @Test
    void creditsAppearInTheLedger() {
        String id = org.getString("id");
        operator().body("{\"amount\":\"5000.00\",\"currency\":\"USD\"}").post("/v1/asp/orgs/" + id + "/credits").then().statusCode(201)
                .body("kind", equalTo("credit")).body("amount", equalTo("5000.00"));
        operator().body("{\"amount\":5000}").post("/v1/asp/orgs/" + id + "/credits").then().statusCode(400).body("code", equalTo("malformed"));
        bearer(org.getString("auditorApiKey")).get("/v1/asp/orgs/" + id + "/ledger").then().statusCode(200)
                .body("balance", equalTo("5000.00")).body("entries.size()", equalTo(1));
        bearer(admin).body("{\"amount\":\"1.00\"}").post("/v1/asp/orgs/" + id + "/credits").then().statusCode(403);
    }

    private static Response tokenWith(TestAgent a, String assertion) {
        String url = BASE + "/v1/asp/token";
        return given().baseUri(BASE).header("DPoP", a.proof("POST", url, null)).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion).post("/v1/asp/token");
    }
}
