package dev.asp.infrastructure.crypto;

import java.util.Base64;

/** base64url without padding (RFC 7515 §2), the encoding of every key and signature on the wire. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * Decodes canonical base64url only: no padding, and the bits after the last whole byte are zero
     * (RFC 4648 §3.5), so one value has one text and a transcript is checkable by a strict verifier.
     *
     * @throws IllegalArgumentException when the text is not base64url, carries padding or non-zero pad bits
     */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not unpadded base64url");
        }
        byte[] data = DECODER.decode(text);
        int tail = text.length() % 4;
        // 2 trailing characters carry 12 bits for 1 byte (4 pad bits), 3 carry 18 for 2 (2 pad bits)
        if (tail != 0 && (sextet(text.charAt(text.length() - 1)) & (tail == 2 ? 0x0f : 0x03)) != 0) {
            throw new IllegalArgumentException("not canonical base64url: the pad bits are not zero (RFC 4648 §3.5)");
        }
        return data;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
