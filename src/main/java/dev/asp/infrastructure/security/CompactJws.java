package dev.asp.infrastructure.security;

import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.IJson;
import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.infrastructure.crypto.PublicJwk;

/**
 * A compact JWS split into its parts, verified with BouncyCastle directly through
 * {@link PublicJwk}. Used on the per-request hot path (DPoP proofs, access tokens), where
 * jose4j's per-call key conversion costs more than the signature check itself.
 */
public record CompactJws(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature) {

    /** @throws IllegalArgumentException when the text is not a compact JWS with JSON header and payload */
    public static CompactJws parse(String compact) {
        if (compact == null || compact.length() > 16_384) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("a compact JWS has three dot-separated parts");
        }
        JsonObject header = object(compact.substring(0, first), "header");
        JsonObject payload = object(compact.substring(first + 1, second), "payload");
        byte[] signature = Base64Url.decode(compact.substring(second + 1));
        return new CompactJws(header, payload, compact.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
    }

    public String alg() {
        return header.getString("alg", null);
    }

    public boolean verifiedBy(PublicJwk key) {
        return key.acceptsAlgorithm(alg()) && key.verify(signingInput, signature);
    }

    private static JsonObject object(String part, String what) {
        byte[] json;
        try {
            json = Base64Url.decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWS " + what + " is not canonical base64url");
        }
        try {
            // spec 10: JOSE headers and claims are I-JSON like every other input (RFC 7515 §4: no duplicate names)
            return IJson.object(IJson.utf8(json));
        } catch (IJson.NotIJson e) {
            throw new IllegalArgumentException("the JWS " + what + " is not I-JSON: " + e.getMessage());
        }
    }
}
