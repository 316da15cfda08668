package dev.asp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The SDK's signing and verification against the shared vectors (the repository's copy of transcript.json). */
class EnvelopeVectorsTest {
    static final JsonObject VECTORS = load();

    static JsonObject load() {
        try (InputStream in = EnvelopeVectorsTest.class.getResourceAsStream("/vectors/transcript.json")) {
            return Codec.object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AgentKey key(String agent) {
        return AgentKey.fromSeed(HexFormat.of().parseHex(VECTORS.getJsonObject("keys").getJsonObject(agent).getString("privateKeySeedHex")));
    }

    static List<JsonObject> envelopes() {
        return VECTORS.getJsonArray("messages").stream().map(m -> m.asJsonObject().getJsonObject("envelope")).toList();
    }

    @Test
    void keysHaveTheVectorsJwkAndThumbprint() {
        for (String agent : VECTORS.getJsonObject("keys").keySet()) {
            JsonObject expected = VECTORS.getJsonObject("keys").getJsonObject(agent);
            AgentKey k = key(agent);
            assertEquals(expected.getJsonObject("jwk"), k.publicJwk());
            assertEquals(expected.getString("kid"), k.kid());
            assertEquals(expected.getString("kid"), AgentKey.thumbprint(expected.getJsonObject("jwk")));
        }
    }

    @Test
    void sealingTheUnsignedEnvelopeGivesTheVectorsCanonicalFormHashAndSignature() {
        for (var m : VECTORS.getJsonArray("messages")) {
            JsonObject vector = m.asJsonObject();
            JsonObject envelope = vector.getJsonObject("envelope");
            JsonObject unsigned = Json.createObjectBuilder(envelope).remove("hash").remove("signature").build();
            assertEquals(vector.getString("canonical"), new String(Envelopes.canonical(unsigned), StandardCharsets.UTF_8));
            JsonObject sealed = Envelopes.seal(unsigned, key(envelope.getString("sender")));
            assertEquals(envelope.getString("hash"), sealed.getString("hash"), "hash of seq " + envelope.getInt("seq"));
            assertEquals(envelope.getString("signature"), sealed.getString("signature"), "signature of seq " + envelope.getInt("seq"));
            String[] text = Envelopes.sealText(unsigned.toString(), key(envelope.getString("sender")));
            assertEquals(envelope.getString("hash"), text[0]);
            assertEquals(sealed, Codec.object(text[1]));
        }
    }

    @Test
    void theVectorTranscriptVerifiesLocally() {
        TranscriptVerifier.Result r = verifier().verify(envelopes());
        assertTrue(r.valid(), () -> r.toString());
        assertEquals(envelopes().size(), r.messages());
        assertEquals(envelopes().get(envelopes().size() - 1).getString("hash"), r.head());
    }

    @Test
    void theTamperedMessageIsTheFirstBrokenLink() {
        JsonObject tampered = VECTORS.getJsonObject("tampered");
        int seq = tampered.getInt("seq");
        List<JsonObject> messages = new java.util.ArrayList<>(envelopes());
        JsonObject e = messages.get(seq - 1);
        JsonObject terms = Json.createObjectBuilder(e.getJsonObject("body").getJsonObject("terms")).add("total", tampered.getString("value")).build();
        messages.set(seq - 1, Json.createObjectBuilder(e).add("body", Json.createObjectBuilder(e.getJsonObject("body")).add("terms", terms)).build());
        TranscriptVerifier.Result r = verifier().verify(messages);
        assertFalse(r.valid());
        assertEquals(seq, r.brokenSeq());
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        List<JsonObject> messages = new java.util.ArrayList<>(envelopes());
        JsonObject first = messages.get(0);
        JsonObject unsigned = Json.createObjectBuilder(first).remove("hash").remove("signature").build();
        messages.set(0, Envelopes.seal(unsigned, AgentKey.generate()));
        TranscriptVerifier.Result r = verifier().verify(messages);
        assertFalse(r.valid());
        assertEquals(1L, r.brokenSeq());
    }

    private static TranscriptVerifier verifier() {
        TranscriptVerifier v = new TranscriptVerifier();
        for (String agent : VECTORS.getJsonObject("keys").keySet()) {
            v.key(agent, VECTORS.getJsonObject("keys").getJsonObject(agent).getJsonObject("jwk"));
        }
        return v;
    }
}
