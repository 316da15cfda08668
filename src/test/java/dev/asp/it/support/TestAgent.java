package dev.asp.it.support;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.JsonObject;

import dev.asp.client.AgentKey;
import dev.asp.client.AspAgent;
import dev.asp.client.AspClient;
import dev.asp.client.Codec;
import dev.asp.client.Envelopes;
import dev.asp.client.Jwts;
import dev.asp.infrastructure.crypto.PublicJwk;

/**
 * What an agent holds on the client side: an Ed25519 key, and the JWTs it signs with it (DPoP
 * proofs, client assertions) and envelopes — all made by the client SDK ({@code dev.asp.client}),
 * so the tests exercise the code agent builders use. The public fields stay for tests that forge or
 * bend what a well-behaved client would send.
 */
public final class TestAgent {
    public final byte[] seed;
    public final PublicJwk jwk;
    /** The SDK's key of this agent. */
    public final AgentKey key;
    public String id;
    public String accessToken;

    public TestAgent() {
        this(AgentKey.generate());
    }

    public TestAgent(byte[] seed) {
        this(AgentKey.fromSeed(seed));
    }

    private TestAgent(AgentKey key) {
        this.key = key;
        this.seed = key.seed();
        this.jwk = PublicJwk.ed25519(key.publicKey());
    }

    public String kid() {
        return key.kid();
    }

    /** A compact JWS of any header and claims, signed with {@code seed} (for proofs and assertions a client would not send). */
    public static String jws(JsonObject header, JsonObject payload, byte[] seed) {
        return Jwts.sign(AgentKey.fromSeed(seed), header.toString(), payload.toString());
    }

    public String proof(String method, String url, String token) {
        return proof(method, url, token, "EdDSA", Instant.now(), UUID.randomUUID().toString());
    }

    public String proof(String method, String url, String token, String alg, Instant iat, String jti) {
        return Jwts.dpopProof(key, method, url, token == null ? null : Codec.sha256B64(token), null, alg, iat.getEpochSecond(), jti);
    }

    public String assertion(String tokenUrl) {
        return Jwts.clientAssertion(key, id, tokenUrl);
    }

    /** Completes an envelope: computes hash over the RFC 8785 form and signs it. */
    public JsonObject seal(JsonObject unsigned) {
        return Envelopes.seal(unsigned, key);
    }

    /** This agent as the SDK drives it (its id must be set: {@link Asp#register}); it logs in by itself. */
    public AspAgent sdk() {
        return new AspClient(AspServer.baseUrl()).agent(id, key);
    }
}
