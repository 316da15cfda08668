package dev.asp.infrastructure.crypto;

import dev.asp.domain.identity.Jwk;
import dev.asp.domain.shared.Digests;
import dev.asp.domain.shared.Jsonp;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A public signing key as a JWK: Ed25519 (OKP) or P-256 (EC). Construction refuses private
 * members instead of stripping them (spec 2.1), so a leaked private key is never stored.
 */
public final class PublicJwk implements Jwk {
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /**
     * Keys parsed before, by their members: a DPoP proof carries its key in every request, and
     * decoding it again costs a tenth of the verify. Bounded; emptied when full, which costs misses only.
     */
    private static final Map<String, PublicJwk> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 10_000;

    private final String kty;
    private final String crv;
    private final String x;
    private final String y;
    private final Ed25519PublicKeyParameters okpKey;
    private final PublicKey ecKey;
    private final String thumbprint;

    private PublicJwk(String kty, String crv, String x, String y) {
        this.kty = kty;
        this.crv = crv;
        this.x = x;
        this.y = y;
        if ("OKP".equals(kty)) {
            byte[] rawX = decode(x, "x");
            if (rawX.length != Ed25519.KEY_BYTES) {
                throw new IllegalArgumentException("an Ed25519 x must be 32 bytes");
            }
            try {
                this.okpKey = Ed25519.decode(rawX);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Ed25519 x is not a point on the curve");
            }
            this.ecKey = null;
            this.thumbprint = Digests.sha256Base64Url(("{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] bx = decode(x, "x");
            byte[] by = decode(y, "y");
            if (bx.length != 32 || by.length != 32) {
                throw new IllegalArgumentException("P-256 coordinates must be 32 bytes");
            }
            this.okpKey = null;
            this.ecKey = EcP256.publicKey(bx, by);
            this.thumbprint = Digests.sha256Base64Url(("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    public static PublicJwk ed25519(byte[] publicKey) {
        return new PublicJwk("OKP", "Ed25519", Base64Url.encode(publicKey), null);
    }

    /** @throws IllegalArgumentException with a client-readable reason for any unusable JWK */
    public static PublicJwk parse(JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a JWK must be a JSON object");
        }
        JsonObject jwk = value.asJsonObject();
        for (String member : PRIVATE_MEMBERS) {
            if (jwk.containsKey(member)) {
                throw new IllegalArgumentException("the JWK holds private key material (\"" + member + "\"); submit the public key only");
            }
        }
        String kty = member(jwk, "kty");
        String crv = member(jwk, "crv");
        boolean okp = "OKP".equals(kty) && "Ed25519".equals(crv);
        if (!okp && !("EC".equals(kty) && "P-256".equals(crv))) {
            throw new IllegalArgumentException("unsupported key type: kty " + kty + ", crv " + crv + " (Ed25519 or P-256)");
        }
        String x = member(jwk, "x");
        String y = okp ? null : member(jwk, "y");
        String members = kty + ' ' + x + ' ' + y;
        PublicJwk known = PARSED.get(members);
        if (known != null) {
            return known;
        }
        PublicJwk parsed = new PublicJwk(kty, crv, x, y);
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
        }
        PARSED.put(members, parsed);
        return parsed;
    }

    public static PublicJwk parse(String json) {
        try (var reader = Jsonp.reader(json)) {
            return parse(reader.readValue());
        } catch (jakarta.json.JsonException e) {
            throw new IllegalArgumentException("a JWK must be JSON", e);
        }
    }

    private static String member(JsonObject jwk, String name) {
        JsonValue v = jwk.get(name);
        if (!(v instanceof JsonString s)) {
            throw new IllegalArgumentException("the JWK needs a string \"" + name + "\"");
        }
        return s.getString();
    }

    private static byte[] decode(String value, String name) {
        try {
            return Base64Url.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWK's \"" + name + "\" is not base64url");
        }
    }

    /** The JWS algorithms of keys the service accepts (spec 2.3): discovery and DPoP challenges name them. */
    public static final List<String> ALGORITHMS = List.of("Ed25519", "EdDSA", "ES256");

    /** RFC 7638 thumbprint, base64url: the key's {@code kid} and a DPoP {@code jkt}. */
    @Override
    public String thumbprint() {
        return thumbprint;
    }

    public boolean isEd25519() {
        return "OKP".equals(kty);
    }

    /** Whether {@code alg} (from a JWS header) is one this key signs with. */
    public boolean acceptsAlgorithm(String alg) {
        return isEd25519() ? "EdDSA".equals(alg) || "Ed25519".equals(alg) : "ES256".equals(alg);
    }

    public boolean verify(byte[] data, byte[] signature) {
        return isEd25519() ? Ed25519.verify(okpKey, data, signature) : EcP256.verify(ecKey, data, signature);
    }

    @Override
    public JsonObject toJson() {
        var b = Jsonp.object().add("kty", kty).add("crv", crv).add("x", x);
        if (y != null) {
            b.add("y", y);
        }
        return b.build();
    }

    @Override
    public String toJsonString() {
        return toJson().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicJwk other && other.thumbprint.equals(thumbprint);
    }

    @Override
    public int hashCode() {
        return thumbprint.hashCode();
    }
}
