package dev.asp.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 2.1: public JWKs only, kid = RFC 7638 thumbprint; Ed25519 required, P-256 supported. */
class PublicJwkTest {
    // RFC 8037 appendix A.2/A.3: this key's thumbprint is given there.
    private static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    // RFC 7517 appendix A.1, the P-256 example key; thumbprint per RFC 7638 section 3 (members crv, kty, x, y).
    private static final String RFC7517_X = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
    private static final String RFC7517_Y = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
    private static final String RFC7517_THUMBPRINT = "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s";

    private static JsonObject okp(String x) {
        return Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", x).build();
    }

    private static JsonObject ec(String x, String y) {
        return Json.createObjectBuilder().add("kty", "EC").add("crv", "P-256").add("x", x).add("y", y).build();
    }

    private static String reason(JsonObject jwk) {
        return assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(jwk)).getMessage();
    }

    @Test
    void ed25519ThumbprintIsTheOneOfRfc8037() {
        assertEquals(RFC8037_THUMBPRINT, PublicJwk.parse(okp(RFC8037_X)).thumbprint());
        assertEquals(RFC8037_THUMBPRINT, PublicJwk.ed25519(Base64Url.decode(RFC8037_X)).thumbprint());
    }

    @Test
    void p256ThumbprintCoversCrvKtyXYInLexicographicOrder() {
        assertEquals(RFC7517_THUMBPRINT, PublicJwk.parse(ec(RFC7517_X, RFC7517_Y)).thumbprint());
    }

    @Test
    void thumbprintsAgreeWithJose4jsImplementation() throws Exception {
        KeyPair p256 = p256KeyPair();
        JsonObject ecJwk = ecJwk((ECPublicKey) p256.getPublic());
        for (JsonObject jwk : new JsonObject[] {ecJwk, okp(Base64Url.encode(Ed25519.publicKey(Ed25519.newSeed())))}) {
            String expected = PublicJsonWebKey.Factory.newPublicJwk(jwk.toString()).calculateBase64urlEncodedThumbprint("SHA-256");
            assertEquals(expected, PublicJwk.parse(jwk).thumbprint(), jwk.toString());
        }
    }

    @Test
    void publicMembersBesideTheKeyDoNotChangeTheThumbprint() {
        JsonObject decorated = Json.createObjectBuilder(okp(RFC8037_X)).add("kid", "mine").add("use", "sig").add("alg", "EdDSA").build();
        PublicJwk jwk = PublicJwk.parse(decorated);
        assertEquals(RFC8037_THUMBPRINT, jwk.thumbprint());
        assertEquals(okp(RFC8037_X), jwk.toJson(), "only the key members are kept");
        assertEquals(PublicJwk.parse(okp(RFC8037_X)), jwk);
        assertEquals(PublicJwk.parse(okp(RFC8037_X)).hashCode(), jwk.hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void privateMembersAreRefusedNotStripped(String member) {
        JsonObject withPrivate = Json.createObjectBuilder(okp(RFC8037_X)).add(member, "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").build();
        assertTrue(reason(withPrivate).contains("\"" + member + "\""), "the refusal names the private member");
    }

    @Test
    void ecPrivateKeyIsRefused() {
        assertTrue(reason(Json.createObjectBuilder(ec(RFC7517_X, RFC7517_Y)).add("d", "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE").build())
                .contains("private"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11qYAYKxCrfVS+7TyWQHOg7hcvPapiMlrwIaaPcHURo", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR*", "not base64!"})
    void badBase64IsRefused(String x) {
        assertTrue(reason(okp(x)).contains("base64url"));
    }

    @Test
    void badBase64InP256YIsRefused() {
        assertTrue(reason(ec(RFC7517_X, "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM=")).contains("\"y\""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void ed25519KeyOfTheWrongSizeIsRefused(int size) {
        assertTrue(reason(okp(Base64Url.encode(new byte[size]))).contains("32 bytes"));
    }

    @Test
    void ed25519KeyThatIsNoPointOnTheCurveIsRefusedWhenParsed() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2 has no x on edwards25519
        assertTrue(reason(okp(Base64Url.encode(notAPoint))).contains("not a point"));
    }

    @Test
    void aKeyParsedAgainIsNotDecodedAgain() {
        assertSame(PublicJwk.parse(okp(RFC8037_X)), PublicJwk.parse(okp(RFC8037_X)));
        assertSame(PublicJwk.parse(ec(RFC7517_X, RFC7517_Y)), PublicJwk.parse(ec(RFC7517_X, RFC7517_Y)));
    }

    @Test
    void p256CoordinatesOfTheWrongSizeAreRefused() {
        byte[] x = Base64Url.decode(RFC7517_X);
        assertTrue(reason(ec(Base64Url.encode(Arrays.copyOf(x, 31)), RFC7517_Y)).contains("32 bytes"));
        assertTrue(reason(ec(RFC7517_X, Base64Url.encode(new byte[33]))).contains("32 bytes"));
    }

    @Test
    void unsupportedKeyTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(
                Json.createObjectBuilder().add("kty", "RSA").add("n", "0vx7agoebGcQSuu").add("e", "AQAB").build()));
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(
                Json.createObjectBuilder().add("kty", "OKP").add("crv", "X25519").add("x", RFC8037_X).build()));
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(
                Json.createObjectBuilder().add("kty", "EC").add("crv", "P-384").add("x", RFC7517_X).add("y", RFC7517_Y).build()));
    }

    @Test
    void missingOrMistypedMembersAreRefused() {
        assertTrue(reason(Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").build()).contains("\"x\""));
        assertTrue(reason(Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", 42).build()).contains("\"x\""));
        assertTrue(reason(Json.createObjectBuilder().add("crv", "Ed25519").add("x", RFC8037_X).build()).contains("\"kty\""));
        assertTrue(reason(Json.createObjectBuilder().add("kty", "EC").add("crv", "P-256").add("x", RFC7517_X).build()).contains("\"y\""));
    }

    @Test
    void onlyJsonObjectsAreJwks() {
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(Json.createArrayBuilder().add(okp(RFC8037_X)).build()));
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse(Json.createValue(RFC8037_X)));
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse((jakarta.json.JsonValue) null));
        assertThrows(IllegalArgumentException.class, () -> PublicJwk.parse("{\"kty\":"));
        assertEquals(RFC8037_THUMBPRINT, PublicJwk.parse(okp(RFC8037_X).toString()).thumbprint());
    }

    @Test
    void ed25519KeySignsWithEdDsaUnderEitherName() {
        PublicJwk jwk = PublicJwk.parse(okp(RFC8037_X));
        assertTrue(jwk.isEd25519());
        assertTrue(jwk.acceptsAlgorithm("EdDSA"));
        assertTrue(jwk.acceptsAlgorithm("Ed25519"));
        assertFalse(jwk.acceptsAlgorithm("ES256"));
        assertFalse(jwk.acceptsAlgorithm("none"));
    }

    @Test
    void p256KeyVerifiesRawEs256Signatures() throws Exception {
        KeyPair pair = p256KeyPair();
        PublicJwk jwk = PublicJwk.parse(ecJwk((ECPublicKey) pair.getPublic()));
        byte[] data = "{\"asp\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update(data);
        byte[] signature = signer.sign();

        assertFalse(jwk.isEd25519());
        assertTrue(jwk.acceptsAlgorithm("ES256"));
        assertFalse(jwk.acceptsAlgorithm("EdDSA"));
        assertTrue(jwk.verify(data, signature));
        assertFalse(jwk.verify("{\"asp\":\"1.1\"}".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(jwk.verify(data, Arrays.copyOf(signature, 63)), "raw R||S is exactly 64 bytes");
    }

    @Test
    void ed25519KeyVerifiesOnlyItsOwnSignatures() {
        byte[] seed = Ed25519.newSeed();
        PublicJwk jwk = PublicJwk.ed25519(Ed25519.publicKey(seed));
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(seed, data);
        assertTrue(jwk.verify(data, signature));
        assertFalse(PublicJwk.ed25519(Ed25519.publicKey(Ed25519.newSeed())).verify(data, signature));
        assertFalse(jwk.verify(data, Arrays.copyOf(signature, 63)));
    }

    private static KeyPair p256KeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static JsonObject ecJwk(ECPublicKey key) {
        return ec(Base64Url.encode(unsigned32(key.getW().getAffineX())), Base64Url.encode(unsigned32(key.getW().getAffineY())));
    }

    // RFC 7518 section 6.2.1.2: coordinates are the full-length (32-byte) big-endian octets.
    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
