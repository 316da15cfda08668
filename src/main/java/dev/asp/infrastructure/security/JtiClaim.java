package dev.asp.infrastructure.security;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A proof's jti that this server has seen once and that still has to reach the table shared by
 * all servers. A message send records it in the transaction that stores the message (one write
 * instead of two); whatever else happens to the request, it is recorded before the answer.
 */
public final class JtiClaim {
    private final String hash;
    private final Instant expiresAt;
    private final AtomicBoolean settled = new AtomicBoolean();

    /** @param hash the jti's SHA-256 within its namespace, the shared table's key */
    public JtiClaim(String hash, Instant expiresAt) {
        this.hash = hash;
        this.expiresAt = expiresAt;
    }

    public String hash() {
        return hash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return true for the one caller that takes over recording it */
    public boolean settle() {
        return settled.compareAndSet(false, true);
    }
}
