package dev.asp.infrastructure.pubsub;

/**
 * Where a session this server may hold in memory is forgotten when another server appended to it
 * ({@link PgListener}); the application's session cache implements it, so pubsub needs nothing of
 * the application.
 */
public interface SessionEviction {
    void evict(String sessionId);
}
