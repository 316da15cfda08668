package dev.asp.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/** A bundle built here from first principles (not by the server) verifies, and each kind of tampering is named. */
class SessionExportTest {
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    private final Ed25519PrivateKeyParameters agent = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final Ed25519PrivateKeyParameters service = new Ed25519PrivateKeyParameters(new SecureRandom());

    @Test
    void aWellFormedExportVerifies() throws Exception {
        SessionExport.Verified v = verifier(jwks(service)).verify(export(bundle(2, null)), "x.jws");
        assertEquals(2, v.headSeq());
    }

    @Test
    void aChangedPayloadByteBreaksTheJws() {
        String jws = export(bundle(2, null));
        String[] p = jws.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(p[1]);
        payload[payload.length / 2] ^= 1;
        String tampered = p[0] + "." + B64U.encodeToString(payload) + "." + p[2];
        Failure f = assertThrows(Failure.class, () -> verifier(jwks(service)).verify(tampered, "x.jws"));
        assertTrue(f.getMessage().contains("signature"), f.getMessage());
    }

    @Test
    void aRemovedEnvelopeIsNamedWithItsSeq() {
        Failure f = assertThrows(Failure.class, () -> verifier(jwks(service)).verify(export(bundle(3, 2)), "x.jws"));
        assertEquals(2L, f.seq());
    }

    @Test
    void anotherServicesJwksFails() {
        Failure f = assertThrows(Failure.class,
                () -> verifier(jwks(new Ed25519PrivateKeyParameters(new SecureRandom()))).verify(export(bundle(2, null)), "x.jws"));
        assertTrue(f.getMessage().contains("does not publish"), f.getMessage());
    }

    @Test
    void theCommandLineExitsNonZeroOnFailure() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("asp-verify");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("e.jws"), export(bundle(3, 2)));
        java.nio.file.Path keys = java.nio.file.Files.writeString(dir.resolve("jwks.json"), jwks(service));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AspVerify.run(new String[] {file.toString(), "--jwks", keys.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(1, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAIL  seq 2"), out.toString(StandardCharsets.UTF_8));
    }

    private SessionExport verifier(String jwks) throws Failure {
        return new SessionExport(new Jwks(jwks), new Report(new PrintStream(new ByteArrayOutputStream())));
    }

    /** {@code count} chained envelopes by one agent; {@code skip}, if not null, leaves that seq out. */
    private JsonObject bundle(int count, Integer skip) {
        JsonObject jwk = Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519")
                .add("x", B64U.encodeToString(agent.generatePublicKey().getEncoded())).build();
        String kid = PublicKeys.thumbprint(jwk);
        JsonArrayBuilder envelopes = Json.createArrayBuilder();
        String prev = null;
        for (int seq = 1; seq <= count; seq++) {
            JsonObjectBuilder e = Json.createObjectBuilder().add("asp", "1.0").add("id", "msg_" + seq).add("sessionId", "ses_1").add("seq", seq)
                    .add("sender", "agt_a").add("performative", seq == 1 ? "INVITE" : "INFORM").add("body", Json.createObjectBuilder().add("n", 2.50))
                    .add("sentAt", "2026-12-08T00:00:00Z");
            if (prev == null) {
                e.addNull("prevHash");
            } else {
                e.add("prevHash", prev);
            }
            JsonObject unsigned = e.build();
            byte[] canonical = assertDoesNotFail(unsigned);
            prev = HexFormat.of().formatHex(PublicKeys.sha256(canonical));
            JsonObject signed = Json.createObjectBuilder(unsigned).add("hash", prev).add("signature", B64U.encodeToString(sign(agent, canonical)))
                    .build();
            if (skip == null || skip != seq) {
                envelopes.add(Json.createObjectBuilder().add("envelope", signed).add("kid", kid).add("jwk", jwk));
            }
        }
        JsonObject session = Json.createObjectBuilder().add("id", "ses_1")
                .add("head", Json.createObjectBuilder().add("seq", count).add("hash", prev)).build();
        return Json.createObjectBuilder().add("session", session).add("envelopes", envelopes).add("commitments", Json.createArrayBuilder())
                .add("disputes", Json.createArrayBuilder()).add("trustEvents", Json.createArrayBuilder())
                .add("ledgerEntries", Json.createArrayBuilder()).addNull("seal").add("exportedAt", "2026-12-08T00:00:01Z").build();
    }

    private static byte[] assertDoesNotFail(JsonObject envelope) {
        try {
            return SessionExport.canonical(envelope);
        } catch (Failure f) {
            throw new AssertionError(f);
        }
    }

    private String export(JsonObject bundle) {
        String header = B64U.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + serviceKid(service) + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = B64U.encodeToString(bundle.toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + B64U.encodeToString(sign(service, (header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String jwks(Ed25519PrivateKeyParameters key) {
        return Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder(publicJwk(key))
                .add("kid", serviceKid(key)))).build().toString();
    }

    private static JsonObject publicJwk(Ed25519PrivateKeyParameters key) {
        return Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", B64U.encodeToString(key.generatePublicKey().getEncoded()))
                .build();
    }

    private static String serviceKid(Ed25519PrivateKeyParameters key) {
        return PublicKeys.thumbprint(publicJwk(key));
    }

    private static byte[] sign(Ed25519PrivateKeyParameters key, byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }
}
