package dev.asp.interfaces.scim;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** RFC 7644 3.4.2.4 paging and the ListResponse message (3.4.2). */
final class ScimList {
    /** ServiceProviderConfig filter.maxResults: the most resources one response carries. */
    static final int MAX_RESULTS = 200;

    private ScimList() {
    }

    /** The page of {@code all} that startIndex (1-based) and count select, as a ListResponse. */
    static JsonObject page(List<JsonObject> all, String startIndex, String count) {
        // RFC 7644 3.4.2.4: startIndex below 1 is 1; a negative count is 0; count above the maximum is the maximum.
        long start = Math.max(1, integer(startIndex, "startIndex", 1));
        long size = Math.min(MAX_RESULTS, Math.max(0, integer(count, "count", MAX_RESULTS)));
        int from = (int) Math.min(all.size(), start - 1);
        int to = (int) Math.min(all.size(), from + size);
        return response(all.size(), all.subList(from, to), start);
    }

    static JsonObject response(int total, List<JsonObject> resources, long startIndex) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        resources.forEach(items::add);
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(ScimSchemas.LIST_RESPONSE))
                .add("totalResults", total)
                .add("startIndex", startIndex)
                .add("itemsPerPage", resources.size())
                .add("Resources", items)
                .build();
    }

    private static long integer(String text, String name, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("\"" + name + "\" must be an integer");
        }
    }
}
