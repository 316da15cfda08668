package dev.asp.it.scim;

import static dev.asp.it.scim.ScimClient.AGENT;
import static dev.asp.it.scim.ScimClient.ERROR;
import static dev.asp.it.scim.ScimClient.ed25519Jwk;
import static dev.asp.it.scim.ScimClient.newOrg;
import static dev.asp.it.scim.ScimClient.patch;
import static dev.asp.it.scim.ScimClient.send;
import static dev.asp.it.scim.ScimClient.unique;
import static dev.asp.it.scim.ScimClient.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.it.scim.ScimClient.Org;
import dev.asp.it.scim.ScimClient.Reply;

/** Every failure under /scim/v2 is a SCIM error (RFC 7644 3.12, spec 10), and a refused request stores nothing. */
class ScimErrorsIT {
    final Org org = newOrg("scim-errors");

    static void assertScimError(Reply r, int status, String scimType) {
        assertEquals(status, r.status(), r.raw().body());
        assertTrue(r.contentType() != null && r.contentType().startsWith("application/scim+json"), r.contentType());
        JsonObject e = r.json();
        assertEquals(ERROR, e.getJsonArray("schemas").getString(0));
        assertEquals(Integer.toString(status), e.getString("status"));
        if (scimType != null) {
            assertEquals(scimType, e.getString("scimType"), r.raw().body());
        }
        assertNotNull(e.getString("detail"));
        assertFalse(e.containsKey("type"), "not a problem document");
    }

    int total() {
        return org.scim("GET", "/Users", null).json().getInt("totalResults");
    }

    @Test
    void missingOrWrongTokensAre401() {
        assertScimError(send("GET", "/scim/v2/Users", null, null, Map.of()), 401, null);
        assertScimError(send("GET", "/scim/v2/Users", "scim_not-a-token", null, Map.of()), 401, null);
        assertScimError(send("GET", "/scim/v2/Users", org.adminKey(), null, Map.of()), 401, null);
        assertScimError(send("GET", "/scim/v2/Users", ScimClient.operatorToken(), null, Map.of()), 401, null);
        assertScimError(send("GET", "/scim/v2/ServiceProviderConfig", null, null, Map.of()), 401, null);
        assertScimError(send("GET", "/scim/v2/Users", null, null, Map.of("Authorization", "Basic Zm9vOmJhcg==")), 401, null);
        assertTrue(send("GET", "/scim/v2/Users", null, null, Map.of()).header("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void malformedJsonIsInvalidSyntax() {
        assertScimError(org.scim("POST", "/Users", "{\"schemas\":[", Map.of()), 400, "invalidSyntax");
        assertScimError(org.scim("POST", "/Users", "[]", Map.of()), 400, "invalidSyntax");
        assertEquals(0, total());
    }

    @Test
    void duplicateUserNameIs409Uniqueness() {
        String name = unique("dup");
        org.create(user(name, "one"));
        assertScimError(org.scim("POST", "/Users", user(name, "two")), 409, "uniqueness");
        assertEquals(1, total());
        String other = org.create(user(unique("dup-other"), "three")).getString("id");
        assertScimError(org.scim("PATCH", "/Users/" + other, patch("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + name + "\"}]")), 409,
                "uniqueness");
    }

    @Test
    void privateKeyMaterialIsRefusedAndNothingIsStored() {
        String name = unique("leaky");
        assertScimError(org.scim("POST", "/Users", user(name, "leaky", ed25519Jwk(true))), 400, "invalidValue");
        assertEquals(0, org.scim("GET", "/Users?filter=" + ScimFilterIT.encode("userName eq \"" + name + "\""), null).json().getInt("totalResults"));

        JsonObject u = org.create(user(unique("keyed"), "keyed"));
        Reply patched = org.scim("PATCH", "/Users/" + u.getString("id"), patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                + "{\"op\":\"add\",\"path\":\"" + AGENT + ":publicKeys\",\"value\":" + ed25519Jwk(true) + "}]"));
        assertScimError(patched, 400, "invalidValue");
        JsonObject after = org.scim("GET", "/Users/" + u.getString("id"), null).json();
        assertEquals(u, after, "the whole PATCH was refused, including its first operation");
    }

    @Test
    void invalidValuesOfTheDomainAreInvalidValue() {
        JsonObject badCapability = Json.createObjectBuilder(user(unique("bad-cap"), "bc"))
                .add(AGENT, Json.createObjectBuilder().add("capabilities", Json.createArrayBuilder().add("Not A Capability"))).build();
        assertScimError(org.scim("POST", "/Users", badCapability), 400, "invalidValue");
        JsonObject stringActive = Json.createObjectBuilder(user(unique("bad-active"), "ba")).add("active", "yes").build();
        assertScimError(org.scim("POST", "/Users", stringActive), 400, "invalidValue");
        assertEquals(0, total());
    }

    @Test
    void patchErrors() {
        String id = org.create(user(unique("patchy"), "p")).getString("id");
        assertScimError(org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"remove\"}]")), 400, "noTarget");
        assertScimError(org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"agt_x\"}]")), 400, "mutability");
        assertScimError(org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"" + AGENT + ":nope\",\"value\":1}]")), 400,
                "invalidPath");
        assertScimError(org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"frobnicate\",\"path\":\"active\"}]")), 400, "invalidSyntax");
        assertScimError(org.scim("PATCH", "/Users/" + id, "{\"Operations\":\"replace\"}", Map.of()), 400, "invalidSyntax");
    }

    @Test
    void anotherOrganizationsUserAnswers404LikeAMissingOne() {
        String id = org.create(user(unique("mine"), "mine")).getString("id");
        Org intruder = newOrg("scim-intruder");
        assertScimError(intruder.scim("GET", "/Users/" + id, null), 404, null);
        assertScimError(intruder.scim("GET", "/Users/agt_doesnotexist0000000", null), 404, null);
        assertScimError(intruder.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]")), 404, null);
        assertScimError(intruder.scim("PUT", "/Users/" + id, user("stolen", "x")), 404, null);
        assertScimError(intruder.scim("DELETE", "/Users/" + id, null), 404, null);
        JsonObject still = org.scim("GET", "/Users/" + id, null).json();
        assertTrue(still.getBoolean("active"));
        assertEquals(200, send("GET", "/v1/asp/agents/" + id, null, null, Map.of()).status());
    }

    @Test
    void uriTheWebContainerRefusesIsAScimError() {
        for (String id : new String[] {"%23", "%2F", "a%5Cb", "%FF"}) {
            Reply r = org.scim("GET", "/Users/" + id, null);
            assertScimError(r, 400, null);
            dev.asp.it.support.ProblemAssertions.assertNoInternals(new dev.asp.it.support.Reply(r.status(), r.raw().headers(), r.raw().body()));
        }
    }

    @Test
    void containerRefusalsAreScimErrorsToo() {
        assertScimError(org.scim("GET", "/Groups", null), 404, null);
        assertScimError(org.scim("POST", "/ServiceProviderConfig", "{}"), 405, null);
        assertScimError(org.scim("POST", "/Users", user(unique("xml"), "x"), Map.of("Content-Type", "application/xml")), 415, null);
    }
}
