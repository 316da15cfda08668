package dev.asp.domain.session;

import java.time.Instant;
import java.util.Map;

/** A participant's CLOSE carried ratings 1–5 of its counterparts (spec 4.3, 6.4), published in the storing transaction. */
public record SessionRated(String sessionId, String message, String rater, Map<String, Integer> ratings, Instant at) {
    public SessionRated {
        ratings = Map.copyOf(ratings);
    }
}
