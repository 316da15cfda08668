package dev.asp.domain.shared;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The one strict reader of JSON input (spec 10, RFC 7493 I-JSON): every body, envelope, frame and
 * JOSE header or claim set is read here, once, into the JSON-P tree the service works with. Refused:
 * a member name twice in one object (RFC 7493 §2.3: a second reader would see another message than
 * the one signed), a lone surrogate, escaped or not (RFC 8785 §3.2.2.2), bytes that are not UTF-8
 * (RFC 7493 §2.1), nesting deeper than {@value #MAX_DEPTH}, and a number outside IEEE 754 double
 * range (RFC 7493 §2.2; RFC 8785 cannot serialize it). JSON-P's streaming parser finds the tokens;
 * the checks ride on its events, so nothing is parsed twice.
 */
public final class IJson {
    public static final int MAX_DEPTH = 64;
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    /** An integer of fewer digits than this is within double range without being converted (1.8e308). */
    private static final int SAFE_INTEGER_DIGITS = 300;

    private IJson() {
    }

    /** Why a text is not I-JSON; never names a parser class or position beyond what a client sent. */
    public static final class NotIJson extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotIJson(String reason) {
            super(reason);
        }
    }

    /** Decodes bytes that must be UTF-8 (RFC 8259 §8.1); a malformed or overlong sequence is refused, never replaced. */
    public static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // the JDK's decoder replaces each malformed sequence with U+FFFD: none means none was there
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotIJson("the JSON text is not well-formed UTF-8");
        }
    }

    /** Reads a JSON text that must be an object. */
    public static JsonObject object(String text) {
        JsonValue v = value(text);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new NotIJson("the JSON text must be an object");
        }
        return v.asJsonObject();
    }

    /** Reads any JSON text (RFC 8259 allows a scalar at the top). */
    public static JsonValue value(String text) {
        if (text == null || text.isBlank()) {
            throw new NotIJson("the JSON text is empty");
        }
        try (JsonParser p = PROVIDER.createParser(new StringReader(text))) {
            JsonValue v = read(p, p.next(), 0);
            if (p.hasNext()) {
                throw new NotIJson("the JSON text goes on after its value");
            }
            return v;
        } catch (NotIJson e) {
            throw e;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new NotIJson("not valid JSON" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static JsonValue read(JsonParser p, JsonParser.Event event, int depth) {
        switch (event) {
            case START_OBJECT:
                return object(p, depth + 1);
            case START_ARRAY:
                return array(p, depth + 1);
            case VALUE_STRING:
                return PROVIDER.createValue(checked(p.getString()));
            case VALUE_NUMBER:
                return number(p);
            case VALUE_TRUE:
                return JsonValue.TRUE;
            case VALUE_FALSE:
                return JsonValue.FALSE;
            case VALUE_NULL:
                return JsonValue.NULL;
            default:
                throw new NotIJson("not valid JSON");
        }
    }

    private static JsonObject object(JsonParser p, int depth) {
        requireDepth(depth);
        JsonObjectBuilder b = PROVIDER.createObjectBuilder();
        int members = 0;
        for (JsonParser.Event e = p.next(); e != JsonParser.Event.END_OBJECT; e = p.next()) {
            String name = checked(p.getString()); // the parser yields only KEY_NAME here
            b.add(name, read(p, p.next(), depth));
            members++;
        }
        JsonObject o = b.build();
        // the builder keeps one value per name: fewer members than were read means a name came twice
        if (o.size() != members) {
            throw new NotIJson("a member name occurs twice in one object (RFC 7493 §2.3)");
        }
        return o;
    }

    private static JsonValue array(JsonParser p, int depth) {
        requireDepth(depth);
        JsonArrayBuilder b = PROVIDER.createArrayBuilder();
        for (JsonParser.Event e = p.next(); e != JsonParser.Event.END_ARRAY; e = p.next()) {
            b.add(read(p, e, depth));
        }
        return b.build();
    }

    private static void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotIJson("JSON nests at most " + MAX_DEPTH + " levels deep");
        }
    }

    private static JsonValue number(JsonParser p) {
        String text = p.getString();
        if (!p.isIntegralNumber() || text.length() >= SAFE_INTEGER_DIGITS) {
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d) || d == 0 && p.getBigDecimal().signum() != 0) {
                throw new NotIJson("the number " + abbreviated(text) + " is outside IEEE 754 double range (RFC 7493 §2.2)");
            }
        }
        return p.getValue();
    }

    private static String checked(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new NotIJson("a string holds a lone surrogate (RFC 8785 §3.2.2.2)");
                }
            }
        }
        return s;
    }

    private static String abbreviated(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "…";
    }
}
