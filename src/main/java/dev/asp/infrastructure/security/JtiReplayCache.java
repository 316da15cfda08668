package dev.asp.infrastructure.security;

import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import dev.asp.domain.shared.Digests;

/**
 * RFC 9449 §11.1 replay protection for DPoP proofs and client assertions. A bounded in-memory
 * map refuses local replays cheaply; the shared table refuses replays that reach another server.
 * Entries live only until the proof could no longer be accepted anyway.
 */
@ApplicationScoped
public class JtiReplayCache {
    static final int MAX_LOCAL = 200_000;

    @Inject
    UsedJtiStore store;

    @Inject
    Clock clock;

    private final Map<String, Instant> local = new ConcurrentHashMap<>();
    private final AtomicLong lastEviction = new AtomicLong();

    /** @return true the first time {@code jti} is seen in {@code namespace} before {@code expiresAt} */
    public boolean firstUse(String namespace, String jti, Instant expiresAt) {
        return firstLocalUse(namespace, jti, expiresAt).map(this::recordShared).orElse(false);
    }

    /**
     * The local half of {@link #firstUse}: empty for a replay seen here; otherwise the claim the
     * caller must get into the shared table, with its own write ({@link JtiClaim#settle}) or by
     * {@link #recordShared}.
     */
    public Optional<JtiClaim> firstLocalUse(String namespace, String jti, Instant expiresAt) {
        String key = Digests.sha256Hex((namespace + "\u0000" + jti).getBytes(StandardCharsets.UTF_8));
        if (local.putIfAbsent(key, expiresAt) != null) {
            return Optional.empty();
        }
        if (local.size() > MAX_LOCAL) {
            evictLocal();
        }
        return Optional.of(new JtiClaim(key, expiresAt));
    }

    /** @return false when another server recorded the same jti first (a replay) */
    public boolean recordShared(JtiClaim claim) {
        if (!claim.settle()) {
            return true;
        }
        try {
            return store.record(claim.hash(), claim.expiresAt());
        } catch (PersistenceException e) {
            if (UsedJtiStore.isDuplicateKey(e)) {
                return false; // another server recorded it in the same instant
            }
            local.remove(claim.hash());
            throw e;
        }
    }

    /** Drops expired entries here and in the shared table; run periodically. */
    public void evictExpired() {
        dropExpiredLocal(clock.instant());
        store.purgeExpired(clock.instant());
    }

    // Over the bound: at most one scan per second (a full map is scanned, not each request).
    private void evictLocal() {
        long now = System.nanoTime();
        long last = lastEviction.get();
        if (now - last > 1_000_000_000L && lastEviction.compareAndSet(last, now)) {
            dropExpiredLocal(clock.instant());
        }
    }

    private void dropExpiredLocal(Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = local.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            }
        }
    }
}
