package dev.asp.domain.session;

import java.util.Arrays;
import java.util.Optional;

/** Spec 4.5: how a session ended. {@code timeout} and {@code escalated} are the service's to give. */
public enum Outcome {
    SUCCESS, PARTIAL, FAILURE, TIMEOUT, ESCALATED, CANCELLED;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Outcome> fromWire(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
    }
}
