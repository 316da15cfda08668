package dev.asp.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class Base64UrlTest {

    @Test
    void nonZeroPadBitsAreRefused() {
        // "AQ" is 0x01; "AR" decodes to the same byte with a pad bit set (RFC 4648 §3.5)
        assertArrayEquals(new byte[] {1}, Base64Url.decode("AQ"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AR"));
        assertArrayEquals(new byte[] {1, 2}, Base64Url.decode("AQI"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AQJ"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AQ=="));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("A"));
    }

    @Property(tries = 300)
    void everyEncodingDecodesAndNoOtherTextOfTheSameBytesDoes(@ForAll byte[] data) {
        String text = Base64Url.encode(data);
        assertArrayEquals(data, Base64Url.decode(text));
        if (text.length() % 4 != 0) {
            char last = text.charAt(text.length() - 1);
            String altered = text.substring(0, text.length() - 1) + (char) (last == 'z' ? 'A' : last + 1);
            byte[] decoded;
            try {
                decoded = Base64Url.decode(altered);
            } catch (IllegalArgumentException refused) {
                return; // only pad bits changed: refused, as canonical decoding must
            }
            assertFalse(Arrays.equals(data, decoded), () -> altered + " decoded to the bytes of " + text);
        }
    }
}
