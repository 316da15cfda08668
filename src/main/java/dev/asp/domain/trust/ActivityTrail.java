package dev.asp.domain.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Activity read from the transcript (6.2: "a message of its that the service stores"), so the message
 * path writes nothing for trust. Only the messages that change the fold are recorded as activity
 * events: a message is left out when folding straight from the last recorded one to the next gives
 * the same whole idle days as folding through it; the latest is always recorded (the clock's new
 * start). Folding just these equals folding every message.
 */
public final class ActivityTrail {
    public record Sent(String messageId, Instant at) {
    }

    private ActivityTrail() {
    }

    /** @param sent the agent's messages after {@code lastActivity}, oldest first */
    public static List<Sent> toRecord(Instant lastActivity, List<Sent> sent) {
        List<Sent> out = new ArrayList<>();
        Instant recorded = lastActivity;
        Sent previous = null;
        long foldedSince = 0;
        for (Sent s : sent) {
            if (previous != null) {
                long through = foldedSince + TrustMath.idleDays(previous.at(), s.at());
                if (TrustMath.idleDays(recorded, s.at()) == through) {
                    foldedSince = through;
                } else {
                    out.add(previous);
                    recorded = previous.at();
                    foldedSince = TrustMath.idleDays(recorded, s.at());
                }
            } else {
                foldedSince = TrustMath.idleDays(recorded, s.at());
            }
            previous = s;
        }
        if (previous != null) {
            out.add(previous);
        }
        return out;
    }
}
