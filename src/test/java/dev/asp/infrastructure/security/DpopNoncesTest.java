package dev.asp.infrastructure.security;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DpopNoncesTest {

    private static DpopNonces nonces(boolean required, String secret, Instant at) {
        DpopNonces n = new DpopNonces();
        n.required = required;
        n.secret = Optional.ofNullable(secret);
        n.clock = Clock.fixed(at, ZoneOffset.UTC);
        n.init();
        return n;
    }

    @Test
    void notRequiredAcceptsProofsWithoutNonce() {
        assertDoesNotThrow(() -> nonces(false, null, Instant.now()).check(null));
    }

    @Test
    void requiredRefusesAMissingOrForeignNonceWithUseDpopNonce() {
        DpopNonces n = nonces(true, "shared-secret", Instant.parse("2026-12-02T10:00:00Z"));
        DpopException missing = assertThrows(DpopException.class, () -> n.check(null));
        assertEquals("use_dpop_nonce", missing.error());
        assertThrows(DpopException.class, () -> n.check("123.forged"));
        assertDoesNotThrow(() -> n.check(n.current()));
    }

    @Test
    void serversSharingTheSecretAcceptEachOthersNoncesForTwoSlots() {
        Instant t = Instant.parse("2026-12-02T10:00:00Z");
        String issued = nonces(true, "shared-secret", t).current();
        assertDoesNotThrow(() -> nonces(true, "shared-secret", t.plusSeconds(300)).check(issued), "the previous 5-minute slot is still valid");
        assertThrows(DpopException.class, () -> nonces(true, "shared-secret", t.plusSeconds(600)).check(issued), "two slots later it has expired");
        assertThrows(DpopException.class, () -> nonces(true, "another-secret", t).check(issued));
    }
}
