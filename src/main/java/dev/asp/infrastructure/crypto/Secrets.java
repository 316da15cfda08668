package dev.asp.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import dev.asp.domain.shared.Digests;

/** Bearer secrets: 256 random bits with a readable prefix; stored only as SHA-256 hashes. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + Base64Url.encode(bytes);
    }

    public static String hash(String secret) {
        return Digests.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }
}
