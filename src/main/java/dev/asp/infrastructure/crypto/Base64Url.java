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

    /** @throws IllegalArgumentException when the text is not base64url or carries padding */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not unpadded base64url");
        }
        return DECODER.decode(text);
    }
}
