package dev.asp.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

import jakarta.json.Json;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Digests;

/** Service signatures through jose4j (spec 2.3, 8): EdDSA out, EdDSA and Ed25519 (RFC 9864) in. */
class JoseTest {
    private static final byte[] SEED = Digests.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final SigningKey KEY = new SigningKey(PublicJwk.ed25519(Ed25519.publicKey(SEED)).thumbprint(), SEED);
    private static final String PAYLOAD = "{\"iss\":\"https://asp.example\",\"sub\":\"agt_1\"}";

    private static JsonWebSignature parsed(String compact, PublicKey key) throws JoseException {
        JsonWebSignature jws = Jose.newJws();
        jws.setCompactSerialization(compact);
        jws.setKey(key);
        return jws;
    }

    /** A compact JWS signed by hand, so the header says exactly what a client library would send. */
    private static String handSigned(String alg, String payload) {
        String header = Json.createObjectBuilder().add("alg", alg).add("kid", KEY.kid()).build().toString();
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8));
        return input + "." + Base64Url.encode(Ed25519.sign(SEED, input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void signingKeySignsAJwsThatJose4jVerifiesWithThePublishedKey() throws Exception {
        String compact = KEY.signJws(PAYLOAD, "at+jwt");
        JsonWebSignature jws = parsed(compact, Jose.toPublicKey(KEY.publicJwk()));
        assertTrue(jws.verifySignature());
        assertEquals(PAYLOAD, jws.getPayload());
        assertEquals(AlgorithmIdentifiers.EDDSA, jws.getAlgorithmHeaderValue());
        assertEquals(KEY.kid(), jws.getKeyIdHeaderValue());
        assertEquals("at+jwt", jws.getHeader("typ"));
    }

    @Test
    void kidOfTheSigningKeyIsItsThumbprint() {
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", KEY.kid());
        assertEquals(KEY.kid(), KEY.publicJwk().thumbprint());
    }

    @Test
    void rawSignaturesOfTheSigningKeyAreEd25519() {
        byte[] data = "canonical".getBytes(StandardCharsets.UTF_8);
        assertTrue(Ed25519.verify(Ed25519.publicKey(SEED), data, KEY.sign(data)));
        assertEquals(Base64Url.encode(Ed25519.sign(SEED, data)), Base64Url.encode(KEY.sign(data)));
    }

    @Test
    void jwsWithoutTypHasNoTypHeader() throws Exception {
        JsonWebSignature jws = parsed(KEY.signJws(PAYLOAD, null), Jose.toPublicKey(KEY.publicJwk()));
        assertTrue(jws.verifySignature());
        assertEquals(null, jws.getHeader("typ"));
    }

    @Test
    void algEdDsaAndAlgEd25519AreBothAccepted() throws Exception {
        PublicKey key = Jose.toPublicKey(KEY.publicJwk());
        for (String alg : new String[] {"EdDSA", "Ed25519"}) {
            JsonWebSignature jws = parsed(handSigned(alg, PAYLOAD), key);
            assertTrue(jws.verifySignature(), alg);
            assertEquals(alg, jws.getAlgorithmHeaderValue());
        }
    }

    @Test
    void jose4jCanSignWithTheEd25519AlgorithmName() throws Exception {
        JsonWebSignature out = Jose.newJws();
        out.setPayload(PAYLOAD);
        out.setAlgorithmHeaderValue(Jose.ALG_ED25519);
        out.setKey(privateKey());
        String compact = out.getCompactSerialization();
        assertTrue(parsed(compact, Jose.toPublicKey(KEY.publicJwk())).verifySignature());
    }

    @Test
    void alteredPayloadDoesNotVerify() throws Exception {
        String[] parts = KEY.signJws(PAYLOAD, null).split("\\.");
        String forged = parts[0] + "." + Base64Url.encode("{\"sub\":\"agt_2\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertFalse(parsed(forged, Jose.toPublicKey(KEY.publicJwk())).verifySignature());
    }

    @Test
    void anotherKeyDoesNotVerify() throws Exception {
        PublicKey other = Jose.toPublicKey(PublicJwk.ed25519(Ed25519.publicKey(Ed25519.newSeed())));
        assertFalse(parsed(KEY.signJws(PAYLOAD, null), other).verifySignature());
    }

    @Test
    void algorithmsOutsideTheAllowListAreRefused() {
        PublicKey key = Jose.toPublicKey(KEY.publicJwk());
        for (String alg : new String[] {"none", "HS256", "RS256"}) {
            assertThrows(JoseException.class, () -> parsed(handSigned(alg, PAYLOAD), key).verifySignature(), alg);
        }
    }

    @Test
    void toPublicKeyConvertsP256KeysToo() throws Exception {
        var jwk = PublicJwk.parse(Json.createObjectBuilder().add("kty", "EC").add("crv", "P-256")
                .add("x", "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4").add("y", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM").build());
        assertEquals("EC", Jose.toPublicKey(jwk).getAlgorithm().replace("ECDSA", "EC"));
    }

    private static java.security.PrivateKey privateKey() throws Exception {
        byte[] pkcs8 = Digests.fromHex("302e020100300506032b657004220420" + Digests.hex(SEED));
        return java.security.KeyFactory.getInstance("Ed25519", "BC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
    }
}
