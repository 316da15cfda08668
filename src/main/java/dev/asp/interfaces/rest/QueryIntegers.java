package dev.asp.interfaces.rest;

import dev.asp.domain.shared.DomainException;

/** Spec 10: a query parameter that is not the integer it names is 400 {@code malformed}, never 404. */
public final class QueryIntegers {
    private QueryIntegers() {
    }

    public static long parse(String s, String name, long absent) {
        if (s == null || s.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw DomainException.malformed("\"" + name + "\" must be an integer");
        }
    }
}
