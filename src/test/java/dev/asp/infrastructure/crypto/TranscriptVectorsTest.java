package dev.asp.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.asp.domain.shared.Canonical;
import dev.asp.domain.shared.Digests;
import dev.asp.vectors.ContractVectors;

/**
 * Spec 4.1 against the vectors/transcript.json copied from the contract: canonical form (RFC 8785), hash, Ed25519
 * signature, kid (RFC 7638) and the prevHash chain, and a tampered message caught.
 */
class TranscriptVectorsTest {
    private static final JsonObject VECTORS = ContractVectors.load("transcript.json");

    static Stream<Integer> messages() {
        return IntStream.range(0, VECTORS.getJsonArray("messages").size()).boxed();
    }

    private static JsonObject message(int index) {
        return VECTORS.getJsonArray("messages").getJsonObject(index);
    }

    private static JsonObject envelope(int index) {
        return message(index).getJsonObject("envelope");
    }

    private static JsonObject key(String agent) {
        return VECTORS.getJsonObject("keys").getJsonObject(agent);
    }

    /** The bytes hash and signature cover: the envelope without {@code hash} and {@code signature}. */
    private static byte[] signedBytes(JsonObject envelope) {
        JsonObject unsigned = Json.createObjectBuilder(envelope).remove("hash").remove("signature").build();
        return Canonical.bytes(unsigned.toString());
    }

    private static boolean signatureVerifies(JsonObject envelope) {
        byte[] x = Base64Url.decode(key(envelope.getString("sender")).getJsonObject("jwk").getString("x"));
        return Ed25519.verify(x, signedBytes(envelope), Base64Url.decode(envelope.getString("signature")));
    }

    /** What a transcript verifier reports: the first seq whose hash, link or signature is broken. */
    private static Optional<Integer> firstBrokenSeq(List<JsonObject> transcript) {
        String previousHash = null;
        for (JsonObject envelope : transcript) {
            String recomputed = Digests.sha256Hex(signedBytes(envelope));
            JsonValue prev = envelope.get("prevHash");
            boolean linked = previousHash == null ? prev == JsonValue.NULL
                    : prev.getValueType() == JsonValue.ValueType.STRING && envelope.getString("prevHash").equals(previousHash);
            if (!recomputed.equals(envelope.getString("hash")) || !linked || !signatureVerifies(envelope)) {
                return Optional.of(envelope.getInt("seq"));
            }
            previousHash = recomputed;
        }
        return Optional.empty();
    }

    private static List<JsonObject> transcript() {
        List<JsonObject> all = new ArrayList<>();
        messages().forEach(i -> all.add(envelope(i)));
        return all;
    }

    @ParameterizedTest(name = "message {0}")
    @MethodSource("messages")
    void canonicalFormIsRfc8785OfTheEnvelopeWithoutHashAndSignature(int index) {
        assertEquals(message(index).getString("canonical"), new String(signedBytes(envelope(index)), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "message {0}")
    @MethodSource("messages")
    void canonicalFormIsIndependentOfMemberOrder(int index) {
        JsonObject unsigned = Json.createObjectBuilder(envelope(index)).remove("hash").remove("signature").build();
        var reversed = Json.createObjectBuilder();
        List<String> names = new ArrayList<>(unsigned.keySet());
        Collections.reverse(names);
        names.forEach(k -> reversed.add(k, unsigned.get(k)));
        assertEquals(message(index).getString("canonical"), Canonical.string(reversed.build().toString()));
    }

    @ParameterizedTest(name = "message {0}")
    @MethodSource("messages")
    void hashIsLowercaseHexSha256OfTheCanonicalBytes(int index) {
        String hash = Digests.sha256Hex(message(index).getString("canonical").getBytes(StandardCharsets.UTF_8));
        assertEquals(envelope(index).getString("hash"), hash);
        assertTrue(hash.matches("[0-9a-f]{64}"));
    }

    @ParameterizedTest(name = "message {0}")
    @MethodSource("messages")
    void signatureIsReproducedFromTheSenderSeedAndVerifiesWithItsJwk(int index) {
        JsonObject envelope = envelope(index);
        JsonObject sender = key(envelope.getString("sender"));
        byte[] seed = Digests.fromHex(sender.getString("privateKeySeedHex"));
        byte[] canonical = message(index).getString("canonical").getBytes(StandardCharsets.UTF_8);

        byte[] signature = Ed25519.sign(seed, canonical);
        assertEquals(envelope.getString("signature"), Base64Url.encode(signature), "Ed25519 is deterministic (RFC 8032)");

        byte[] x = Base64Url.decode(sender.getJsonObject("jwk").getString("x"));
        assertArrayEquals(x, Ed25519.publicKey(seed));
        assertTrue(Ed25519.verify(x, canonical, Base64Url.decode(envelope.getString("signature"))));
        assertTrue(PublicJwk.parse(sender.getJsonObject("jwk")).verify(canonical, signature));
    }

    @ParameterizedTest(name = "message {0}")
    @MethodSource("messages")
    void signatureDoesNotVerifyWithTheOtherPartysKey(int index) {
        JsonObject envelope = envelope(index);
        String other = VECTORS.getJsonObject("keys").keySet().stream()
                .filter(k -> !k.equals(envelope.getString("sender"))).findFirst().orElseThrow();
        byte[] otherX = Base64Url.decode(key(other).getJsonObject("jwk").getString("x"));
        assertFalse(Ed25519.verify(otherX, signedBytes(envelope), Base64Url.decode(envelope.getString("signature"))));
    }

    @Test
    void kidIsTheRfc7638ThumbprintOfEachKey() {
        for (String agent : VECTORS.getJsonObject("keys").keySet()) {
            JsonObject k = key(agent);
            assertEquals(k.getString("kid"), PublicJwk.parse(k.getJsonObject("jwk")).thumbprint(), agent);
            byte[] seed = Digests.fromHex(k.getString("privateKeySeedHex"));
            assertEquals(k.getString("kid"), PublicJwk.ed25519(Ed25519.publicKey(seed)).thumbprint(), agent);
        }
    }

    @Test
    void prevHashChainsEveryMessageToTheOneBefore() {
        List<JsonObject> transcript = transcript();
        assertEquals(JsonValue.NULL, transcript.get(0).get("prevHash"), "seq 1 has prevHash null");
        for (int i = 0; i < transcript.size(); i++) {
            assertEquals(i + 1, transcript.get(i).getInt("seq"), "seq starts at 1 and grows by one");
            if (i > 0) {
                assertEquals(transcript.get(i - 1).getString("hash"), transcript.get(i).getString("prevHash"));
            }
        }
        assertEquals(Optional.empty(), firstBrokenSeq(transcript));
    }

    @Test
    void tamperedMessageBreaksItsHashItsSignatureAndTheNextLink() {
        JsonObject tampered = VECTORS.getJsonObject("tampered");
        int seq = tampered.getInt("seq");
        String pointer = "/" + tampered.getString("field").replace('.', '/');

        List<JsonObject> transcript = transcript();
        JsonObject original = transcript.get(seq - 1);
        JsonObject changed = Json.createPointer(pointer).replace(original, Json.createValue(tampered.getString("value")));
        assertNotEquals(original, changed, "the described change must apply to the vector");
        transcript.set(seq - 1, changed);

        String recomputed = Digests.sha256Hex(signedBytes(changed));
        assertNotEquals(changed.getString("hash"), recomputed, "the stored hash no longer matches");
        assertFalse(signatureVerifies(changed), "the sender's signature no longer verifies");
        assertNotEquals(transcript.get(seq).getString("prevHash"), recomputed, "the next message no longer links");
        assertEquals(Optional.of(seq), firstBrokenSeq(transcript), "verification reports the tampered seq first");
    }
}
