package dev.asp.it.identity;

import static dev.asp.it.support.Asp.bearer;
import static dev.asp.it.support.Asp.json;
import static dev.asp.it.support.Asp.newOrg;
import static dev.asp.it.support.Asp.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Spec 1: another org's caller is told nothing exists (404), but a caller who knows the org — its own
 * auditor or SCIM key, the operator — and whose role may not do this is told so (403 not-allowed).
 */
class OwnOrganizationRefusalsIT {
    static JsonObject org;
    static String id;
    static String stranger;

    @BeforeAll
    static void setUp() {
        org = newOrg(false);
        id = org.getString("id");
        stranger = newOrg(false).getString("adminApiKey");
    }

    static void assertRefused(Response r, int status, String code) {
        assertEquals(status, r.statusCode(), r::asString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::contentType);
        assertEquals(code, json(r).getString("code"), r::asString);
    }

    /** The org's own credential {@code own} gets 403; another org's admin gets 404 for the same request. */
    static void ownIs403StrangerIs404(String own, Function<RequestSpecification, Response> call) {
        assertRefused(call.apply(bearer(own)), 403, "not-allowed");
        assertRefused(call.apply(bearer(stranger)), 404, "not-found");
    }

    @Test
    void theAuditorMayNotIssueOrRevokeCredentials() {
        String auditor = org.getString("auditorApiKey");
        ownIs403StrangerIs404(auditor, r -> r.body("{\"role\":\"admin\"}").post("/v1/asp/orgs/" + id + "/api-keys"));
        String keyId = json(bearer(org.getString("adminApiKey")).body("{\"role\":\"auditor\"}").post("/v1/asp/orgs/" + id + "/api-keys"))
                .getString("id");
        ownIs403StrangerIs404(auditor, r -> r.delete("/v1/asp/orgs/" + id + "/api-keys/" + keyId));
        ownIs403StrangerIs404(org.getString("scimToken"), r -> r.body("{\"role\":\"admin\"}").post("/v1/asp/orgs/" + id + "/api-keys"));
    }

    @Test
    void onlyTheOrgsAdminsSetItsPolicyAndNothingChangesOtherwise() {
        String body = "{\"requireApprovalAbove\":\"1.00\"}";
        ownIs403StrangerIs404(org.getString("auditorApiKey"), r -> r.body(body).put("/v1/asp/orgs/" + id + "/policy"));
        ownIs403StrangerIs404(org.getString("scimToken"), r -> r.body(body).put("/v1/asp/orgs/" + id + "/policy"));
        assertRefused(operator().body(body).put("/v1/asp/orgs/" + id + "/policy"), 403, "not-allowed");
        JsonObject policy = json(bearer(org.getString("auditorApiKey")).get("/v1/asp/orgs/" + id)).getJsonObject("policy");
        assertTrue(policy.isNull("requireApprovalAbove") || !policy.containsKey("requireApprovalAbove"), policy::toString);
    }

    @Test
    void onlyTheOperatorCreditsOrVerifiesAndNothingChangesOtherwise() {
        ownIs403StrangerIs404(org.getString("adminApiKey"), r -> r.body("{\"amount\":\"1.00\"}").post("/v1/asp/orgs/" + id + "/credits"));
        ownIs403StrangerIs404(org.getString("auditorApiKey"), r -> r.body("{\"amount\":\"1.00\"}").post("/v1/asp/orgs/" + id + "/credits"));
        ownIs403StrangerIs404(org.getString("adminApiKey"), r -> r.body("{\"verified\":true}").patch("/v1/asp/orgs/" + id));
        JsonObject ledger = json(bearer(org.getString("auditorApiKey")).get("/v1/asp/orgs/" + id + "/ledger"));
        assertEquals("0.00", ledger.getString("balance"));
        assertEquals(false, json(operator().get("/v1/asp/orgs/" + id)).getBoolean("verified"));
    }

    @Test
    void theScimTokenMayNotReadTheOrgThroughTheAdministrationApi() {
        ownIs403StrangerIs404(org.getString("scimToken"), r -> r.get("/v1/asp/orgs/" + id));
        ownIs403StrangerIs404(org.getString("scimToken"), r -> r.get("/v1/asp/orgs/" + id + "/ledger"));
    }

    @Test
    void theAuditorMayNotRegisterOrChangeAgentsOrDecideEscalations() {
        String auditor = org.getString("auditorApiKey");
        assertRefused(bearer(auditor).body("{\"name\":\"not-mine\"}").post("/v1/asp/registry"), 403, "not-allowed");
        assertRefused(bearer(auditor).body("{\"decision\":\"approve\"}").post("/v1/asp/escalations/esc_nothing/decision"), 403, "not-allowed");
        assertRefused(bearer(auditor).get("/v1/asp/escalations"), 403, "not-allowed");
    }
}
