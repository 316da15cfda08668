package dev.asp.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

import jakarta.json.JsonObject;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signature checks with a public JWK: Ed25519 (RFC 8037, by BouncyCastle) and P-256 ES256 with a raw
 * R‖S signature (the JDK), and RFC 7638 thumbprints. Written apart from the server's own crypto code.
 */
public final class PublicKeys {
    private static final Base64.Decoder B64U = Base64.getUrlDecoder();

    private PublicKeys() {
    }

    public static byte[] b64u(String s) {
        if (s.indexOf('=') >= 0) {
            throw new IllegalArgumentException("padded base64url");
        }
        return B64U.decode(s);
    }

    public static boolean verify(JsonObject jwk, byte[] data, byte[] signature) {
        String kty = jwk.getString("kty", "");
        String crv = jwk.getString("crv", "");
        if ("OKP".equals(kty) && "Ed25519".equals(crv)) {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(b64u(jwk.getString("x")), 0));
            v.update(data, 0, data.length);
            return v.verifySignature(signature);
        }
        if ("EC".equals(kty) && "P-256".equals(crv)) {
            try {
                Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
                v.initVerify(p256(jwk));
                v.update(data);
                return v.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        throw new IllegalArgumentException("unsupported key type " + kty + "/" + crv);
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, base64url without padding. */
    public static String thumbprint(JsonObject jwk) {
        String kty = jwk.getString("kty", "");
        String json = switch (kty) {
            case "OKP" -> "{\"crv\":\"" + jwk.getString("crv") + "\",\"kty\":\"OKP\",\"x\":\"" + jwk.getString("x") + "\"}";
            case "EC" -> "{\"crv\":\"" + jwk.getString("crv") + "\",\"kty\":\"EC\",\"x\":\"" + jwk.getString("x") + "\",\"y\":\""
                    + jwk.getString("y") + "\"}";
            default -> throw new IllegalArgumentException("unsupported key type " + kty);
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(json.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey p256(JsonObject jwk) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, b64u(jwk.getString("x"))), new BigInteger(1, b64u(jwk.getString("y"))));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params.getParameterSpec(ECParameterSpec.class)));
    }
}
