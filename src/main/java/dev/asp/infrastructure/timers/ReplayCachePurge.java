package dev.asp.infrastructure.timers;

import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import dev.asp.infrastructure.security.JtiReplayCache;

/** Keeps the replay cache bounded: expired jtis can no longer be replayed, so they are dropped. */
@Singleton
public class ReplayCachePurge {
    private static final Logger LOG = Logger.getLogger(ReplayCachePurge.class.getName());

    @Inject
    JtiReplayCache cache;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void purge() {
        try {
            cache.evictExpired();
        } catch (RuntimeException e) {
            LOG.warning(() -> "replay cache purge failed, will retry: " + e);
        }
    }
}
