package dev.asp.infrastructure.persistence.trust;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The cached fold of an agent's trust events up to {@code lastSeq} (spec 6.2: a cache, replayable). */
@Entity
@Table(name = "trust_states")
public class TrustStateRecord {
    @Id
    @Column(name = "agent_id")
    private String agentId;
    @Column(nullable = false)
    private String state;
    @Column(name = "last_seq", nullable = false)
    private long lastSeq;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TrustStateRecord() {
    }

    public TrustStateRecord(String agentId, String state, long lastSeq, Instant updatedAt) {
        this.agentId = agentId;
        this.state = state;
        this.lastSeq = lastSeq;
        this.updatedAt = updatedAt;
    }

    public String agentId() {
        return agentId;
    }

    public String state() {
        return state;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public void advance(String newState, long seq, Instant now) {
        this.state = newState;
        this.lastSeq = seq;
        this.updatedAt = now;
    }
}
