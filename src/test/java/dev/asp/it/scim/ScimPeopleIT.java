package dev.asp.it.scim;

import static dev.asp.it.scim.ScimClient.ENTERPRISE;
import static dev.asp.it.scim.ScimClient.USER;
import static dev.asp.it.scim.ScimClient.AGENT;
import static dev.asp.it.scim.ScimClient.newOrg;
import static dev.asp.it.scim.ScimClient.patch;
import static dev.asp.it.scim.ScimClient.unique;
import static dev.asp.it.scim.ScimClient.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.asp.it.scim.ScimClient.Org;
import dev.asp.it.scim.ScimClient.Reply;

/**
 * Spec 2.4 (2026-12-07): displayName, name, emails and the enterprise extension's organization,
 * department and manager are kept, returned as sent and filterable, as an Okta or Entra ID admin
 * expects to see them after provisioning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimPeopleIT {
    Org org;
    JsonObject okta;

    /** A User as Okta's enterprise mapping sends it. */
    static JsonObject withPeople(String userName, String given, String family, String department, String managerId) {
        return Json.createObjectBuilder(user(userName, "ext-" + userName))
                .add("schemas", Json.createArrayBuilder().add(USER).add(AGENT).add(ENTERPRISE))
                .add("displayName", given + " " + family)
                .add("name", Json.createObjectBuilder().add("givenName", given).add("familyName", family).add("formatted", given + " " + family))
                .add("emails", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("value", given.toLowerCase() + "@example.com").add("type", "work").add("primary", true))
                        .add(Json.createObjectBuilder().add("value", given.toLowerCase() + "@home.example").add("type", "home")))
                .add(ENTERPRISE, Json.createObjectBuilder().add("organization", "Example Corp").add("department", department)
                        .add("manager", Json.createObjectBuilder().add("value", managerId).add("displayName", "The Manager")))
                .build();
    }

    @BeforeAll
    void provision() {
        org = newOrg("scim-people");
        okta = withPeople(unique("alice"), "Alice", "Broker", "Procurement", "mgr-1");
        org.create(okta);
        org.create(withPeople(unique("bob"), "Bob", "Planner", "Logistics", "mgr-2"));
    }

    /** The members the client sent, as the server answers them. */
    static void assertKeptAsSent(JsonObject sent, JsonObject answered) {
        for (String member : List.of("displayName", "name", "emails", ENTERPRISE)) {
            assertEquals(sent.get(member), answered.get(member), member + " in " + answered);
        }
        assertEquals(Set.of(USER, AGENT, ENTERPRISE), Set.copyOf(answered.getJsonArray("schemas").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList()));
    }

    JsonObject byUserName(String userName) {
        Reply r = org.scim("GET", "/Users?filter=" + ScimFilterIT.encode("userName eq \"" + userName + "\""), null);
        assertEquals(1, r.json().getInt("totalResults"), r.raw().body());
        return r.json().getJsonArray("Resources").getJsonObject(0);
    }

    Set<String> names(String filter) {
        Reply r = org.scim("GET", "/Users?filter=" + ScimFilterIT.encode(filter), null);
        assertEquals(200, r.status(), r.raw().body());
        return r.json().getJsonArray("Resources").stream().map(v -> v.asJsonObject().getString("displayName")).collect(Collectors.toSet());
    }

    @Test
    void thePeopleAttributesAreStoredAndReturnedAsSent() {
        JsonObject stored = byUserName(okta.getString("userName"));
        assertKeptAsSent(okta, stored);
        assertKeptAsSent(okta, org.scim("GET", "/Users/" + stored.getString("id"), null).json());
    }

    @Test
    void thePeopleAttributesCanBeFilteredOn() {
        assertEquals(Set.of("Alice Broker"), names("displayName eq \"alice broker\""));
        assertEquals(Set.of("Bob Planner"), names("name.familyName sw \"Plan\""));
        assertEquals(Set.of("Alice Broker"), names("emails.value eq \"alice@example.com\""));
        assertEquals(Set.of("Alice Broker", "Bob Planner"), names("emails[type eq \"home\" and value co \"@home.\"]"));
        assertEquals(Set.of("Bob Planner"), names(ENTERPRISE + ":department eq \"Logistics\""));
        assertEquals(Set.of("Alice Broker"), names(ENTERPRISE + ":manager.value eq \"mgr-1\""));
        assertEquals(Set.of("Alice Broker", "Bob Planner"), names("organization eq \"Example Corp\" and name.givenName pr"));
    }

    @Test
    void aReplacementReplacesThemAndAPatchChangesThem() {
        Org own = newOrg("scim-people-change"); // apart from the filter test's users
        JsonObject sent = withPeople(unique("carol"), "Carol", "Buyer", "Finance", "mgr-3");
        String id = own.create(sent).getString("id");
        JsonObject replacement = Json.createObjectBuilder(sent).remove("emails").remove(ENTERPRISE).add("displayName", "C. Buyer").build();
        Reply put = own.scim("PUT", "/Users/" + id, replacement);
        assertEquals(200, put.status(), put.raw().body());
        assertEquals("C. Buyer", put.json().getString("displayName"));
        assertFalse(put.json().containsKey("emails"), put.raw().body());
        assertFalse(put.json().containsKey(ENTERPRISE), put.raw().body());

        // Entra ID's operations for a changed user
        Reply patched = own.scim("PATCH", "/Users/" + id, patch("""
                [{"op":"Replace","path":"name.givenName","value":"Caroline"},
                 {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"caroline@example.com"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Treasury"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-9"}]
                """));
        assertEquals(200, patched.status(), patched.raw().body());
        JsonObject u = patched.json();
        assertEquals("Caroline", u.getJsonObject("name").getString("givenName"));
        assertEquals("Buyer", u.getJsonObject("name").getString("familyName"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", "caroline@example.com").add("type", "work")).build(),
                u.getJsonArray("emails"));
        assertEquals(Json.createObjectBuilder().add("department", "Treasury").add("manager", Json.createObjectBuilder().add("value", "mgr-9")).build(),
                u.getJsonObject(ENTERPRISE));
        assertEquals(u, own.scim("GET", "/Users/" + id, null).json());
    }

    @Test
    void twoPrimaryEmailsAreRefusedAndNothingIsStored() {
        String name = unique("dana");
        JsonObject twice = Json.createObjectBuilder(user(name, "x")).add("emails", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("value", "a@example.com").add("primary", true))
                .add(Json.createObjectBuilder().add("value", "b@example.com").add("primary", true))).build();
        Org own = newOrg("scim-people-refused");
        ScimErrorsIT.assertScimError(own.scim("POST", "/Users", twice), 400, "invalidValue");
        assertEquals(0, own.scim("GET", "/Users?filter=" + ScimFilterIT.encode("userName eq \"" + name + "\""), null).json().getInt("totalResults"));
    }
}
