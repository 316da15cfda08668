package dev.asp.domain.identity;

import java.util.List;

import dev.asp.domain.shared.DomainException;

/**
 * Spec 2.4: what an identity provider says about the people accountable for an agent — the SCIM
 * User's {@code displayName}, {@code name} and {@code emails}, and the enterprise extension's
 * {@code organization}, {@code department} and {@code manager} (RFC 7643 4.1, 4.3). Kept as sent;
 * absent parts are null (an empty list for emails).
 */
public record AccountablePeople(String displayName, PersonName name, List<Email> emails, String organization, String department,
        Manager manager) {
    /** A generous bound per text: these are names and addresses, not documents. */
    public static final int MAX_TEXT = 1024;
    public static final int MAX_EMAILS = 20;
    public static final AccountablePeople NONE = new AccountablePeople(null, null, List.of(), null, null, null);

    public AccountablePeople {
        bounded("displayName", displayName);
        bounded("organization", organization);
        bounded("department", department);
        emails = emails == null ? List.of() : List.copyOf(emails);
        if (emails.size() > MAX_EMAILS) {
            throw DomainException.malformed("at most " + MAX_EMAILS + " \"emails\"");
        }
        // RFC 7643 2.4: the primary value appears at most once
        if (emails.stream().filter(e -> Boolean.TRUE.equals(e.primary())).count() > 1) {
            throw DomainException.malformed("at most one of \"emails\" is primary");
        }
    }

    /** RFC 7643 4.1.1 name. */
    public record PersonName(String givenName, String familyName, String formatted) {
        public PersonName {
            bounded("name.givenName", givenName);
            bounded("name.familyName", familyName);
            bounded("name.formatted", formatted);
        }
    }

    /** RFC 7643 4.1.2 emails: value is required, type ("work", "home", ...) and primary are optional. */
    public record Email(String value, String type, Boolean primary) {
        public Email {
            if (value == null || value.isBlank()) {
                throw DomainException.malformed("each of \"emails\" needs a \"value\"");
            }
            bounded("emails.value", value);
            bounded("emails.type", type);
        }
    }

    /** RFC 7643 4.3 manager: the manager's id, its URI and display name. */
    public record Manager(String value, String ref, String displayName) {
        public Manager {
            bounded("manager.value", value);
            bounded("manager.$ref", ref);
            bounded("manager.displayName", displayName);
        }
    }

    private static void bounded(String what, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw DomainException.malformed("\"" + what + "\" is longer than " + MAX_TEXT + " characters");
        }
    }
}
