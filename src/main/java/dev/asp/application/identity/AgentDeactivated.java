package dev.asp.application.identity;

import dev.asp.domain.identity.AgentStatus;

/** Fired when an agent stops being able to act (suspended or deprovisioned); sessions react to it. */
public record AgentDeactivated(String agentId, AgentStatus status) {
}
