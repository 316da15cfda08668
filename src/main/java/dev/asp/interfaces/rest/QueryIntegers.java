package dev.asp.interfaces.rest;

import dev.asp.domain.shared.DomainException;

/**
 * Integer query parameters read by the service, not by JAX-RS: a parameter JAX-RS cannot convert is a
 * 404 by its rules, but spec 10 answers 400 {@code malformed} ({@code after=abc}, {@code limit=99999999999}).
 */
public final class QueryIntegers {
    private QueryIntegers() {
    }

    /** {@code text} as a decimal integer from {@code min} to {@code max}; absent or empty is {@code absent}. */
    public static long of(String text, String name, long absent, long min, long max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.malformed("\"" + name + "\" must be a whole number from " + min + " to " + max);
    }
}
