package dev.asp.domain.session;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;

/**
 * Required members of bodies (spec 4.3): absent or null is a protocol violation (422), while a
 * wrong JSON type stays malformed (400, spec 10), as {@link JsonFields} reports it.
 */
final class Members {
    static final Pattern AGENT = Pattern.compile("agt_[A-Za-z0-9_-]+");
    static final Pattern COMMITMENT = Pattern.compile("cmt_[A-Za-z0-9_-]+");

    private Members() {
    }

    static JsonValue value(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            throw DomainException.protocol("\"" + name + "\" is required");
        }
        return v;
    }

    static String string(JsonObject o, String name) {
        value(o, name);
        return JsonFields.optionalString(o, name).orElseThrow();
    }

    static JsonObject object(JsonObject o, String name) {
        value(o, name);
        return JsonFields.optionalObject(o, name).orElseThrow();
    }

    static JsonArray array(JsonObject o, String name) {
        value(o, name);
        return JsonFields.optionalArray(o, name).orElseThrow();
    }

    static List<String> strings(JsonObject o, String name) {
        value(o, name);
        return JsonFields.optionalStrings(o, name).orElseThrow();
    }

    static long integer(JsonObject o, String name) {
        value(o, name);
        return JsonFields.optionalInteger(o, name).orElseThrow();
    }

    static JsonObject element(JsonValue v, String name) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw DomainException.malformed("every entry of \"" + name + "\" must be an object");
        }
        return v.asJsonObject();
    }

    static String agent(String id, String name) {
        if (!AGENT.matcher(id).matches()) {
            throw DomainException.malformed("\"" + name + "\" must be an agent id (agt_…), not \"" + id + "\"");
        }
        return id;
    }

    /** Free text or structured: a string, object or array, never a bare number, boolean or null. */
    static JsonValue textOrStructure(JsonObject o, String name) {
        JsonValue v = value(o, name);
        switch (v.getValueType()) {
            case STRING, OBJECT, ARRAY:
                return v;
            default:
                throw DomainException.malformed("\"" + name + "\" must be a string, an object or an array");
        }
    }
}
