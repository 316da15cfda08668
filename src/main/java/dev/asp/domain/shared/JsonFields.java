package dev.asp.domain.shared;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Strict reading of JSON input (spec 10): a string where a boolean or number belongs, a JSON
 * number where money belongs, or an unknown enum value is {@code malformed}, never coerced.
 */
public final class JsonFields {
    private static final Pattern MONEY = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]{1,2})?");

    private JsonFields() {
    }

    /** Reads a request body strictly ({@link IJson}): anything that is not an I-JSON object is {@code malformed}. */
    public static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.malformed("the request body must be a JSON object");
        }
        try {
            return IJson.object(text);
        } catch (IJson.NotIJson e) {
            throw DomainException.malformed("the request body is not I-JSON: " + e.getMessage());
        }
    }

    public static String string(JsonObject o, String name) {
        return optionalString(o, name).orElseThrow(() -> DomainException.malformed("\"" + name + "\" is required"));
    }

    public static Optional<String> optionalString(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw DomainException.malformed("\"" + name + "\" must be a string");
        }
        return Optional.of(s.getString());
    }

    public static Optional<Boolean> optionalBoolean(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v == JsonValue.TRUE) {
            return Optional.of(true);
        }
        if (v == JsonValue.FALSE) {
            return Optional.of(false);
        }
        throw DomainException.malformed("\"" + name + "\" must be a boolean");
    }

    public static Optional<Long> optionalInteger(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw DomainException.malformed("\"" + name + "\" must be an integer");
        }
        try {
            return Optional.of(n.longValueExact());
        } catch (ArithmeticException e) {
            throw DomainException.malformed("\"" + name + "\" is out of range");
        }
    }

    public static Optional<BigDecimal> optionalNumber(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonNumber n)) {
            throw DomainException.malformed("\"" + name + "\" must be a number");
        }
        return Optional.of(n.bigDecimalValue());
    }

    /** Money is a decimal string with at most two fraction digits, never a JSON number (spec 4.4). */
    public static Optional<BigDecimal> optionalMoney(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw DomainException.malformed("\"" + name + "\" is money: a decimal string such as \"12.50\", not a JSON number");
        }
        return Optional.of(money(s.getString(), name));
    }

    public static BigDecimal money(String text, String name) {
        if (!MONEY.matcher(text).matches()) {
            throw DomainException.malformed("\"" + name + "\" must be a decimal string with at most 2 fraction digits");
        }
        return new BigDecimal(text);
    }

    public static Optional<JsonObject> optionalObject(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw DomainException.malformed("\"" + name + "\" must be an object");
        }
        return Optional.of(v.asJsonObject());
    }

    public static Optional<JsonArray> optionalArray(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw DomainException.malformed("\"" + name + "\" must be an array");
        }
        return Optional.of(v.asJsonArray());
    }

    public static Optional<List<String>> optionalStrings(JsonObject o, String name) {
        return optionalArray(o, name).map(a -> {
            List<String> out = new ArrayList<>(a.size());
            for (JsonValue item : a) {
                if (!(item instanceof JsonString s)) {
                    throw DomainException.malformed("\"" + name + "\" must be an array of strings");
                }
                out.add(s.getString());
            }
            return out;
        });
    }

    public static <E extends Enum<E>> Optional<E> optionalEnum(JsonObject o, String name, Class<E> type) {
        return optionalString(o, name).map(s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s.replace('-', '_')) && s.equals(s.toLowerCase())) {
                    return e;
                }
            }
            throw DomainException.malformed("\"" + name + "\" has an unknown value \"" + s + "\"");
        });
    }
}
