package dev.asp.interfaces.scim;

import java.sql.SQLException;

import dev.asp.application.identity.ScimProvisioning;
import dev.asp.domain.shared.DomainException;

/** Maps application refusals onto RFC 7644 3.12 statuses and scimTypes. */
final class ScimErrors {
    /** SQLSTATE unique_violation: PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private ScimErrors() {
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ScimException) {
            return e;
        }
        if (e instanceof ScimProvisioning.VersionMismatch) {
            return new ScimException(412, null, e.getMessage());
        }
        if (e instanceof DomainException d) {
            return switch (d.code()) {
                case MALFORMED -> ScimException.invalidValue(d.getMessage());
                // a name taken in the org, or a key registered to another agent
                case CONFLICT -> ScimException.uniqueness(d.getMessage());
                case NOT_FOUND -> ScimException.notFound(d.getMessage());
                default -> new ScimException(d.code().status(), null, d.getMessage());
            };
        }
        // Two concurrent creations of one userName: the second fails on the database constraint at commit.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return ScimException.uniqueness("the organization already has an agent with this userName");
            }
        }
        return e;
    }
}
