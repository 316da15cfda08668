package dev.asp.infrastructure.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import dev.asp.domain.shared.Digests;
import dev.asp.infrastructure.crypto.PublicJwk;

/** RFC 9449 §4.3: the checks a server makes of a DPoP proof, in order. */
@ApplicationScoped
public class DpopProofVerifier {
    /** Spec 2.3: iat within ±60 s. */
    static final Duration IAT_WINDOW = Duration.ofSeconds(60);

    public static final String REPLAYED = "this proof's jti was already used (replay)";

    @Inject
    JtiReplayCache replays;

    @Inject
    DpopNonces nonces;

    @Inject
    Clock clock;

    /** A verified proof: its key, and its jti if the caller records it in the shared table itself. */
    public record Verified(PublicJwk key, JtiClaim pendingJti) {
    }

    /**
     * @param accessToken the token the proof must be bound to (ath), or null at the token endpoint
     * @return the proof's public key
     */
    public PublicJwk verify(String proof, String method, URI expectedUri, String accessToken) {
        Verified v = verify(proof, method, expectedUri, accessToken, false);
        return v.key();
    }

    /**
     * @param deferSharedJti leave the jti's shared record to the caller (a message send writes it
     *        with the message), instead of writing it now
     */
    public Verified verify(String proof, String method, URI expectedUri, String accessToken, boolean deferSharedJti) {
        if (proof == null || proof.isBlank()) {
            throw DpopException.proof("the DPoP header is missing");
        }
        if (proof.indexOf(',') >= 0) {
            throw DpopException.proof("exactly one DPoP proof is allowed");
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(proof.trim());
        } catch (IllegalArgumentException e) {
            throw DpopException.proof("the DPoP proof is not a JWT: " + e.getMessage());
        }
        JsonObject h = jws.header();
        if (!"dpop+jwt".equals(string(h, "typ"))) {
            throw DpopException.proof("the proof's typ must be dpop+jwt");
        }
        String alg = string(h, "alg");
        if (alg == null || alg.equals("none") || alg.startsWith("HS")) {
            throw DpopException.proof("the proof must be signed with an asymmetric algorithm");
        }
        PublicJwk key;
        try {
            key = PublicJwk.parse(h.get("jwk"));
        } catch (IllegalArgumentException e) {
            throw DpopException.proof("the proof's jwk header is unusable: " + e.getMessage());
        }
        if (!key.acceptsAlgorithm(alg)) {
            throw DpopException.proof("alg " + alg + " does not fit the proof key (EdDSA or Ed25519 for Ed25519, ES256 for P-256)");
        }
        if (!key.verify(jws.signingInput(), jws.signature())) {
            throw DpopException.proof("the proof's signature does not verify with its jwk");
        }
        JsonObject claims = jws.payload();
        String jti = string(claims, "jti");
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw DpopException.proof("the proof needs a jti");
        }
        if (!method.equals(string(claims, "htm"))) { // RFC 9110 §9.1: method names are case-sensitive
            throw DpopException.proof("htm does not match the request method " + method);
        }
        String htu = string(claims, "htu");
        if (htu == null || !sameTarget(htu, expectedUri)) {
            throw DpopException.proof("htu does not match the request URL " + normalize(expectedUri));
        }
        Instant iat = NumericDate.of(claims.get("iat")).orElseThrow(() -> DpopException.proof("the proof needs an iat: seconds since the epoch"));
        Instant now = clock.instant();
        if (iat.isBefore(now.minus(IAT_WINDOW)) || iat.isAfter(now.plus(IAT_WINDOW))) {
            throw DpopException.proof("iat is outside ±60 s of the server's time " + now);
        }
        if (accessToken != null) {
            String ath = string(claims, "ath");
            String expected = Digests.sha256Base64Url(accessToken.getBytes(StandardCharsets.US_ASCII));
            if (!expected.equals(ath)) {
                throw DpopException.proof("ath is not the base64url SHA-256 of the access token");
            }
        }
        nonces.check(string(claims, "nonce"));
        JtiClaim claim = replays.firstLocalUse("dpop", key.thumbprint() + ":" + jti, iat.plus(IAT_WINDOW).plus(IAT_WINDOW))
                .orElseThrow(() -> DpopException.proof(REPLAYED));
        if (deferSharedJti) {
            return new Verified(key, claim);
        }
        if (!replays.recordShared(claim)) {
            throw DpopException.proof(REPLAYED);
        }
        return new Verified(key, null);
    }

    /** RFC 9449 §4.3 (9): compare without query and fragment, scheme and host case-insensitively, default ports dropped. */
    static boolean sameTarget(String htu, URI expected) {
        try {
            URI u = URI.create(htu);
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                return false;
            }
            return normalize(u).equals(normalize(expected));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String normalize(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        if (("http".equals(scheme) || "ws".equals(scheme)) && port == 80 || ("https".equals(scheme) || "wss".equals(scheme)) && port == 443) {
            port = -1;
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return scheme + "://" + host + (port == -1 ? "" : ":" + port) + path;
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
