package dev.asp.domain.session;

import java.time.Instant;
import java.util.List;

/**
 * A session reached CLOSED by the close that fixes its outcome (spec 4.5), published inside the
 * transaction that stores it: trust counts it (CH) and decides the recovery of each party (6.2).
 *
 * @param participants the agents that joined it (the inviter included)
 * @param closeMessage the id of the CLOSE that fixed the outcome (a party's or the service's)
 */
public record SessionClosed(String sessionId, Outcome outcome, boolean agreement, List<String> participants, Instant startedAt,
        Instant closedAt, String closeMessage) {
    public SessionClosed {
        participants = List.copyOf(participants);
    }
}
