package dev.asp.infrastructure.pubsub;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * Replays read committed messages only, in their own short transaction on a delivery thread.
 * Readability was checked when the consumer subscribed; a reader keeps it (spec 4.3: nobody is
 * ever removed from a session's readers).
 */
@ApplicationScoped
public class TranscriptReader implements Transcripts {
    @Inject
    TranscriptStore store;

    @Override
    @InTransaction
    public List<Frame.Message> after(String sessionId, long after, int limit) {
        return store.page(sessionId, after, limit).stream()
                .map(m -> new Frame.Message(m.sessionId(), m.seq(), m.envelope()))
                .toList();
    }
}
