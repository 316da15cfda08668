package dev.asp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.erdtman.jcs.JsonCanonicalizer;

/** The client-side primitives of spec 2 and 4.1: Ed25519, SHA-256, base64url, RFC 8785. */
final class Crypto {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Crypto() {
    }

    static byte[] newSeed() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return seed;
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    static String sha256Hex(byte[] data) {
        byte[] d = sha256(data);
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    static String sha256B64(String ascii) {
        return b64(sha256(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    /** RFC 8785 canonical UTF-8 bytes of a JSON text (the same library the service uses). */
    static byte[] canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String newJti() {
        byte[] b = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return b64(b);
    }

    /** A JSON string literal (the generator's strings are ASCII, but escape properly anyway). */
    static String str(String s) {
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
}
