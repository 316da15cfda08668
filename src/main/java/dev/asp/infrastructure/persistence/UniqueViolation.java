package dev.asp.infrastructure.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A unique or primary-key violation told apart by SQLState and constraint name, not by the
 * driver's wording. SQLState 23505 is the same on PostgreSQL and H2; the constraint's name is in
 * both drivers' message (H2 reports it nowhere else: as the index {@code <NAME>_INDEX_n}), so it is
 * matched there as a whole identifier, which keeps the drivers' own classes out of the application.
 */
public final class UniqueViolation {
    /** SQL:2016 class 23 (integrity constraint violation), subclass 505: unique violation. */
    static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** Whether e, or one of its causes, is a unique violation. */
    public static boolean any(Throwable e) {
        return find(e) != null;
    }

    /** Whether e, or one of its causes, is a unique violation of the named constraint. */
    public static boolean of(Throwable e, String constraint) {
        SQLException s = find(e);
        if (s == null || s.getMessage() == null) {
            return false;
        }
        Pattern name = Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(constraint.toLowerCase(Locale.ROOT)) + "(?![a-z0-9])");
        return name.matcher(s.getMessage().toLowerCase(Locale.ROOT)).find();
    }

    private static SQLException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && SQLSTATE.equals(s.getSQLState())) {
                return s;
            }
        }
        return null;
    }
}
