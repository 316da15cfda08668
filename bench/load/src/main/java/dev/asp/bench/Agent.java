package dev.asp.bench;

import dev.asp.client.AgentKey;
import dev.asp.client.Codec;
import dev.asp.client.Envelopes;
import dev.asp.client.Jwts;

/**
 * An agent as the generator holds it (spec 2): the SDK's key ({@code dev.asp.client.AgentKey}), its
 * id and DPoP-bound token, and the JWTs and envelope signatures the SDK makes with the key. The
 * generator keeps the SDK's text-level path (no JSON trees) for what it pre-signs: the measured
 * window spends no client CPU the server could use.
 */
final class Agent {
    final AgentKey key = AgentKey.generate();
    final String jwk = key.publicJwk().toString();
    final String kid = key.kid();
    String id;
    String token;
    /** base64url SHA-256 of the token: the proofs' ath. */
    String ath;

    void token(String accessToken) {
        token = accessToken;
        ath = Codec.sha256B64(accessToken);
    }

    /** RFC 9449 proof for {@code method} {@code url} (no query), bound to the token when {@code bound}. */
    String proof(String method, String url, long iat, boolean bound) {
        return Jwts.dpopProof(key, method, url, bound ? ath : null, null, "EdDSA", iat, Codec.newJti());
    }

    /** Spec 4.1 hash and signature over the RFC 8785 form; answers {hash, the envelope to send}. */
    String[] seal(String unsignedJson) {
        return Envelopes.sealText(unsignedJson, key);
    }
}
