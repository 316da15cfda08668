package dev.asp.domain.identity;

/**
 * Credentials stopped being usable (spec 4.8): a key that was active was retired or revoked
 * ({@code kid} names it), or the agent can no longer act ({@code kid} null: all its credentials).
 * Fired in the transaction that made the change; connections that outlive a request (WebSockets)
 * end on it, on this server after the commit and on the others when it is announced to them.
 * {@code elsewhere} marks one heard from another server, which has announced it already.
 */
public record CredentialsWithdrawn(String agentId, String kid, String reason, boolean elsewhere) {

    public static CredentialsWithdrawn key(String agentId, String kid, KeyStatus status) {
        return new CredentialsWithdrawn(agentId, kid, "the key " + kid + " was " + status.wire(), false);
    }

    public static CredentialsWithdrawn agent(String agentId, AgentStatus status) {
        return new CredentialsWithdrawn(agentId, null, "the agent " + agentId + " was " + status.wire(), false);
    }

    public CredentialsWithdrawn heardFromAnotherServer() {
        return new CredentialsWithdrawn(agentId, kid, reason, true);
    }

    /** Whether credentials bound to {@code boundKid} (null: not to a registered key) end with this. */
    public boolean ends(String boundKid) {
        return kid == null || kid.equals(boundKid);
    }
}
