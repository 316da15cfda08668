package dev.asp.client;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.erdtman.jcs.JsonCanonicalizer;

/** The encodings of spec 2 and 4.1: base64url without padding, SHA-256 (hex and base64url), RFC 8785, JSON text. */
public final class Codec {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Codec() {
    }

    /** base64url without padding (RFC 4648 §5, the form spec 10 requires). */
    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] unb64(String text) {
        return B64D.decode(text);
    }

    public static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    /** Lowercase hex SHA-256: the envelope hash of spec 4.1. */
    public static String sha256Hex(byte[] data) {
        byte[] d = sha256(data);
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    /** base64url SHA-256 of an ASCII string: a DPoP proof's {@code ath} (RFC 9449 §4.2). */
    public static String sha256B64(String ascii) {
        return b64(sha256(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The RFC 8785 canonical UTF-8 bytes of a JSON text, by the library the service uses. */
    public static byte[] canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A unique, unpredictable-enough identifier for {@code jti}s and ids (not a secret). */
    public static String newJti() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b64(b);
    }

    /** A new id with the spec's type prefix ({@code msg_}, {@code ses_}): 32 hex digits. */
    public static String newId(String prefix) {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        StringBuilder s = new StringBuilder(prefix);
        for (byte x : b) {
            s.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
        }
        return s.toString();
    }

    /** A JSON string literal. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Parses a JSON object text; {@link IllegalArgumentException} if it is none. */
    public static JsonObject object(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object: " + abbreviate(text), e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
