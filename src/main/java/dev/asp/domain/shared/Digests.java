package dev.asp.domain.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 and its two textual forms used on the wire (lowercase hex, base64url): part of the message format (spec 4.1). */
public final class Digests {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 7515 §2 base64url without padding (the JDK's; infrastructure.crypto.Base64Url also decodes strictly). */
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Digests() {
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    public static String sha256Base64Url(byte[] data) {
        return BASE64URL.encodeToString(sha256(data));
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
