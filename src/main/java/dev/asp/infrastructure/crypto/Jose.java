package dev.asp.infrastructure.crypto;

import java.security.Key;
import java.security.PublicKey;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.EdDsaAlgorithm;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * jose4j wired to BouncyCastle for EdDSA (7-8x the JDK's Ed25519 on this machine), with the
 * RFC 9864 algorithm name {@code Ed25519} accepted beside RFC 8037's {@code EdDSA} (spec 2.3).
 */
public final class Jose {
    public static final String ALG_ED25519 = "Ed25519";
    public static final AlgorithmConstraints SIGNING_ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA, ALG_ED25519,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    private static final ProviderContext BC = new ProviderContext();

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        BC.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        BC.getGeneralProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        BC.getGeneralProviderContext().setKeyFactoryProvider(BouncyCastleProvider.PROVIDER_NAME);
        AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().registerAlgorithm(new Ed25519Algorithm());
    }

    private Jose() {
    }

    public static ProviderContext providerContext() {
        return BC;
    }

    /** A jose4j-usable public key for a JWK, from BouncyCastle's key factory. */
    public static PublicKey toPublicKey(PublicJwk jwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk.toJsonString(), BouncyCastleProvider.PROVIDER_NAME).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalArgumentException("unusable JWK", e);
        }
    }

    /** A fresh JWS object that verifies and signs with BouncyCastle and only our algorithms. */
    public static JsonWebSignature newJws() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(BC);
        jws.setAlgorithmConstraints(SIGNING_ALGORITHMS);
        return jws;
    }

    public static String sign(String payload, String kid, String typ, Key privateKey) {
        JsonWebSignature jws = newJws();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setKeyIdHeaderValue(kid);
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** RFC 9864 names the fully specified Ed25519 algorithm; the maths is EdDSA's. */
    private static final class Ed25519Algorithm extends EdDsaAlgorithm {
        Ed25519Algorithm() {
            setAlgorithmIdentifier(ALG_ED25519);
        }
    }
}
