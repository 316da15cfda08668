package dev.asp.domain.shared;

import java.io.StringReader;
import java.util.Collection;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * One JSON-P provider for the service: every {@code jakarta.json.Json.create…} call looks the
 * provider up again through the ServiceLoader, which profiling showed to dominate the engine.
 */
public final class Jsonp {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject copyOf) {
        return PROVIDER.createObjectBuilder(copyOf);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonReader reader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }

    /** Parses a JSON text known to be an object (stored by the service itself). */
    public static JsonObject parse(String text) {
        try (JsonReader r = reader(text)) {
            return r.readObject();
        }
    }

    public static JsonValue value(String s) {
        return PROVIDER.createValue(s);
    }
}
