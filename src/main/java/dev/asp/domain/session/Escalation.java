package dev.asp.domain.session;

import java.util.Optional;

/**
 * Spec 4.6: the session waits in ESCALATED for a human of {@code by}'s organization. {@code held}
 * is a COMMIT an org policy holds back until approval; null for an ESCALATE message.
 */
public record Escalation(long seq, String by, String reason, SessionState pausedFrom, Effect.CommitmentsRequested held) {

    public Optional<Effect.CommitmentsRequested> heldCommit() {
        return Optional.ofNullable(held);
    }
}
