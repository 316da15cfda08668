package dev.asp.domain.identity;

import jakarta.json.JsonObject;

/**
 * A public key as the wire carries it (RFC 7517), named by its RFC 7638 thumbprint. The domain
 * keeps and shows keys; checking them and verifying with them is infrastructure.crypto.PublicJwk's,
 * which implements this.
 */
public interface Jwk {
    /** RFC 7638 thumbprint, base64url: the key's {@code kid}. */
    String thumbprint();

    /** The public members only. */
    JsonObject toJson();

    default String toJsonString() {
        return toJson().toString();
    }

    /** A key read back from storage, checked when it was stored. */
    record Stored(String thumbprint, JsonObject toJson) implements Jwk {
    }
}
