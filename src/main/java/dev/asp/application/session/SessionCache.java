package dev.asp.application.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.asp.infrastructure.persistence.session.TranscriptStore;
import dev.asp.infrastructure.pubsub.SessionEviction;

/**
 * The sessions this server worked on recently, as of their last committed append, so a message
 * is checked without reading and parsing the session first. Only a hint: every append is still a
 * compare-and-set on the stored head, so an entry made stale by another server costs one refused
 * write and a reload, never a wrong transcript. Other servers' appends also evict entries as
 * their notifications arrive.
 */
@ApplicationScoped
public class SessionCache implements SessionEviction {
    static final int MAX_SESSIONS = 50_000;

    private final Cache<String, TranscriptStore.Loaded> sessions = Caffeine.newBuilder()
            .maximumSize(MAX_SESSIONS)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public Optional<TranscriptStore.Loaded> get(String sessionId) {
        return Optional.ofNullable(sessions.getIfPresent(sessionId));
    }

    /** Keeps the furthest head seen: appends committing out of order never move an entry back. */
    public void put(TranscriptStore.Loaded loaded) {
        sessions.asMap().merge(loaded.negotiation().sessionId(), loaded, (old, fresh) -> fresh.headSeq() >= old.headSeq() ? fresh : old);
    }

    @Override
    public void evict(String sessionId) {
        sessions.invalidate(sessionId);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranscriptAppended appended) {
        put(new TranscriptStore.Loaded(appended.session(), appended.session().head().seq()));
    }
}
