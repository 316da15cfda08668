package dev.asp.domain.commitment;

/** Spec 5: the life of a commitment. {@code fulfilled}, {@code breached} and {@code cancelled} are final. */
public enum CommitmentStatus {
    PENDING, ESCROWED, DELIVERED, FULFILLED, BREACHED, CANCELLED, DISPUTED;

    public String wire() {
        return name().toLowerCase();
    }

    public static CommitmentStatus fromWire(String wire) {
        for (CommitmentStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no commitment status " + wire);
    }

    /** Settled: nothing more happens to it (spec 5); a disputed one waits for its dispute. */
    public boolean settled() {
        return this == FULFILLED || this == BREACHED || this == CANCELLED;
    }

    /** Still owed and not yet performed: the deadline can breach it (spec 5). */
    public boolean open() {
        return this == PENDING || this == ESCROWED;
    }
}
