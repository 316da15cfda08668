package dev.asp.domain.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;

/** One public key of an agent, with its rotation history (spec 2.1). */
@Entity
@Table(name = "agent_keys")
public class AgentKey {
    @Id
    private String kid;
    @Column(name = "agent_id", nullable = false)
    private String agentId;
    @Column(nullable = false)
    private String jwk;
    @Column(nullable = false)
    private String status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;
    @Transient
    private Jwk parsed;

    protected AgentKey() {
    }

    public AgentKey(String agentId, Jwk jwk, Instant now) {
        this.kid = jwk.thumbprint();
        this.agentId = agentId;
        this.jwk = jwk.toJsonString();
        this.status = KeyStatus.ACTIVE.wire();
        this.createdAt = now;
        this.changedAt = now;
        this.parsed = jwk;
    }

    /** active -> retired -> revoked; a key never comes back. */
    public void changeStatus(KeyStatus next, Instant now) {
        KeyStatus current = status();
        if (next == current) {
            return;
        }
        if (current == KeyStatus.REVOKED || next == KeyStatus.ACTIVE) {
            throw DomainException.conflict("a " + current.wire() + " key cannot become " + next.wire());
        }
        this.status = next.wire();
        this.changedAt = now;
    }

    public String kid() {
        return kid;
    }

    public String agentId() {
        return agentId;
    }

    public KeyStatus status() {
        return KeyStatus.valueOf(status.toUpperCase());
    }

    public boolean isActive() {
        return status() == KeyStatus.ACTIVE;
    }

    public Jwk publicJwk() {
        if (parsed == null) {
            parsed = new Jwk.Stored(kid, Jsonp.reader(jwk).readObject());
        }
        return parsed;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
