package dev.asp.domain.session;

/**
 * A member of a session: named by the INVITE (joined once it ACCEPTs; the inviter from the
 * start) or a delegate that ACCEPTed a DELEGATE, acting in the role of {@code delegateOf}.
 */
public record Participant(String agent, String role, boolean joined, boolean inviter, String delegateOf) {

    Participant join() {
        return new Participant(agent, role, true, inviter, delegateOf);
    }
}
