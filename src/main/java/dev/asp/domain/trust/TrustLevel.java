package dev.asp.domain.trust;

import java.math.BigDecimal;

/** Spec 6.3: levels by score (unrounded), with their enforced limits. */
public enum TrustLevel {
    PROBATION(0, new BigDecimal("100"), 3, "required"),
    VERIFIED(20, new BigDecimal("1000"), 50, "recommended"),
    ESTABLISHED(50, new BigDecimal("10000"), 500, "optional"),
    TRUSTED(75, new BigDecimal("100000"), 5_000, "optional"),
    PREMIUM(90, new BigDecimal("1000000"), null, "optional"),
    INFRASTRUCTURE(100, null, null, "not-required");

    private final double min;
    private final BigDecimal ceilingUsd;
    private final Integer sessionsPerDay;
    private final String escrow;

    TrustLevel(double min, BigDecimal ceilingUsd, Integer sessionsPerDay, String escrow) {
        this.min = min;
        this.ceilingUsd = ceilingUsd;
        this.sessionsPerDay = sessionsPerDay;
        this.escrow = escrow;
    }

    public static TrustLevel of(double score) {
        TrustLevel level = PROBATION;
        for (TrustLevel l : values()) {
            if (score >= l.min) {
                level = l;
            }
        }
        return level;
    }

    public static TrustLevel ofWire(String wire) {
        return valueOf(wire.toUpperCase());
    }

    public double min() {
        return min;
    }

    /** Null: unlimited. */
    public BigDecimal ceilingUsd() {
        return ceilingUsd;
    }

    /** Null: unlimited. */
    public Integer sessionsPerDay() {
        return sessionsPerDay;
    }

    public String escrow() {
        return escrow;
    }

    public boolean escrowRequired() {
        return "required".equals(escrow);
    }

    public String wire() {
        return name().toLowerCase();
    }
}
