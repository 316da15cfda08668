package dev.asp.interfaces.scim;

import java.util.function.LongPredicate;

/**
 * RFC 7644 3.14 with RFC 9110 13.1: If-Match / If-None-Match against a User's weak ETag
 * {@code W/"<version>"}. SCIM versions are weak tags yet clients send them in If-Match, so tags
 * compare by their opaque value with or without the W/ prefix.
 */
final class EntityTags {
    private EntityTags() {
    }

    /** The precondition an If-Match header sets on the version; none when the header is absent. */
    static LongPredicate ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return v -> true;
        }
        return v -> matches(header, v);
    }

    /** Whether the header ("*" or a comma-separated list of entity tags) names {@code version}. */
    static boolean matches(String header, long version) {
        if (header == null) {
            return false;
        }
        String wanted = Long.toString(version);
        for (String raw : header.split(",")) {
            String tag = raw.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/") || tag.startsWith("w/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") && tag.substring(1, tag.length() - 1).equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
