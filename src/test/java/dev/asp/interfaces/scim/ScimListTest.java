package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class ScimListTest {
    static final List<JsonObject> USERS = IntStream.rangeClosed(1, 250).mapToObj(i -> Json.createObjectBuilder().add("id", "u" + i).build()).toList();

    @Test
    void startIndexIsOneBasedAndCountLimitsThePage() {
        JsonObject page = ScimList.page(USERS, "3", "2");
        assertEquals(250, page.getInt("totalResults"));
        assertEquals(3, page.getInt("startIndex"));
        assertEquals(2, page.getInt("itemsPerPage"));
        assertEquals("u3", page.getJsonArray("Resources").getJsonObject(0).getString("id"));
        assertEquals(ScimSchemas.LIST_RESPONSE, page.getJsonArray("schemas").getString(0));
    }

    @Test
    void outOfRangeValuesAreClampedAsRfc7644Says() {
        assertEquals("u1", ScimList.page(USERS, "0", "1").getJsonArray("Resources").getJsonObject(0).getString("id"));
        assertEquals(0, ScimList.page(USERS, "1", "-5").getInt("itemsPerPage"));
        assertEquals(ScimList.MAX_RESULTS, ScimList.page(USERS, null, "1000").getInt("itemsPerPage"));
        assertEquals(ScimList.MAX_RESULTS, ScimList.page(USERS, null, null).getInt("itemsPerPage"));
        assertEquals(0, ScimList.page(USERS, "251", "10").getInt("itemsPerPage"));
        assertEquals(50, ScimList.page(USERS, "201", null).getInt("itemsPerPage"));
    }

    @Test
    void nonIntegersAreInvalidValue() {
        assertEquals("invalidValue", assertThrows(ScimException.class, () -> ScimList.page(USERS, "one", null)).scimType());
        assertEquals("invalidValue", assertThrows(ScimException.class, () -> ScimList.page(USERS, null, "1.5")).scimType());
    }
}
