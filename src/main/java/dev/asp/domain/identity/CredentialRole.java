package dev.asp.domain.identity;

/** What a bearer credential lets its holder do (spec 1). */
public enum CredentialRole {
    ADMIN, AUDITOR, SCIM, AGENT;

    public String wire() {
        return name().toLowerCase();
    }
}
