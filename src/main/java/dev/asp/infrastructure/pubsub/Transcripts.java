package dev.asp.infrastructure.pubsub;

import java.util.List;

/** Where replays come from: the committed transcript, the only source of truth for what a consumer missed. */
@FunctionalInterface
public interface Transcripts {

    /** Up to {@code limit} messages with seq greater than {@code after}, in seq order. */
    List<Frame.Message> after(String sessionId, long after, int limit);
}
