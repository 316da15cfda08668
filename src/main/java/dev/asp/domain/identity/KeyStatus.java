package dev.asp.domain.identity;

/** Spec 2.1: active keys sign and log in; retired keys verify old messages only; revoked verify nothing new. */
public enum KeyStatus {
    ACTIVE, RETIRED, REVOKED;

    public String wire() {
        return name().toLowerCase();
    }
}
