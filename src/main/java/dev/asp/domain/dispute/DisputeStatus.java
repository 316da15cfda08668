package dev.asp.domain.dispute;

import java.util.Locale;

/** Spec 7: {@code open} until the queue decides; {@code escalated} until a human does; the others are final. */
public enum DisputeStatus {
    OPEN, RESOLVED, DISMISSED, ESCALATED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DisputeStatus fromWire(String wire) {
        for (DisputeStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException(wire);
    }
}
