package dev.asp.infrastructure.security;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

/**
 * A JWT NumericDate (RFC 7519 §2: seconds since the epoch, possibly fractional) read without
 * wrapping: now + 2^64 is not now (spec 10: integers within their stated range).
 */
public final class NumericDate {
    private static final BigDecimal FIRST = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
    private static final BigDecimal LAST = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

    private NumericDate() {
    }

    /** The instant a claim names, or empty when it is not a number within the range of {@link Instant}. */
    public static Optional<Instant> of(JsonValue claim) {
        if (!(claim instanceof JsonNumber n)) {
            return Optional.empty();
        }
        BigDecimal seconds = n.bigDecimalValue();
        if (seconds.compareTo(FIRST) < 0 || seconds.compareTo(LAST) > 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
    }
}
