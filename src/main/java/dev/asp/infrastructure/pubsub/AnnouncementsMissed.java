package dev.asp.infrastructure.pubsub;

/**
 * Fired when this server may have missed what the others announced (its listener reconnected, or
 * has just started and was perhaps not seen yet): whoever acts on announcements reads the state
 * again instead.
 */
public record AnnouncementsMissed() {
}
