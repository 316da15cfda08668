package dev.asp.application.identity;

/** An agent's identity changed in a way its trust reads (registration, keys, operator level): IV and SP (spec 2.2, 6.1). */
public record AgentIdentityChanged(String agentId) {
}
