package dev.asp.it.scim;

import static dev.asp.it.scim.ScimClient.AGENT;
import static dev.asp.it.scim.ScimClient.ENTERPRISE;
import static dev.asp.it.scim.ScimClient.USER;
import static dev.asp.it.scim.ScimClient.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.it.scim.ScimClient.Org;
import dev.asp.it.scim.ScimClient.Reply;

/** RFC 7644 4: ServiceProviderConfig, ResourceTypes and Schemas tell an identity provider what works. */
class ScimDiscoveryIT {
    final Org org = newOrg("scim-discovery");

    @Test
    void serviceProviderConfig() {
        Reply r = org.scim("GET", "/ServiceProviderConfig", null);
        assertEquals(200, r.status(), r.raw().body());
        JsonObject c = r.json();
        assertEquals("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", c.getJsonArray("schemas").getString(0));
        assertTrue(c.getJsonObject("patch").getBoolean("supported"));
        assertTrue(c.getJsonObject("filter").getBoolean("supported"));
        assertEquals(200, c.getJsonObject("filter").getInt("maxResults"));
        assertTrue(c.getJsonObject("etag").getBoolean("supported"));
        assertFalse(c.getJsonObject("bulk").getBoolean("supported"));
        assertFalse(c.getJsonObject("changePassword").getBoolean("supported"));
        assertFalse(c.getJsonObject("sort").getBoolean("supported"));
        assertEquals("oauthbearertoken", c.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type"));
    }

    @Test
    void resourceTypesListTheUserWithTheAgentExtension() {
        Reply r = org.scim("GET", "/ResourceTypes", null);
        assertEquals(200, r.status());
        JsonObject user = r.json().getJsonArray("Resources").getJsonObject(0);
        assertEquals("User", user.getString("id"));
        assertEquals("/Users", user.getString("endpoint"));
        assertEquals(USER, user.getString("schema"));
        assertEquals(AGENT, user.getJsonArray("schemaExtensions").getJsonObject(0).getString("schema"));
        assertEquals(ENTERPRISE, user.getJsonArray("schemaExtensions").getJsonObject(1).getString("schema"));
        assertEquals(user, org.scim("GET", "/ResourceTypes/User", null).json());
        assertEquals(404, org.scim("GET", "/ResourceTypes/Group", null).status());
    }

    @Test
    void schemasDescribeTheSupportedAttributes() {
        Reply r = org.scim("GET", "/Schemas", null);
        assertEquals(200, r.status());
        assertEquals(3, r.json().getInt("totalResults"));
        JsonObject ext = org.scim("GET", "/Schemas/" + URLEncoder.encode(AGENT, StandardCharsets.UTF_8), null).json();
        assertEquals(AGENT, ext.getString("id"));
        Set<String> names = ext.getJsonArray("attributes").stream().map(a -> a.asJsonObject().getString("name")).collect(Collectors.toSet());
        assertEquals(Set.of("capabilities", "regions", "protocols", "publicKeys"), names);
        JsonObject user = org.scim("GET", "/Schemas/" + USER, null).json();
        Set<String> userAttrs = user.getJsonArray("attributes").stream().map(a -> a.asJsonObject().getString("name")).collect(Collectors.toSet());
        // spec 2.4: exactly what is kept
        assertEquals(Set.of("userName", "active", "displayName", "name", "emails"), userAttrs);
        JsonObject enterprise = org.scim("GET", "/Schemas/" + ENTERPRISE, null).json();
        assertEquals(Set.of("organization", "department", "manager"),
                enterprise.getJsonArray("attributes").stream().map(a -> a.asJsonObject().getString("name")).collect(Collectors.toSet()));
        JsonObject name = user.getJsonArray("attributes").stream().map(a -> a.asJsonObject()).filter(a -> a.getString("name").equals("name"))
                .findFirst().orElseThrow();
        assertEquals(Set.of("givenName", "familyName", "formatted"),
                name.getJsonArray("subAttributes").stream().map(a -> a.asJsonObject().getString("name")).collect(Collectors.toSet()));
    }
}
