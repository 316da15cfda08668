package dev.asp.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JWTs an agent signs with its key: DPoP proofs (RFC 9449 §4.2) and private_key_jwt client
 * assertions (RFC 7523 §3). Compact JWS with {@code alg} EdDSA (RFC 8037), built as text so that a
 * proof costs one signature and no JSON tree (the load generator signs one per request).
 */
public final class Jwts {
    private Jwts() {
    }

    /** A proof for {@code method} {@code url} (no query, no fragment); {@code accessToken} and {@code nonce} may be null. */
    public static String dpopProof(AgentKey key, String method, String url, String accessToken, String nonce) {
        return dpopProof(key, method, url, accessToken == null ? null : Codec.sha256B64(accessToken), nonce, "EdDSA",
                Instant.now().getEpochSecond(), Codec.newJti());
    }

    /**
     * A proof with every claim chosen by the caller (tests of the server's checks use odd ones).
     *
     * @param ath base64url SHA-256 of the access token, or null for a proof without a token (the token request)
     * @param alg {@code EdDSA} (RFC 8037) or {@code Ed25519} (RFC 9864); both name the same signature
     */
    public static String dpopProof(AgentKey key, String method, String url, String ath, String nonce, String alg, long iat, String jti) {
        String headerB64 = "EdDSA".equals(alg) ? key.proofHeaderB64
                : Codec.b64("{\"typ\":\"dpop+jwt\",\"alg\":" + Codec.str(alg) + ",\"jwk\":" + key.jwkJson + "}");
        StringBuilder claims = new StringBuilder(160).append("{\"jti\":").append(Codec.str(jti)).append(",\"htm\":").append(Codec.str(method))
                .append(",\"htu\":").append(Codec.str(url)).append(",\"iat\":").append(iat);
        if (ath != null) {
            claims.append(",\"ath\":\"").append(ath).append('"');
        }
        if (nonce != null) {
            claims.append(",\"nonce\":").append(Codec.str(nonce));
        }
        return signed(key, headerB64, claims.append('}').toString());
    }

    /** A client assertion for the token endpoint {@code tokenUrl}: iss = sub = the agent, two minutes to live. */
    public static String clientAssertion(AgentKey key, String agentId, String tokenUrl) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + key.kid() + "\"}";
        String claims = "{\"iss\":" + Codec.str(agentId) + ",\"sub\":" + Codec.str(agentId) + ",\"aud\":" + Codec.str(tokenUrl)
                + ",\"jti\":\"" + Codec.newJti() + "\",\"iat\":" + now + ",\"exp\":" + (now + 120) + "}";
        return sign(key, header, claims);
    }

    /** A compact JWS (RFC 7515 §7.1) of the given header and claims texts, signed by {@code key}. */
    public static String sign(AgentKey key, String headerJson, String claimsJson) {
        return signed(key, Codec.b64(headerJson), claimsJson);
    }

    private static String signed(AgentKey key, String headerB64, String claimsJson) {
        String input = headerB64 + "." + Codec.b64(claimsJson);
        return input + "." + Codec.b64(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
