package dev.asp.verify;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** The service's published keys ({@code /.well-known/jwks.json}) by kid, and compact JWS checked against them. */
public final class Jwks {
    private final Map<String, JsonObject> byKid = new LinkedHashMap<>();

    public Jwks(String jwksJson) throws Failure {
        JsonObject doc = parse(jwksJson, "the JWKS");
        if (!doc.containsKey("keys") || doc.get("keys").getValueType() != JsonValue.ValueType.ARRAY) {
            throw new Failure("the JWKS has no \"keys\" array");
        }
        for (JsonValue k : doc.getJsonArray("keys")) {
            JsonObject key = k.asJsonObject();
            byKid.put(key.getString("kid", ""), key);
        }
    }

    public JsonObject key(String kid) {
        return byKid.get(kid);
    }

    /** A verified compact JWS: its kid and its payload's bytes. */
    public record Verified(String kid, byte[] payload) {
    }

    /** RFC 7515 compact serialization, {@code alg} EdDSA (or RFC 9864's Ed25519) by a key of this JWKS. */
    public Verified verify(String compact, String what) throws Failure {
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new Failure(what + " is not a compact JWS (three base64url parts)");
        }
        JsonObject header;
        byte[] payload;
        byte[] signature;
        try {
            header = parse(new String(PublicKeys.b64u(parts[0]), StandardCharsets.UTF_8), what + "'s JWS header");
            payload = PublicKeys.b64u(parts[1]);
            signature = PublicKeys.b64u(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Failure(what + " is not valid base64url: " + e.getMessage());
        }
        String alg = header.getString("alg", "");
        if (!"EdDSA".equals(alg) && !"Ed25519".equals(alg)) {
            throw new Failure(what + "'s JWS alg is \"" + alg + "\", not EdDSA");
        }
        String kid = header.getString("kid", "");
        JsonObject key = byKid.get(kid);
        if (key == null) {
            throw new Failure(what + " is signed with kid " + kid + ", which the JWKS does not publish (another service's export?)");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!PublicKeys.verify(key, signingInput, signature)) {
            throw new Failure(what + "'s JWS signature does not verify with JWKS key " + kid);
        }
        return new Verified(kid, payload);
    }

    static JsonObject parse(String json, String what) throws Failure {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw new Failure(what + " is not a JSON object: " + e.getMessage());
        }
    }
}
