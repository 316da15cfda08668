package dev.asp.domain.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.shared.Ids;

/** A bearer credential, stored only as the SHA-256 of its secret; shown once at creation. */
@Entity
@Table(name = "api_keys")
public class ApiKey {
    @Id
    private String id;
    @Column(name = "org_id", nullable = false)
    private String orgId;
    @Column(name = "agent_id")
    private String agentId;
    @Column(nullable = false)
    private String role;
    @Column(name = "secret_hash", nullable = false, unique = true)
    private String secretHash;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(String orgId, String agentId, CredentialRole role, String secretHash, Instant now) {
        this.id = Ids.newId("key");
        this.orgId = orgId;
        this.agentId = agentId;
        this.role = role.wire();
        this.secretHash = secretHash;
        this.createdAt = now;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean isLive() {
        return revokedAt == null;
    }

    public String id() {
        return id;
    }

    public String orgId() {
        return orgId;
    }

    public String agentId() {
        return agentId;
    }

    public CredentialRole role() {
        return CredentialRole.valueOf(role.toUpperCase());
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
