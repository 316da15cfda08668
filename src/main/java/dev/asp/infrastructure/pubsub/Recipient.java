package dev.asp.infrastructure.pubsub;

import java.util.List;

/** Anything the hub fans committed frames out to: live subscribers and waiting long-polls. */
public interface Recipient {

    /**
     * Frames committed for a session this recipient follows: that append's messages in seq order,
     * then its events. Called on the committing (or notified) thread, so it must never block.
     */
    void offer(String sessionId, List<? extends Frame> frames);

    /** Notifications may have been lost (the database listener reconnected): re-read the transcript. */
    void resync(String sessionId);
}
