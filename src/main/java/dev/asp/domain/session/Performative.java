package dev.asp.domain.session;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Spec 4.3: INVITE opens a session; the thirteen others negotiate. */
public enum Performative {
    INVITE, PROPOSE, COUNTER, ACCEPT, REJECT, QUERY, INFORM, CLARIFY, COMMIT, FULFILL, DELEGATE, ESCALATE, WITHDRAW, CLOSE;

    /** The thirteen negotiation performatives, in the spec's order. */
    public static List<Performative> negotiation() {
        return Arrays.stream(values()).filter(p -> p != INVITE).toList();
    }

    public static Optional<Performative> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
