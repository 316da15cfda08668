package dev.asp.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An agent's Ed25519 key pair (spec 2.1): it signs DPoP proofs, client assertions and envelopes.
 * Its {@link #kid()} is the RFC 7638 thumbprint the service knows it by.
 */
public final class AgentKey {
    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicKey;
    private final String x;
    private final String kid;
    /** The public JWK as JSON text in the order the spec's examples use; its members are fixed. */
    final String jwkJson;
    /** The base64url header of its EdDSA DPoP proofs, made once (a proof per request in the load generator). */
    final String proofHeaderB64;

    private AgentKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey().getEncoded();
        this.x = Codec.b64(publicKey);
        this.jwkJson = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}";
        // RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
        this.proofHeaderB64 = Codec.b64("{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":" + jwkJson + "}");
        this.kid = Codec.b64(Codec.sha256(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    /** A new random key. */
    public static AgentKey generate() {
        return new AgentKey(Codec.randomBytes(32));
    }

    /** The key of a 32-byte RFC 8032 seed (private key). */
    public static AgentKey fromSeed(byte[] seed) {
        return new AgentKey(seed.clone());
    }

    /** Reads a key saved by {@link #save(Path)}: the seed, base64url, on one line. */
    public static AgentKey load(Path file) {
        try {
            return new AgentKey(Codec.unb64(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key " + file, e);
        }
    }

    /** Loads the key in {@code file}, or generates one and saves it there first. */
    public static AgentKey loadOrGenerate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        AgentKey k = generate();
        k.save(file);
        return k;
    }

    /** Writes the seed (base64url) to a new file readable by its owner only where the file system allows. */
    public void save(Path file) {
        try {
            Files.writeString(file, Codec.b64(seed()) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own ACLs apply
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key " + file, e);
        }
    }

    /** The private seed (32 bytes); handle with care. */
    public byte[] seed() {
        return key.getEncoded();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public JWK ({@code kty} OKP, {@code crv} Ed25519, {@code x}) to register. */
    public JsonObject publicJwk() {
        return Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", x).build();
    }

    /** RFC 7638 SHA-256 thumbprint, base64url: the key's {@code kid} and a token's {@code cnf.jkt}. */
    public String kid() {
        return kid;
    }

    /** Ed25519 signature (RFC 8032) over {@code data}. */
    public byte[] sign(byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    /** Verifies an Ed25519 signature by the raw 32-byte public key {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        v.update(data, 0, data.length);
        return v.verifySignature(signature);
    }

    /** The raw public key of an Ed25519 JWK ({@code kty} OKP, {@code crv} Ed25519). */
    public static byte[] publicKeyOf(JsonObject jwk) {
        if (!"OKP".equals(jwk.getString("kty", null)) || !"Ed25519".equals(jwk.getString("crv", null))) {
            throw new IllegalArgumentException("not an Ed25519 JWK: " + jwk);
        }
        return Codec.unb64(jwk.getString("x"));
    }

    /** The RFC 7638 thumbprint of an Ed25519 JWK. */
    public static String thumbprint(JsonObject jwk) {
        String x = Codec.b64(publicKeyOf(jwk));
        return Codec.b64(Codec.sha256(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "AgentKey[" + kid + "]";
    }
}
