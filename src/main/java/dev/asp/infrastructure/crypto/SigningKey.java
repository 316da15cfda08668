package dev.asp.infrastructure.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import dev.asp.domain.shared.Digests;

/** A service key ready to sign: raw Ed25519 for envelopes, a JCA key for jose4j. */
public final class SigningKey {
    // RFC 8410 PKCS#8 prefix for an Ed25519 private key; the 32-byte seed follows.
    private static final byte[] PKCS8_PREFIX = Digests.fromHex("302e020100300506032b657004220420");

    private final String kid;
    private final byte[] seed;
    private final PublicJwk publicJwk;
    private final PrivateKey privateKey;

    public SigningKey(String kid, byte[] seed) {
        this.kid = kid;
        this.seed = seed.clone();
        this.publicJwk = PublicJwk.ed25519(Ed25519.publicKey(seed));
        byte[] pkcs8 = new byte[PKCS8_PREFIX.length + seed.length];
        System.arraycopy(PKCS8_PREFIX, 0, pkcs8, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, seed.length);
        Jose.providerContext(); // registers BouncyCastle
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519", BouncyCastleProvider.PROVIDER_NAME)
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the service key", e);
        }
    }

    public String kid() {
        return kid;
    }

    public PublicJwk publicJwk() {
        return publicJwk;
    }

    public byte[] sign(byte[] data) {
        return Ed25519.sign(seed, data);
    }

    /** A compact JWS (EdDSA, this key's kid) over {@code payload}. */
    public String signJws(String payload, String typ) {
        return Jose.sign(payload, kid, typ, privateKey);
    }
}
