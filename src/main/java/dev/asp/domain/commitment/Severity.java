package dev.asp.domain.commitment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Spec 6.2: the default severity of a breach, fixed when the commitment is made. */
public final class Severity {
    static final int FALLBACK = 3;

    private Severity() {
    }

    /**
     * The terms' {@code breachSeverity}; else {@code clamp(1 + ceil(10 · amount / ceiling), 1, 10)}
     * with the debtor's transaction ceiling (none, as for {@code infrastructure}: 1); else 3.
     *
     * @param amountUsd the obligation's amount, else the agreement's total, in USD; null if neither
     * @param ceilingUsd the debtor's ceiling (6.3), null when it has none
     */
    public static int of(Integer breachSeverity, BigDecimal amountUsd, BigDecimal ceilingUsd) {
        if (breachSeverity != null) {
            return breachSeverity;
        }
        if (amountUsd == null) {
            return FALLBACK;
        }
        if (ceilingUsd == null) {
            return 1;
        }
        BigDecimal tenths = amountUsd.multiply(BigDecimal.TEN).divide(ceilingUsd, 0, RoundingMode.CEILING);
        return Math.max(1, 1 + tenths.min(BigDecimal.valueOf(9)).intValue());
    }
}
