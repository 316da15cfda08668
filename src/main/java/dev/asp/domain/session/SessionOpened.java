package dev.asp.domain.session;

import java.time.Instant;

/**
 * A session was stored (its INVITE accepted) and ends by {@code expiresAt} at the latest (spec 4.2
 * maxDuration). Published inside the transaction that stores it, so what it starts (the timeout's
 * persistent timer) commits or rolls back with the session.
 */
public record SessionOpened(String sessionId, Instant expiresAt) {
}
