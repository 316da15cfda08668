package dev.asp.infrastructure.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.asp.domain.shared.Jsonp;

/**
 * What one server tells the others on PostgreSQL channel {@code asp_messages} after a commit:
 * the session, the seqs just appended ({@code first}..{@code last}) and the events. The messages
 * themselves are read back from the database, so a payload never has to carry (or trust) them.
 * {@code origin} lets the sending server skip its own announcement: it delivered locally already.
 */
public record Announcement(String origin, String sessionId, long first, long last, List<JsonObject> events) {
    public static final String CHANNEL = "asp_messages";

    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    public Announcement {
        events = List.copyOf(events);
    }

    /** The NOTIFY payload; events are left out when they would not fit (receivers then push messages only). */
    public String encode() {
        String withEvents = json(true);
        return withEvents.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES ? withEvents : json(false);
    }

    /**
     * Whether {@code payload} was announced by {@code origin}, told without parsing it: a server
     * hears every one of its own announcements, and parsing them costs more than they are worth.
     * {@link #encode} writes the origin first.
     */
    public static boolean isFrom(String origin, String payload) {
        return payload.startsWith("{\"o\":\"" + origin + "\",");
    }

    /** @throws IllegalArgumentException when the payload is not an announcement */
    public static Announcement decode(String payload) {
        try {
            JsonObject o = Jsonp.parse(payload);
            List<JsonObject> events = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("e") == null ? List.<JsonValue>of() : o.getJsonArray("e")) {
                events.add(v.asJsonObject());
            }
            long first = o.getJsonNumber("f").longValueExact();
            long last = o.getJsonNumber("l").longValueExact();
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("bad seq range " + first + ".." + last);
            }
            return new Announcement(o.getString("o"), o.getString("s"), first, last, events);
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException("not an announcement: " + e.getMessage(), e);
        }
    }

    public List<Frame.Event> eventFrames() {
        return events.stream().map(e -> new Frame.Event(sessionId, e)).toList();
    }

    private String json(boolean withEvents) {
        var b = Jsonp.object().add("o", origin).add("s", sessionId).add("f", first).add("l", last);
        if (withEvents && !events.isEmpty()) {
            JsonArrayBuilder a = Jsonp.array();
            events.forEach(a::add);
            b.add("e", a);
        }
        return b.build().toString();
    }
}
