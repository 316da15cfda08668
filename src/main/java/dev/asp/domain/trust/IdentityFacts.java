package dev.asp.domain.trust;

/**
 * What the trust components read from the agent's identity at the time of scoring, not from events:
 * the IV of its identity level (2.2) and the key facts of its security posture (SP).
 *
 * @param activeKeyAgeDays whole days since its oldest active registered key was registered
 * @param rotated whether it has retired a key (rotation, 2.1)
 * @param revokedKeys how many of its keys were revoked (compromise)
 */
public record IdentityFacts(String identityLevel, int iv, boolean registeredKey, long activeKeyAgeDays, boolean rotated,
        long revokedKeys, boolean infrastructure) {
}
