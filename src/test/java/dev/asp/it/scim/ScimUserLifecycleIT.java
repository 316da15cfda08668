package dev.asp.it.scim;

import static dev.asp.it.scim.ScimClient.AGENT;
import static dev.asp.it.scim.ScimClient.ed25519Jwk;
import static dev.asp.it.scim.ScimClient.newOrg;
import static dev.asp.it.scim.ScimClient.patch;
import static dev.asp.it.scim.ScimClient.send;
import static dev.asp.it.scim.ScimClient.unique;
import static dev.asp.it.scim.ScimClient.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.it.scim.ScimClient.Org;
import dev.asp.it.scim.ScimClient.Reply;

/** Provisioning as Okta and Entra ID do it: create, read, PATCH, PUT, suspend, delete (spec 2.4, RFC 7644 3). */
class ScimUserLifecycleIT {
    final Org org = newOrg("scim-life");

    @Test
    void createdUserIsAnEnterpriseScimAgentWithMetaAndEtag() {
        JsonObject key = ed25519Jwk(false);
        String name = unique("broker");
        Reply r = org.scim("POST", "/Users", user(name, "00u-" + name, key));
        assertEquals(201, r.status(), r.raw().body());
        assertTrue(r.contentType().startsWith("application/scim+json"), r.contentType());
        JsonObject u = r.json();
        String id = u.getString("id");
        assertTrue(id.startsWith("agt_"));
        assertEquals(name, u.getString("userName"));
        assertEquals("00u-" + name, u.getString("externalId"));
        assertTrue(u.getBoolean("active"));
        JsonObject ext = u.getJsonObject(AGENT);
        assertEquals(2, ext.getJsonArray("capabilities").size());
        assertEquals(key.getString("x"), ext.getJsonArray("publicKeys").getJsonObject(0).getString("x"));
        assertTrue(ext.getJsonArray("publicKeys").getJsonObject(0).containsKey("kid"));
        // spec 2.4: what the identity provider says about the agent's people comes back as sent
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", name + "@example.com").add("primary", true)).build(),
                u.getJsonArray("emails"));
        assertEquals(Json.createObjectBuilder().add("familyName", "Family").add("givenName", "Given").build(), u.getJsonObject("name"));
        JsonObject meta = u.getJsonObject("meta");
        assertEquals("User", meta.getString("resourceType"));
        assertTrue(meta.getString("location").endsWith("/scim/v2/Users/" + id), meta.getString("location"));
        assertEquals(meta.getString("location"), r.header("Location"));
        assertEquals(meta.getString("version"), r.header("ETag"));
        assertTrue(meta.getString("version").startsWith("W/\""));
        assertTrue(meta.containsKey("created") && meta.containsKey("lastModified"));

        // Spec 2.2: provisioned through SCIM with a key: enterprise_scim on the public profile.
        Reply profile = send("GET", "/v1/asp/agents/" + id, null, null, Map.of());
        assertEquals(200, profile.status(), profile.raw().body());
        assertEquals("enterprise_scim", profile.json().getString("identityLevel"));
        assertEquals(name, profile.json().getString("name"));
    }

    @Test
    void getAnswersTheResourceWithItsEtagAnd304WhenIfNoneMatchMatches() {
        JsonObject u = org.create(user(unique("getter"), "ext-get"));
        String id = u.getString("id");
        Reply get = org.scim("GET", "/Users/" + id, null);
        assertEquals(200, get.status());
        assertEquals(u, get.json());
        String etag = get.header("ETag");
        assertEquals(u.getJsonObject("meta").getString("version"), etag);

        Reply notModified = org.scim("GET", "/Users/" + id, null, Map.of("If-None-Match", etag));
        assertEquals(304, notModified.status());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals(200, org.scim("GET", "/Users/" + id, null, Map.of("If-None-Match", "W/\"999\"")).status());
    }

    @Test
    void oktaStylePatchWithoutPathSuspendsAndTheAgentDisappearsFromTheRegistry() {
        String id = org.create(user(unique("okta"), "00u-okta")).getString("id");
        assertEquals(200, send("GET", "/v1/asp/agents/" + id, null, null, Map.of()).status());

        Reply off = org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));
        assertEquals(200, off.status(), off.raw().body());
        assertFalse(off.json().getBoolean("active"));
        // Inactive profiles are hidden (spec 3): the suspended agent is not found.
        assertEquals(404, send("GET", "/v1/asp/agents/" + id, null, null, Map.of()).status());
        assertFalse(org.scim("GET", "/Users/" + id, null).json().getBoolean("active"));

        Reply on = org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]"));
        assertEquals(200, on.status(), on.raw().body());
        assertTrue(on.json().getBoolean("active"));
        assertEquals(200, send("GET", "/v1/asp/agents/" + id, null, null, Map.of()).status());
    }

    @Test
    void entraStylePatchWithPathsAndStringBooleans() {
        String id = org.create(user(unique("entra"), "entra-obj-1")).getString("id");
        Reply r = org.scim("PATCH", "/Users/" + id, patch("""
                [{"op":"Replace","path":"active","value":"False"},
                 {"op":"Replace","path":"externalId","value":"entra-obj-2"},
                 {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"work@example.com"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities","value":["net.dns"]},
                 {"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities[value eq \\"storage.read\\"]"}]
                """));
        assertEquals(200, r.status(), r.raw().body());
        JsonObject u = r.json();
        assertFalse(u.getBoolean("active"));
        assertEquals("entra-obj-2", u.getString("externalId"));
        assertEquals(Json.createObjectBuilder().add("value", "work@example.com").add("type", "work").build(), u.getJsonArray("emails").getJsonObject(1));
        assertEquals(Json.createArrayBuilder().add("compute.gpu.provision").add("net.dns").build(), u.getJsonObject(AGENT).getJsonArray("capabilities"));
        assertEquals(u, org.scim("GET", "/Users/" + id, null).json());
    }

    @Test
    void patchRotatesKeysAndRemovesExternalId() {
        JsonObject first = ed25519Jwk(false);
        JsonObject u = org.create(user(unique("rotate"), "rot", first));
        String id = u.getString("id");
        String oldKid = u.getJsonObject(AGENT).getJsonArray("publicKeys").getJsonObject(0).getString("kid");
        JsonObject second = ed25519Jwk(false);
        Reply r = org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"add\",\"path\":\"" + AGENT + ":publicKeys\",\"value\":[" + second + "]},"
                + "{\"op\":\"remove\",\"path\":\"" + AGENT + ":publicKeys[kid eq \\\"" + oldKid + "\\\"]\"},"
                + "{\"op\":\"remove\",\"path\":\"externalId\"}]"));
        assertEquals(200, r.status(), r.raw().body());
        var keys = r.json().getJsonObject(AGENT).getJsonArray("publicKeys");
        assertEquals(1, keys.size());
        assertEquals(second.getString("x"), keys.getJsonObject(0).getString("x"));
        assertFalse(r.json().containsKey("externalId"));

        // The retired key is history: it cannot be made active again.
        Reply back = org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"add\",\"path\":\"" + AGENT + ":publicKeys\",\"value\":[" + first + "]}]"));
        assertEquals(400, back.status(), back.raw().body());
        assertEquals("invalidValue", back.json().getString("scimType"));
        Reply keysOfAgent = send("GET", "/v1/asp/agents/" + id + "/keys", org.adminKey(), null, Map.of());
        assertEquals(200, keysOfAgent.status(), keysOfAgent.raw().body());
        assertEquals(2, keysOfAgent.json().getJsonArray("keys").size());
    }

    @Test
    void putReplacesTheUser() {
        JsonObject u = org.create(user(unique("put"), "put-1"));
        String id = u.getString("id");
        String renamed = unique("put-renamed");
        JsonObject replacement = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(ScimClient.USER).add(AGENT))
                .add("id", id)
                .add("userName", renamed)
                .add("externalId", "put-2")
                .add("active", false)
                .add(AGENT, Json.createObjectBuilder().add("capabilities", Json.createArrayBuilder().add("net.dns")).add("regions", Json.createArrayBuilder()))
                .build();
        Reply r = org.scim("PUT", "/Users/" + id, replacement);
        assertEquals(200, r.status(), r.raw().body());
        JsonObject out = r.json();
        assertEquals(renamed, out.getString("userName"));
        assertEquals("put-2", out.getString("externalId"));
        assertFalse(out.getBoolean("active"));
        assertEquals(Json.createArrayBuilder().add("net.dns").build(), out.getJsonObject(AGENT).getJsonArray("capabilities"));
        assertTrue(out.getJsonObject(AGENT).getJsonArray("regions").isEmpty());
        assertEquals(out.getJsonObject("meta").getString("version"), r.header("ETag"));
        assertNotEquals(u.getJsonObject("meta").getString("version"), r.header("ETag"));
    }

    @Test
    void putWithoutTheExtensionKeepsTheAgentsAspData() {
        JsonObject u = org.create(user(unique("put-core"), "pc", ed25519Jwk(false)));
        String id = u.getString("id");
        JsonObject coreOnly = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(ScimClient.USER))
                .add("userName", u.getString("userName")).add("active", true).build();
        Reply r = org.scim("PUT", "/Users/" + id, coreOnly);
        assertEquals(200, r.status(), r.raw().body());
        assertEquals(u.getJsonObject(AGENT), r.json().getJsonObject(AGENT));
        assertEquals("pc", r.json().getString("externalId"));
    }

    @Test
    void ifMatchIsHonouredOnPutPatchAndDelete() {
        JsonObject u = org.create(user(unique("etag"), "etag"));
        String id = u.getString("id");
        String v1 = u.getJsonObject("meta").getString("version");
        JsonObject deactivate = patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]");

        Reply ok = org.scim("PATCH", "/Users/" + id, deactivate, Map.of("If-Match", v1));
        assertEquals(200, ok.status(), ok.raw().body());
        String v2 = ok.header("ETag");
        assertNotEquals(v1, v2);

        Reply stale = org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]"), Map.of("If-Match", v1));
        assertEquals(412, stale.status(), stale.raw().body());
        assertEquals(ScimClient.ERROR, stale.json().getJsonArray("schemas").getString(0));
        assertFalse(org.scim("GET", "/Users/" + id, null).json().getBoolean("active"), "nothing changed on 412");

        Reply stalePut = org.scim("PUT", "/Users/" + id, user(u.getString("userName"), "changed"), Map.of("If-Match", v1));
        assertEquals(412, stalePut.status());
        assertEquals(412, org.scim("DELETE", "/Users/" + id, null, Map.of("If-Match", v1)).status());
        assertEquals(200, org.scim("GET", "/Users/" + id, null).status());

        assertEquals(200, org.scim("PUT", "/Users/" + id, user(u.getString("userName"), "changed"), Map.of("If-Match", v2)).status());
        assertEquals(204, org.scim("DELETE", "/Users/" + id, null, Map.of("If-Match", "*")).status());
    }

    @Test
    void deleteDeprovisionsForGood() {
        String id = org.create(user(unique("gone"), "gone")).getString("id");
        Reply del = org.scim("DELETE", "/Users/" + id, null);
        assertEquals(204, del.status(), del.raw().body());
        Reply get = org.scim("GET", "/Users/" + id, null);
        assertEquals(404, get.status());
        assertEquals(ScimClient.ERROR, get.json().getJsonArray("schemas").getString(0));
        assertEquals("404", get.json().getString("status"));
        assertEquals(404, org.scim("DELETE", "/Users/" + id, null).status());
        assertEquals(404, org.scim("PATCH", "/Users/" + id, patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]")).status());
        assertEquals(404, send("GET", "/v1/asp/agents/" + id, null, null, Map.of()).status());
        assertEquals(0, org.scim("GET", "/Users?filter=" + ScimFilterIT.encode("id eq \"" + id + "\""), null).json().getInt("totalResults"));
    }

    @Test
    void aDeletedUsersUserNameCanBeProvisionedAgain() {
        // RFC 7644 3.6: a deleted resource takes no part in uniqueness; 200 characters is the longest name.
        for (String name : new String[] {unique("again"), "n".repeat(190) + unique("x").substring(0, 10)}) {
            String first = org.create(user(name, "first")).getString("id");
            assertEquals(204, org.scim("DELETE", "/Users/" + first, null).status());
            JsonObject second = org.create(user(name, "second"));
            assertNotEquals(first, second.getString("id"));
            assertEquals(name, second.getString("userName"));
            assertEquals(1, org.scim("GET", "/Users?filter=" + ScimFilterIT.encode("userName eq \"" + name + "\""), null).json().getInt("totalResults"));
        }
    }

    @Test
    void createdInactiveUsersStartSuspended() {
        JsonObject inactive = Json.createObjectBuilder(user(unique("dormant"), "dormant")).add("active", false).build();
        JsonObject u = org.create(inactive);
        assertFalse(u.getBoolean("active"));
        assertEquals(404, send("GET", "/v1/asp/agents/" + u.getString("id"), null, null, Map.of()).status());
    }

    @Test
    void plainApplicationJsonIsAcceptedToo() {
        Reply r = org.scim("POST", "/Users", user(unique("json"), "json"), Map.of("Content-Type", "application/json", "Accept", "application/json"));
        assertEquals(201, r.status(), r.raw().body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }
}
