package dev.asp.infrastructure.persistence.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;

/** A pending or decided human-oversight request (spec 4.6); the first decision is final. */
@Entity
@Table(name = "escalations")
public class EscalationRecord {
    @Id
    private String id;
    @Column(name = "session_id", nullable = false)
    private String sessionId;
    @Column(name = "org_id", nullable = false)
    private String orgId;
    @Column(name = "message_seq", nullable = false)
    private long messageSeq;
    @Column(nullable = false)
    private String kind;
    private String reason;
    @Column(nullable = false)
    private String status;
    @Column(name = "decided_by")
    private String decidedBy;
    private String note;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "decided_at")
    private Instant decidedAt;

    protected EscalationRecord() {
    }

    public EscalationRecord(String sessionId, String orgId, long messageSeq, boolean heldCommit, String reason, Instant now) {
        this.id = Ids.newId("esc");
        this.sessionId = sessionId;
        this.orgId = orgId;
        this.messageSeq = messageSeq;
        this.kind = heldCommit ? "commit" : "escalate";
        this.reason = reason;
        this.status = "pending";
        this.createdAt = now;
    }

    public void decide(boolean approve, String by, String note, Instant now) {
        if (!isPending()) {
            throw DomainException.conflict("escalation " + id + " was decided already (" + status + ")");
        }
        this.status = approve ? "approved" : "denied";
        this.decidedBy = by;
        this.note = note;
        this.decidedAt = now;
    }

    public boolean isPending() {
        return "pending".equals(status);
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public String orgId() {
        return orgId;
    }

    public long messageSeq() {
        return messageSeq;
    }

    public String kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public String status() {
        return status;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String note() {
        return note;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
