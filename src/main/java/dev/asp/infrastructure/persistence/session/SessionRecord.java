package dev.asp.infrastructure.persistence.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A session's row: the head that the next message must build on and the negotiation snapshot.
 * Only {@link TranscriptStore} writes it, by compare-and-set on {@code head_seq}.
 */
@Entity
@Table(name = "sessions")
public class SessionRecord {
    @Id
    private String id;
    @Column(nullable = false)
    private String state;
    @Column(nullable = false)
    private String inviter;
    @Column(name = "head_seq", nullable = false)
    private long headSeq;
    @Column(name = "head_hash", nullable = false)
    private String headHash;
    private String outcome;
    @Column(nullable = false)
    private String snapshot;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SessionRecord() {
    }

    SessionRecord(String id, String state, String inviter, long headSeq, String headHash, String outcome, String snapshot, Instant createdAt,
            Instant expiresAt) {
        this.id = id;
        this.state = state;
        this.inviter = inviter;
        this.headSeq = headSeq;
        this.headHash = headHash;
        this.outcome = outcome;
        this.snapshot = snapshot;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.updatedAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String state() {
        return state;
    }

    public long headSeq() {
        return headSeq;
    }

    public String headHash() {
        return headHash;
    }

    public String snapshot() {
        return snapshot;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
