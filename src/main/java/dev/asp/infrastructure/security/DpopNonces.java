package dev.asp.infrastructure.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.infrastructure.crypto.Secrets;

/**
 * Server-issued DPoP nonces (RFC 9449 §8, §9), off unless {@code ASP_DPOP_NONCE_REQUIRED=true}.
 * Stateless: a nonce is a time slot and its HMAC, so any server sharing {@code ASP_DPOP_NONCE_SECRET}
 * accepts it; the current and previous 5-minute slots are valid.
 */
@ApplicationScoped
public class DpopNonces {
    private static final long SLOT_SECONDS = 300;

    @Inject
    @ConfigProperty(name = "ASP_DPOP_NONCE_REQUIRED", defaultValue = "false")
    boolean required;

    @Inject
    @ConfigProperty(name = "ASP_DPOP_NONCE_SECRET")
    Optional<String> secret;

    @Inject
    Clock clock;

    private byte[] key;

    @PostConstruct
    void init() {
        key = secret.filter(s -> !s.isBlank()).orElseGet(() -> Secrets.newSecret("nonce")).getBytes(StandardCharsets.UTF_8);
    }

    public boolean required() {
        return required;
    }

    public String current() {
        return forSlot(clock.instant().getEpochSecond() / SLOT_SECONDS);
    }

    void check(String presented) {
        if (!required) {
            return;
        }
        long slot = clock.instant().getEpochSecond() / SLOT_SECONDS;
        if (presented == null || !(equal(presented, forSlot(slot)) || equal(presented, forSlot(slot - 1)))) {
            throw new DpopException("use_dpop_nonce", "the proof must carry the server's current nonce (DPoP-Nonce header)");
        }
    }

    private String forSlot(long slot) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(Long.toString(slot).getBytes(StandardCharsets.US_ASCII));
            return slot + "." + Base64Url.encode(java.util.Arrays.copyOf(tag, 16));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
