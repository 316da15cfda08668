package dev.asp.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IJsonTest {

    @Test
    void aDuplicateMemberAtTheTopIsRefused() {
        assertRefused("{\"performative\":\"INFORM\",\"performative\":\"QUERY\"}", "twice");
    }

    @Test
    void aDuplicateMemberDeepInsideIsRefused() {
        assertRefused("{\"body\":{\"x\":[{\"a\":1,\"b\":{\"a\":1},\"a\":2}]}}", "twice");
    }

    @Test
    void theSameNameInDifferentObjectsIsAllowed() {
        JsonObject o = IJson.object("{\"a\":{\"a\":1},\"b\":[{\"a\":2},{\"a\":3}]}");
        assertEquals(1, o.getJsonObject("a").getInt("a"));
    }

    @Test
    void anEscapedLoneSurrogateIsRefused() {
        assertRefused("{\"s\":\"\\ud800\"}", "surrogate");
        assertRefused("{\"s\":\"x\\udc00\"}", "surrogate");
        assertRefused("{\"\\ud800\":1}", "surrogate");
        assertRefused("{\"s\":\"\\ud800\\u0041\"}", "surrogate");
    }

    @Test
    void aPairedSurrogateIsKept() {
        assertEquals("\uD83D\uDE00", IJson.object("{\"s\":\"\\ud83d\\ude00\"}").getString("s"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        for (byte[] bad : new byte[][] {{'"', (byte) 0xFF, '"'}, {'"', (byte) 0xC0, (byte) 0xAF, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', (byte) 0xE9, '"'}}) {
            IJson.NotIJson e = assertThrows(IJson.NotIJson.class, () -> IJson.utf8(bad));
            assertTrue(e.getMessage().contains("UTF-8"));
        }
        assertEquals("\"é\"", IJson.utf8("\"é\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestingStopsAtSixtyFourLevels() {
        assertEquals(JsonObject.class.isInstance(IJson.object(nested(IJson.MAX_DEPTH))), true);
        assertRefused(nested(IJson.MAX_DEPTH + 1), "64");
        assertRefused(nested(4_000), "64");
        assertRefused("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", "64");
    }

    @Test
    void numbersOutsideDoubleRangeAreRefused() {
        assertRefused("{\"n\":1e400}", "double");
        assertRefused("{\"n\":-1e400}", "double");
        assertRefused("{\"n\":1e-400}", "double");
        assertRefused("{\"n\":" + "9".repeat(400) + "}", "double");
        assertEquals(1.7976931348623157e308, IJson.object("{\"n\":1.7976931348623157e308}").getJsonNumber("n").doubleValue());
        assertEquals(0, IJson.object("{\"n\":0e-999}").getJsonNumber("n").doubleValue());
        assertEquals(18446744073709551617.0, IJson.object("{\"n\":18446744073709551617}").getJsonNumber("n").doubleValue());
    }

    @Test
    void whatIsNotJsonIsRefused() {
        assertRefused("", "empty");
        assertRefused("{\"a\":1} x", "JSON");
        assertRefused("{\"a\":}", "JSON");
        assertRefused("[1]", "object");
        assertRefused("{\"a\":1}{\"a\":1}", "JSON");
    }

    @Test
    void anI_JsonObjectReadsAsTheDefaultReaderReadsIt() {
        String text = "{\"asp\":\"1.0\",\"seq\":3,\"n\":1.50,\"e\":1e3,\"t\":true,\"f\":false,\"z\":null,\"body\":{\"items\":[1,\"two\",{\"x\":[]}]}}";
        assertEquals(Jsonp.parse(text), IJson.object(text));
        assertEquals(Jsonp.parse(text).toString(), IJson.object(text).toString());
    }

    @Property(tries = 200)
    void everyDepthUpToTheLimitReadsAndNoneBeyond(@ForAll @IntRange(min = 1, max = 200) int depth) {
        if (depth <= IJson.MAX_DEPTH) {
            IJson.object(nested(depth));
        } else {
            assertThrows(IJson.NotIJson.class, () -> IJson.object(nested(depth)));
        }
    }

    /** An object {@code depth} levels deep: {"a":{"a":…{}}}. */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static void assertRefused(String text, String why) {
        IJson.NotIJson e = assertThrows(IJson.NotIJson.class, () -> IJson.object(text), text.length() > 80 ? text.substring(0, 80) : text);
        assertTrue(e.getMessage().contains(why), () -> "\"" + e.getMessage() + "\" should say " + why);
    }
}
