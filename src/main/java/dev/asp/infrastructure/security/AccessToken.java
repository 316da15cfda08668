package dev.asp.infrastructure.security;

import java.time.Instant;

import dev.asp.domain.identity.IdentityLevel;

/**
 * The verified claims of a DPoP-bound access token. {@code viaApiKey} marks tokens obtained with
 * an agent API key: bound to an unregistered key and held at level api_key (spec 2.3).
 */
public record AccessToken(String agentId, String orgId, String jkt, IdentityLevel level, boolean viaApiKey, Instant expiresAt) {
}
