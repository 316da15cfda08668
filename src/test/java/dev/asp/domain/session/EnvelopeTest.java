package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.vectors.ContractVectors;

class EnvelopeTest {

    static JsonObject vectors() throws IOException {
        return ContractVectors.load("transcript.json");
    }

    static List<JsonObject> vectorMessages() throws IOException {
        return vectors().getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private static JsonObject valid() throws IOException {
        return vectorMessages().get(1).getJsonObject("envelope");
    }

    private static JsonObject with(JsonObject o, String name, JsonValue value) {
        return Json.createObjectBuilder(o).add(name, value).build();
    }

    private static JsonObject without(JsonObject o, String name) {
        return Json.createObjectBuilder(o).remove(name).build();
    }

    private static void refused(ProblemCode code, JsonObject envelope) {
        DomainException e = assertThrows(DomainException.class, () -> Envelope.parse(envelope));
        assertEquals(code, e.code(), e.getMessage());
    }

    /**
     * Issue 27.1: what the transcript store receives is an Envelope, and no Envelope can be made from a
     * text with a duplicate member, a lone surrogate, excess depth or an out-of-range number: the
     * text is refused while it is read, before its hash or signature is computed.
     */
    @Test
    void noEnvelopeIsMadeFromTextThatIsNotIJson() throws IOException {
        String text = valid().toString();
        assertEquals(valid(), Envelope.parse(text).json());
        for (String hostile : List.of(
                "{\"performative\":\"INFORM\"," + text.substring(1),
                "{\"body\":{}," + text.substring(1),
                text.replace("\"body\":{", "\"body\":{\"a\":1,\"a\":2,"),
                text.replace("\"body\":{", "\"body\":{\"s\":\"\\ud800\","),
                text.replace("\"body\":{", "\"body\":{\"n\":1e400,"),
                text.replace("\"body\":{", "\"body\":{\"d\":" + "[".repeat(70) + "]".repeat(70) + ","))) {
            assertNotEquals(text, hostile);
            DomainException e = assertThrows(DomainException.class, () -> Envelope.parse(hostile), hostile);
            assertEquals(ProblemCode.MALFORMED, e.code(), e.getMessage());
        }
    }

    @Test
    void theSizeLimitCountsUtf8Bytes() {
        assertTrue(Envelope.fits("x".repeat(100), 100));
        assertTrue(!Envelope.fits("x".repeat(101), 100));
        assertTrue(Envelope.fits("\u20ac".repeat(33), 100), "33 three-byte characters: 99 bytes");
        assertTrue(!Envelope.fits("\u20ac".repeat(34), 100), "34 of them: 102 bytes");
        assertTrue(!Envelope.fits("\uD83D\uDE00".repeat(13), 50), "a surrogate pair is 4 bytes: 52");
        DomainException e = assertThrows(DomainException.class, () -> Envelope.requireFits("x".repeat(101), 100));
        assertEquals(ProblemCode.PAYLOAD_TOO_LARGE, e.code());
    }

    @Test
    void everyVectorCanonicalizesAndHashesAsPublished() throws IOException {
        List<JsonObject> messages = vectorMessages();
        assertTrue(messages.size() >= 5);
        for (JsonObject m : messages) {
            Envelope e = Envelope.parse(m.getJsonObject("envelope"));
            assertEquals(m.getString("canonical"), new String(e.signingBytes(), StandardCharsets.UTF_8), e.toString());
            assertEquals(e.hash(), e.computedHash(), e.toString());
        }
    }

    @Test
    void eachVectorLinksToTheHashBeforeIt() throws IOException {
        List<JsonObject> messages = vectorMessages();
        for (int i = 1; i < messages.size(); i++) {
            Envelope previous = Envelope.parse(messages.get(i - 1).getJsonObject("envelope"));
            Envelope e = Envelope.parse(messages.get(i).getJsonObject("envelope"));
            assertEquals(previous.computedHash(), e.prevHash().orElseThrow());
            assertEquals(previous.seq() + 1, e.seq());
        }
    }

    @Test
    void tamperedVectorNoLongerMatchesItsHash() throws IOException {
        JsonObject tampered = vectors().getJsonObject("tampered");
        JsonObject original = vectorMessages().get(tampered.getInt("seq") - 1).getJsonObject("envelope");
        JsonObject body = original.getJsonObject("body");
        JsonObject terms = with(body.getJsonObject("terms"), "total", Json.createValue(tampered.getString("value")));
        Envelope e = Envelope.parse(with(original, "body", with(body, "terms", terms)));
        assertNotEquals(e.hash(), e.computedHash());
    }

    @Test
    void keepsTheObjectExactlyAsReceived() throws IOException {
        JsonObject json = valid();
        Envelope e = Envelope.parse(json);
        assertSame(json, e.json());
        assertEquals("agt_supplier01", e.sender());
        assertEquals(Performative.ACCEPT, e.performative());
        assertEquals(1, e.replyTo().getAsLong());
        assertEquals(2, e.seq());
        assertEquals(List.of(), e.to());
        assertEquals("joining", e.body().getString("note"));
    }

    @Test
    void sealAddsTheHashOfTheCanonicalBytesAndTheSignature() throws IOException {
        JsonObject unsigned = without(without(valid(), "hash"), "signature");
        Envelope sealed = Envelope.seal(unsigned, bytes -> "sig-" + bytes.length);
        assertEquals(valid().getString("hash"), sealed.hash());
        assertEquals("sig-" + sealed.signingBytes().length, sealed.signature());
        assertArrayEquals(Envelope.parse(valid()).signingBytes(), sealed.signingBytes());
    }

    @Test
    void missingRequiredMemberIsMalformed() throws IOException {
        for (String member : List.of("asp", "id", "sessionId", "seq", "prevHash", "sender", "performative", "body",
                "sentAt", "hash", "signature")) {
            refused(ProblemCode.MALFORMED, without(valid(), member));
        }
    }

    @Test
    void wrongTypesAreMalformed() throws IOException {
        refused(ProblemCode.MALFORMED, with(valid(), "seq", Json.createValue("2")));
        refused(ProblemCode.MALFORMED, with(valid(), "seq", Json.createValue(2.5)));
        refused(ProblemCode.MALFORMED, with(valid(), "replyTo", Json.createValue("1")));
        refused(ProblemCode.MALFORMED, with(valid(), "performative", Json.createValue(3)));
        refused(ProblemCode.MALFORMED, with(valid(), "body", Json.createValue("{}")));
        refused(ProblemCode.MALFORMED, with(valid(), "to", Json.createValue("agt_procurement01")));
        refused(ProblemCode.MALFORMED, with(valid(), "to", Json.createArrayBuilder().add(7).build()));
        refused(ProblemCode.MALFORMED, with(valid(), "hash", Json.createValue(1)));
    }

    @Test
    void malformedValuesAreMalformed() throws IOException {
        refused(ProblemCode.MALFORMED, with(valid(), "asp", Json.createValue("2.0")));
        refused(ProblemCode.MALFORMED, with(valid(), "id", Json.createValue("m1")));
        refused(ProblemCode.MALFORMED, with(valid(), "seq", Json.createValue(0)));
        refused(ProblemCode.MALFORMED, with(valid(), "prevHash", Json.createValue("ABC")));
        refused(ProblemCode.MALFORMED, with(valid(), "prevHash", JsonValue.NULL));
        refused(ProblemCode.MALFORMED, with(valid(), "sentAt", Json.createValue("15 March 2026")));
        refused(ProblemCode.MALFORMED, with(valid(), "sender", Json.createValue("bob")));
        refused(ProblemCode.MALFORMED, with(valid(), "to", Json.createArrayBuilder().add("seller").build()));
        refused(ProblemCode.MALFORMED, with(valid(), "extra", JsonValue.TRUE));
    }

    @Test
    void unknownPerformativeIsAProtocolViolation() throws IOException {
        refused(ProblemCode.PROTOCOL_VIOLATION, with(valid(), "performative", Json.createValue("HAGGLE")));
        refused(ProblemCode.PROTOCOL_VIOLATION, with(valid(), "performative", Json.createValue("accept")));
    }

    @Test
    void rolesAndAgentsMayBeAddressed() throws IOException {
        Envelope e = Envelope.parse(with(valid(), "to", Json.createArrayBuilder().add("role:buyer").add("agt_x1").build()));
        assertEquals(List.of("role:buyer", "agt_x1"), e.to());
    }

    @Test
    void parsesText() throws IOException {
        assertEquals(Envelope.parse(valid()), Envelope.parse(valid().toString()));
        refused(ProblemCode.MALFORMED, json("{}"));
        assertEquals(ProblemCode.MALFORMED, assertThrows(DomainException.class, () -> Envelope.parse("[1]")).code());
    }
}
