package dev.asp.domain.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JCS) canonical bytes of a JSON text: what hashes and signatures cover. */
public final class Canonical {
    private Canonical() {
    }

    public static byte[] bytes(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static String string(String json) {
        return new String(bytes(json), StandardCharsets.UTF_8);
    }
}
