package dev.asp.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.asp.domain.shared.DomainException;

/** The time forms of the wire: RFC 3339 instants, bare dates as deadlines (spec 5), ISO 8601 durations (4.2). */
public final class Times {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Times() {
    }

    /** RFC 3339 requires seconds and an offset; its T and Z may be lower case (RFC 3339 5.6 note). */
    public static Instant instant(String text, String name) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!RFC3339.matcher(upper).matches()) {
            throw DomainException.malformed("\"" + name + "\" must be an RFC 3339 time such as 2026-03-15T10:00:00Z");
        }
        try {
            return OffsetDateTime.parse(upper).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.malformed("\"" + name + "\" is not a valid time");
        }
    }

    /** Spec 5: a bare date means "before the next day begins", so it is that next day's 00:00Z, exclusive. */
    public static Instant deadline(String text, String name) {
        if (!DATE.matcher(text).matches()) {
            return instant(text, name);
        }
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw DomainException.malformed("\"" + name + "\" is not a valid date");
        }
    }

    public static Duration duration(String text, String name) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.malformed("\"" + name + "\" must be an ISO 8601 duration such as PT24H");
        }
    }
}
