package dev.asp.infrastructure.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The key the service signs with now. Cached briefly: a server that has not yet seen another
 * server's rotation signs with the just-retired key, which the JWKS still publishes.
 */
@ApplicationScoped
public class ServiceKeyRing {
    private static final Duration CACHE = Duration.ofSeconds(60);

    @Inject
    ServiceKeyStore store;

    @Inject
    Clock clock;

    private volatile SigningKey current;
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKey current() {
        SigningKey k = current;
        Instant now = clock.instant();
        if (k == null || now.isAfter(loadedAt.plus(CACHE))) {
            k = store.activeOrCreate(now);
            current = k;
            loadedAt = now;
        }
        return k;
    }

    public SigningKey rotate() {
        Instant now = clock.instant();
        SigningKey k = store.rotate(now);
        current = k;
        loadedAt = now;
        return k;
    }

    /** Every key ever used, newest first, for the JWKS. */
    public List<ServiceKey> published() {
        current();
        return store.all();
    }

    /** The public key of any key the service signed with, to verify old signatures. */
    public PublicJwk publicKey(String kid) {
        SigningKey k = current;
        if (k != null && k.kid().equals(kid)) {
            return k.publicJwk();
        }
        ServiceKey stored = store.find(kid);
        return stored == null ? null : stored.publicJwk();
    }
}
