package dev.asp.it.scim;

import static dev.asp.it.scim.ScimClient.AGENT;
import static dev.asp.it.scim.ScimClient.newOrg;
import static dev.asp.it.scim.ScimClient.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/** GET /Users with filter, startIndex and count (RFC 7644 3.4.2), as identity providers query before they create. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimFilterIT {
    Org org;

    static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    @BeforeAll
    void provision() {
        org = newOrg("scim-filter");
        org.create(user("alpha.broker", "ext-alpha"));
        org.create(Json.createObjectBuilder(user("beta.broker", "ext-beta")).add(AGENT, Json.createObjectBuilder()
                .add("capabilities", Json.createArrayBuilder().add("storage.write")).add("regions", Json.createArrayBuilder().add("us-east"))).build());
        JsonObject gamma = Json.createObjectBuilder(user("gamma.planner", "ext-gamma")).add("active", false).build();
        org.create(gamma);
        JsonObject noExternal = Json.createObjectBuilder(user("delta.planner", "x")).remove("externalId").build();
        org.create(noExternal);
        for (int i = 1; i <= 5; i++) {
            org.create(user("pager-" + i, "pager-" + i));
        }
    }

    Set<String> names(String filter) {
        Reply r = org.scim("GET", "/Users?filter=" + encode(filter), null);
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", r.json().getJsonArray("schemas").getString(0));
        assertEquals(r.json().getInt("totalResults"), r.json().getJsonArray("Resources").size());
        return r.json().getJsonArray("Resources").stream().map(v -> v.asJsonObject().getString("userName")).collect(Collectors.toSet());
    }

    @Test
    void userNameEqIsTheLookupIdentityProvidersDo() {
        assertEquals(Set.of("alpha.broker"), names("userName eq \"alpha.broker\""));
        assertEquals(Set.of("alpha.broker"), names("userName eq \"ALPHA.Broker\""));
        assertEquals(Set.of(), names("userName eq \"nobody\""));
        assertEquals(Set.of("beta.broker"), names("externalId eq \"ext-beta\""));
    }

    @Test
    void containsStartsWithAndPresent() {
        assertEquals(Set.of("alpha.broker", "beta.broker"), names("userName co \"broker\""));
        assertEquals(Set.of("gamma.planner", "delta.planner"), names("userName sw \"gamma\" or userName sw \"delta\""));
        assertEquals(8, names("externalId pr").size(), "all but delta.planner");
    }

    @Test
    void andOrWithParentheses() {
        assertEquals(Set.of("delta.planner"), names("userName co \"planner\" and active eq true"));
        assertEquals(Set.of("gamma.planner", "beta.broker"), names("(userName co \"planner\" and active eq false) or externalId eq \"ext-beta\""));
    }

    @Test
    void extensionAttributesAndMeta() {
        assertEquals(Set.of("beta.broker"), names(AGENT + ":capabilities eq \"storage.write\""));
        assertEquals(Set.of("beta.broker"), names(AGENT + ":regions co \"us\""));
        assertEquals(9, names("meta.lastModified gt \"2000-01-01T00:00:00Z\"").size());
        assertEquals(Set.of(), names("meta.created lt \"2000-01-01T00:00:00Z\""));
    }

    @Test
    void pagingIsOneBasedOverAStableOrder() {
        Reply all = org.scim("GET", "/Users?filter=" + encode("userName sw \"pager-\""), null);
        List<String> order = all.json().getJsonArray("Resources").stream().map(v -> v.asJsonObject().getString("userName")).toList();
        assertEquals(List.of("pager-1", "pager-2", "pager-3", "pager-4", "pager-5"), order);

        Reply page = org.scim("GET", "/Users?filter=" + encode("userName sw \"pager-\"") + "&startIndex=2&count=2", null);
        assertEquals(200, page.status());
        assertEquals(5, page.json().getInt("totalResults"));
        assertEquals(2, page.json().getInt("startIndex"));
        assertEquals(2, page.json().getInt("itemsPerPage"));
        assertEquals(List.of("pager-2", "pager-3"),
                page.json().getJsonArray("Resources").stream().map(v -> v.asJsonObject().getString("userName")).toList());

        Reply countOnly = org.scim("GET", "/Users?count=0", null);
        assertEquals(9, countOnly.json().getInt("totalResults"));
        assertTrue(countOnly.json().getJsonArray("Resources").isEmpty());

        Reply unfiltered = org.scim("GET", "/Users", null);
        assertEquals(9, unfiltered.json().getInt("totalResults"));
    }

    @Test
    void invalidFiltersAreScimErrors() {
        for (String bad : List.of("userName xx \"a\"", "userName eq", "(userName eq \"a\"", "nonsense pr", "active eq \"yes\"")) {
            Reply r = org.scim("GET", "/Users?filter=" + encode(bad), null);
            assertEquals(400, r.status(), bad + ": " + r.raw().body());
            assertEquals("invalidFilter", r.json().getString("scimType"), bad);
            assertEquals("400", r.json().getString("status"));
            assertTrue(r.contentType().startsWith("application/scim+json"));
        }
        Reply badCount = org.scim("GET", "/Users?count=many", null);
        assertEquals(400, badCount.status());
        assertEquals("invalidValue", badCount.json().getString("scimType"));
    }

    @Test
    void anotherOrganizationSeesNoneOfTheseUsers() {
        Org other = newOrg("scim-filter-other");
        Reply r = other.scim("GET", "/Users", null);
        assertEquals(0, r.json().getInt("totalResults"));
        Reply byName = other.scim("GET", "/Users?filter=" + encode("userName eq \"alpha.broker\""), null);
        assertEquals(0, byName.json().getInt("totalResults"));
        String alphaId = org.scim("GET", "/Users?filter=" + encode("userName eq \"alpha.broker\""), null).json().getJsonArray("Resources")
                .getJsonObject(0).getString("id");
        assertEquals(404, other.scim("GET", "/Users/" + alphaId, null).status());
        // The same userName is free in another organization.
        other.create(user("alpha.broker", "ext-alpha"));
    }
}
