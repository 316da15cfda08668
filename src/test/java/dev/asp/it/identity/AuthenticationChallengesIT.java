package dev.asp.it.identity;

import static dev.asp.it.support.Asp.BASE;
import static dev.asp.it.support.Asp.as;
import static dev.asp.it.support.Asp.login;
import static dev.asp.it.support.Asp.newOrg;
import static dev.asp.it.support.Asp.register;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.Asp;
import dev.asp.it.support.TestAgent;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * RFC 9110 §11.6.1: every 401 names how to authenticate. Agent endpoints challenge with DPoP and the
 * algorithms of discovery (RFC 9449 §7.1), Bearer stands beside it where the operator's or an org's keys
 * are taken too, a refusal keeps its own error, and the token endpoint challenges with Basic (RFC 6749 §5.2).
 */
class AuthenticationChallengesIT {
    static TestAgent agent = new TestAgent();
    static String dpop;

    @BeforeAll
    static void setUp() {
        String admin = newOrg(false).getString("adminApiKey");
        register(admin, agent, "challenged-" + UUID.randomUUID(), "procurement.hardware");
        login(agent);
        List<String> algs = Asp.json(given().baseUri(BASE).get("/.well-known/asp-configuration")).getJsonArray("signatureAlgorithms")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        dpop = "DPoP algs=\"" + String.join(" ", algs) + "\"";
    }

    static RequestSpecification anonymous() {
        return given().baseUri(BASE).contentType("application/json");
    }

    static List<String> challenges(Response r) {
        assertEquals(401, r.statusCode(), r::asString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::contentType);
        return r.headers().getValues("WWW-Authenticate");
    }

    @Test
    void agentOnlyEndpointsChallengeWithDpopAndItsAlgorithms() {
        assertEquals(List.of(dpop), challenges(anonymous().get("/v1/asp/sessions")));
        assertEquals(List.of(dpop), challenges(anonymous().body("{}").post("/v1/asp/sessions")));
        assertEquals(List.of(dpop), challenges(anonymous().body("{}").post("/v1/asp/sessions/ses_nothing/messages")));
    }

    @Test
    void endpointsAuditorsReadChallengeWithDpopAndBearer() {
        for (String path : List.of("/v1/asp/sessions/ses_nothing", "/v1/asp/sessions/ses_nothing/messages", "/v1/asp/sessions/ses_nothing/verify")) {
            List<String> c = challenges(anonymous().get(path));
            assertEquals(2, c.size(), path + ": " + c);
            assertTrue(c.contains(dpop) && c.stream().anyMatch(v -> v.startsWith("Bearer")), path + ": " + c);
        }
    }

    @Test
    void administrationEndpointsChallengeWithBearer() {
        for (Response r : List.of(anonymous().get("/v1/asp/orgs/org_nothing"), anonymous().body("{}").post("/v1/asp/orgs"),
                anonymous().body("{}").put("/v1/asp/orgs/org_nothing/policy"), anonymous().body("{}").post("/v1/asp/registry"),
                anonymous().get("/v1/asp/escalations"), anonymous().body("{}").patch("/v1/asp/agents/" + agent.id),
                anonymous().post("/v1/asp/admin/service-keys/rotate"))) {
            List<String> c = challenges(r);
            assertEquals(1, c.size(), c::toString);
            assertTrue(c.get(0).startsWith("Bearer"), c::toString);
        }
    }

    @Test
    void aRefusalKeepsItsErrorAndTheOtherSchemeStandsBesideIt() {
        List<String> wrongBearer = challenges(anonymous().header("Authorization", "Bearer not-a-key").get("/v1/asp/sessions/ses_nothing"));
        assertTrue(wrongBearer.contains("Bearer error=\"invalid_token\""), wrongBearer::toString);
        assertTrue(wrongBearer.contains(dpop), wrongBearer::toString);

        String path = "/v1/asp/sessions";
        List<String> badProof = challenges(given().baseUri(BASE).header("Authorization", "DPoP " + agent.accessToken)
                .header("DPoP", agent.proof("GET", BASE + "/v1/asp/elsewhere", agent.accessToken)).get(path));
        assertEquals(1, badProof.size(), badProof::toString);
        assertTrue(badProof.get(0).startsWith("DPoP error=\"invalid_dpop_proof\"") && badProof.get(0).endsWith(dpop.substring("DPoP ".length())),
                badProof::toString);
    }

    @Test
    void anUnsupportedSchemeIsToldWhichOnesWork() {
        List<String> c = challenges(anonymous().header("Authorization", "Basic Zm9vOmJhcg==").get("/v1/asp/orgs/org_nothing"));
        assertEquals(1, c.size(), c::toString);
        assertTrue(c.get(0).startsWith("Bearer"), c::toString);
    }

    @Test
    void theTokenEndpointChallengesAClientItCannotAuthenticate() {
        String url = BASE + "/v1/asp/token";
        String basic = Base64.getEncoder().encodeToString((agent.id + ":not-the-secret").getBytes(StandardCharsets.UTF_8));
        Response r = given().baseUri(BASE).header("DPoP", agent.proof("POST", url, null)).header("Authorization", "Basic " + basic)
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials").post("/v1/asp/token");
        assertEquals(401, r.statusCode(), r::asString);
        assertEquals("invalid_client", Asp.json(r).getString("error"));
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"), r.header("WWW-Authenticate"));
    }

    @Test
    void aValidAgentIsNotChallenged() {
        String path = "/v1/asp/sessions";
        Response ok = as(agent, "GET", path).get(path);
        assertEquals(200, ok.statusCode(), ok::asString);
        assertTrue(ok.headers().getValues("WWW-Authenticate").isEmpty());
    }
}
