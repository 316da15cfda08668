package dev.asp.interfaces.rest;

import dev.asp.domain.shared.DomainException;

/** Spec 10: query parameters that are not the integers they name are 400 malformed, never 404. */
public final class QueryInts {
    private QueryInts() {
    }

    /** {@code text} as a non-negative integer, {@code fallback} when absent. */
    public static long nonNegative(String text, String name, long fallback) {
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw DomainException.malformed("\"" + name + "\" must be a non-negative integer, not \"" + text + "\"");
        }
        return Long.parseLong(text);
    }

    /** As {@link #nonNegative}, for a count such as {@code limit}; values past int range are kept at its top. */
    public static int count(String text, String name, int fallback) {
        return (int) Math.min(nonNegative(text, name, fallback), Integer.MAX_VALUE);
    }
}
