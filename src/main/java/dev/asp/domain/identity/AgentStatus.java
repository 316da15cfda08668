package dev.asp.domain.identity;

/** An agent acts only while active; suspended can be reactivated; deprovisioned is final (SCIM DELETE). */
public enum AgentStatus {
    ACTIVE, SUSPENDED, DEPROVISIONED;

    public String wire() {
        return name().toLowerCase();
    }
}
