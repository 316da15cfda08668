package dev.asp.it.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.domain.shared.Canonical;
import dev.asp.domain.shared.Digests;
import dev.asp.infrastructure.crypto.Ed25519;
import dev.asp.infrastructure.crypto.PublicJwk;

/**
 * What an agent holds on the client side: an Ed25519 key, and the JWTs it signs with it
 * (DPoP proofs, client assertions) and envelopes. Written as an outside client would, from the spec.
 */
public final class TestAgent {
    public final byte[] seed;
    public final PublicJwk jwk;
    public String id;
    public String accessToken;

    public TestAgent() {
        this(Ed25519.newSeed());
    }

    public TestAgent(byte[] seed) {
        this.seed = seed;
        this.jwk = PublicJwk.ed25519(Ed25519.publicKey(seed));
    }

    public String kid() {
        return jwk.thumbprint();
    }

    public static String jws(JsonObject header, JsonObject payload, byte[] seed) {
        String input = b64(header.toString()) + "." + b64(payload.toString());
        return input + "." + Base64Url.encode(Ed25519.sign(seed, input.getBytes(StandardCharsets.US_ASCII)));
    }

    public String proof(String method, String url, String token) {
        return proof(method, url, token, "EdDSA", Instant.now(), UUID.randomUUID().toString());
    }

    public String proof(String method, String url, String token, String alg, Instant iat, String jti) {
        JsonObject header = Json.createObjectBuilder().add("typ", "dpop+jwt").add("alg", alg).add("jwk", jwk.toJson()).build();
        JsonObjectBuilder claims = Json.createObjectBuilder().add("jti", jti).add("htm", method).add("htu", url).add("iat", iat.getEpochSecond());
        if (token != null) {
            claims.add("ath", Digests.sha256Base64Url(token.getBytes(StandardCharsets.US_ASCII)));
        }
        return jws(header, claims.build(), seed);
    }

    public String assertion(String tokenUrl) {
        Instant now = Instant.now();
        JsonObject header = Json.createObjectBuilder().add("alg", "EdDSA").add("kid", kid()).build();
        JsonObject claims = Json.createObjectBuilder().add("iss", id).add("sub", id).add("aud", tokenUrl)
                .add("jti", UUID.randomUUID().toString()).add("iat", now.getEpochSecond()).add("exp", now.plusSeconds(120).getEpochSecond()).build();
        return jws(header, claims, seed);
    }

    /** Completes an envelope: computes hash over the RFC 8785 form and signs it. */
    public JsonObject seal(JsonObject unsigned) {
        byte[] canonical = Canonical.bytes(unsigned.toString());
        return Json.createObjectBuilder(unsigned)
                .add("hash", Digests.sha256Hex(canonical))
                .add("signature", Base64Url.encode(Ed25519.sign(seed, canonical)))
                .build();
    }

    private static String b64(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }
}
