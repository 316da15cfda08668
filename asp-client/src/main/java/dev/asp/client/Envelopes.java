package dev.asp.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The message envelope of spec 4.1: built, hashed over its RFC 8785 form and signed. */
public final class Envelopes {
    private Envelopes() {
    }

    /**
     * An envelope without {@code hash} and {@code signature}.
     *
     * @param prevHash null for seq 1 (the INVITE)
     * @param replyTo null when the performative needs none
     * @param to null or empty for every participant
     */
    public static JsonObject unsigned(String id, String sessionId, long seq, String prevHash, String sender, List<String> to,
            String performative, Long replyTo, JsonObject body, Instant sentAt) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("asp", "1.0").add("id", id).add("sessionId", sessionId).add("seq", seq);
        if (prevHash == null) {
            b.addNull("prevHash");
        } else {
            b.add("prevHash", prevHash);
        }
        b.add("sender", sender);
        if (to != null && !to.isEmpty()) {
            JsonArrayBuilder t = Json.createArrayBuilder();
            to.forEach(t::add);
            b.add("to", t);
        }
        b.add("performative", performative);
        if (replyTo != null) {
            b.add("replyTo", replyTo);
        }
        return b.add("body", body).add("sentAt", sentAt.toString()).build();
    }

    /** The RFC 8785 bytes that are hashed and signed: the envelope without {@code hash} and {@code signature}. */
    public static byte[] canonical(JsonObject envelope) {
        JsonObject e = envelope;
        if (e.containsKey("hash") || e.containsKey("signature")) {
            e = Json.createObjectBuilder(envelope).remove("hash").remove("signature").build();
        }
        return Codec.canonical(e.toString());
    }

    /** Lowercase hex SHA-256 of {@link #canonical(JsonObject)}. */
    public static String hash(JsonObject envelope) {
        return Codec.sha256Hex(canonical(envelope));
    }

    /** The envelope with its {@code hash} and the {@code signature} of {@code key}. */
    public static JsonObject seal(JsonObject unsigned, AgentKey key) {
        byte[] canonical = canonical(unsigned);
        return Json.createObjectBuilder(unsigned).add("hash", Codec.sha256Hex(canonical)).add("signature", Codec.b64(key.sign(canonical)))
                .build();
    }

    /**
     * The sealed envelope as text, built on the canonical text itself (no JSON tree): the load
     * generator's path. Answers {hash, the text to send}.
     */
    public static String[] sealText(String unsignedJson, AgentKey key) {
        byte[] canonical = Codec.canonical(unsignedJson);
        String hash = Codec.sha256Hex(canonical);
        String signature = Codec.b64(key.sign(canonical));
        String c = new String(canonical, StandardCharsets.UTF_8);
        return new String[] {hash, c.substring(0, c.length() - 1) + ",\"hash\":\"" + hash + "\",\"signature\":\"" + signature + "\"}"};
    }
}
