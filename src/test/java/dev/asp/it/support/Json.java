package dev.asp.it.support;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Small JSON-P helpers for tests: parse strictly, build quickly, read string lists. */
public final class Json {
    private Json() {
    }

    public static JsonValue parse(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (jakarta.json.JsonException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    public static JsonObject object(String text) {
        JsonValue v = parse(text);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("not a JSON object: " + text);
        }
        return v.asJsonObject();
    }

    public static JsonArray array(String text) {
        JsonValue v = parse(text);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new AssertionError("not a JSON array: " + text);
        }
        return v.asJsonArray();
    }

    /** An object from alternating names and values (String, Number, Boolean, JsonValue, null, Map or List). */
    public static JsonObject of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add((String) namesAndValues[i], value(namesAndValues[i + 1]));
        }
        return b.build();
    }

    public static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof String s) {
            return jakarta.json.Json.createValue(s);
        }
        if (v instanceof Integer n) {
            return jakarta.json.Json.createValue(n);
        }
        if (v instanceof Long n) {
            return jakarta.json.Json.createValue(n);
        }
        if (v instanceof Number n) {
            return jakarta.json.Json.createValue(new java.math.BigDecimal(n.toString()));
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
            m.forEach((k, val) -> b.add(String.valueOf(k), value(val)));
            return b.build();
        }
        if (v instanceof List<?> l) {
            JsonArrayBuilder b = jakarta.json.Json.createArrayBuilder();
            l.forEach(item -> b.add(value(item)));
            return b.build();
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    public static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
