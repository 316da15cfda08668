package dev.asp.bench;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An agent as a client holds it (spec 2): an Ed25519 key, its JWK and thumbprint, the DPoP-bound
 * access token, and the JWTs and envelope signatures it makes with the key.
 */
final class Agent {
    final Ed25519PrivateKeyParameters key;
    final String x;
    final String jwk;
    final String kid;
    private final String proofHeaderB64;
    private final String assertionHeaderB64;
    String id;
    String token;
    /** base64url SHA-256 of the token: the proofs' ath. */
    String ath;

    Agent() {
        key = new Ed25519PrivateKeyParameters(Crypto.newSeed(), 0);
        x = Crypto.b64(key.generatePublicKey().getEncoded());
        jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}";
        // RFC 7638: required members in lexicographic order, no whitespace.
        kid = Crypto.b64(Crypto.sha256(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.UTF_8)));
        proofHeaderB64 = Crypto.b64("{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":" + jwk + "}");
        assertionHeaderB64 = Crypto.b64("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}");
    }

    void token(String accessToken) {
        token = accessToken;
        ath = Crypto.sha256B64(accessToken);
    }

    /** RFC 9449 proof for {@code method} {@code url} (no query), bound to the token when {@code bound}. */
    String proof(String method, String url, long iat, boolean bound) {
        String claims = "{\"jti\":\"" + Crypto.newJti() + "\",\"htm\":\"" + method + "\",\"htu\":" + Crypto.str(url) + ",\"iat\":" + iat
                + (bound ? ",\"ath\":\"" + ath + "\"" : "") + "}";
        return jws(proofHeaderB64, claims);
    }

    /** RFC 7523 client assertion for private_key_jwt at {@code tokenUrl}. */
    String assertion(String tokenUrl, long now) {
        String claims = "{\"iss\":\"" + id + "\",\"sub\":\"" + id + "\",\"aud\":" + Crypto.str(tokenUrl) + ",\"jti\":\"" + Crypto.newJti()
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 120) + "}";
        return jws(assertionHeaderB64, claims);
    }

    private String jws(String headerB64, String claimsJson) {
        String input = headerB64 + "." + Crypto.b64(claimsJson);
        return input + "." + Crypto.b64(Crypto.sign(key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Spec 4.1: hash = hex SHA-256 of the RFC 8785 bytes of the envelope without hash/signature,
     * signature = base64url Ed25519 over the same bytes. Returns {hash, the envelope to send}.
     */
    String[] seal(String unsignedJson) {
        byte[] canonical = Crypto.canonical(unsignedJson);
        String hash = Crypto.sha256Hex(canonical);
        String signature = Crypto.b64(Crypto.sign(key, canonical));
        String c = new String(canonical, StandardCharsets.UTF_8);
        // The canonical text is an object: add the two members before its closing brace.
        String sent = c.substring(0, c.length() - 1) + ",\"hash\":\"" + hash + "\",\"signature\":\"" + signature + "\"}";
        return new String[] {hash, sent};
    }
}
