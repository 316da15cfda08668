package dev.asp.application.trust;

import jakarta.json.JsonObject;

import dev.asp.domain.trust.TrustAssessment;

/** Published inside the transaction that recorded a trust event: caches drop the agent, live delivery tells the session. */
public record TrustChanged(String agentId, String sessionId, JsonObject cause, TrustAssessment after) {
}
