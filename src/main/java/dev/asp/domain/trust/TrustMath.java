package dev.asp.domain.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The arithmetic of spec 6.1, 6.2 and 6.4 as pure functions of their inputs (vectors: trust.json). */
public final class TrustMath {
    public static final Map<String, Double> WEIGHTS = Map.of("IV", 0.20, "CF", 0.20, "CH", 0.15, "BC", 0.10, "RQ", 0.10, "SP", 0.10,
            "ER", 0.10, "PE", 0.05);
    public static final List<String> COMPONENTS = List.of("IV", "CF", "CH", "BC", "RQ", "SP", "ER", "PE");
    public static final double MAX_COMPUTED = 99.99;
    /** 6.2: what one successful session takes off the penalty divisor. */
    public static final double RECOVERY = 0.0108;
    public static final double DECAY_RATE = 0.005;
    /** 6.3: an endorser below this score is refused. */
    public static final double MIN_ENDORSER_SCORE = 30;

    private TrustMath() {
    }

    /** B = Σ weight·component over the eight codes; a missing component is 0 (6.1). */
    public static double base(Map<String, Double> components) {
        double b = 0;
        for (String c : COMPONENTS) {
            b += WEIGHTS.get(c) * components.getOrDefault(c, 0.0);
        }
        return b;
    }

    /** T = min(99.99, B / D · e^(−0.005·d)). */
    public static double score(double base, double penalty, long idleDays) {
        return Math.min(MAX_COMPUTED, base / penalty * decay(idleDays));
    }

    public static double decay(long idleDays) {
        return Math.exp(-DECAY_RATE * idleDays);
    }

    /** D ← D·e^(0.5·s): the score right after is exactly the score before × e^(−0.5·s). */
    public static double breach(double penalty, int severity) {
        return penalty * Math.exp(0.5 * severity);
    }

    /** D ← max(1, D − 0.0108), once per party and successful session. */
    public static double recover(double penalty) {
        return Math.max(1, penalty - RECOVERY);
    }

    /** At an activity the idle days are folded into D, so the score does not jump when the clock restarts. */
    public static double foldIdle(double penalty, long idleDays) {
        return penalty * Math.exp(DECAY_RATE * idleDays);
    }

    /** Whole days between the last activity and {@code at}; 0 without any activity yet (nothing to decay). */
    public static long idleDays(Instant lastActivity, Instant at) {
        if (lastActivity == null || !at.isAfter(lastActivity)) {
            return 0;
        }
        return Duration.between(lastActivity, at).toSeconds() / 86_400;
    }

    /** CH = min(100, 15·ln(1 + n)), n = sessions joined that reached CLOSED. */
    public static double communicationHistory(long sessions) {
        return Math.min(100, 15 * Math.log1p(sessions));
    }

    /** 6.4: weight = (endorserScore/100)·((rating − 1)/4), halved within one organization. */
    public static double endorsementWeight(double endorserScore, int rating, boolean sameOrganization) {
        double w = (endorserScore / 100) * ((rating - 1) / 4.0);
        return sameOrganization ? w / 2 : w;
    }

    /** PE = 100·(1 − Π(1 − weight_i)), 0 with none. */
    public static double peerEndorsements(Collection<Double> weights) {
        double keep = 1;
        for (double w : weights) {
            keep *= 1 - w;
        }
        return 100 * (1 - keep);
    }

    /** 6.4: 100·(1 − e^(−honored/5.5))·q·Π e^(−0.5·s_j), q = mean (rating − 1)/4 (1 if none). */
    public static double directional(long honored, Collection<Integer> ratings, Collection<Integer> breachSeverities) {
        double q = ratings.isEmpty() ? 1 : ratings.stream().mapToDouble(r -> (r - 1) / 4.0).average().orElse(1);
        double p = 1;
        for (int s : breachSeverities) {
            p *= Math.exp(-0.5 * s);
        }
        return 100 * (1 - Math.exp(-honored / 5.5)) * q * p;
    }

    /** 6.2 default severity: clamp(1 + ceil(10·amount/ceiling), 1, 10); no ceiling (infrastructure): 1. */
    public static int defaultSeverity(double amountUsd, Double ceilingUsd) {
        if (ceilingUsd == null) {
            return 1;
        }
        int s = 1 + (int) Math.ceil(10 * amountUsd / ceilingUsd);
        return Math.max(1, Math.min(10, s));
    }

    /** Rounded to 4 decimals, as the wire shows scores. */
    public static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
