package dev.asp.domain.dispute;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;

/**
 * A dispute (spec 7): filed by a participant or opened by the service on a breach or a rejected delivery.
 * The queue moves it from {@code open} to a finding once; a human decides an escalated one once (the
 * repository's conditional update keeps two racing decisions from both winning).
 */
@Entity
@Table(name = "disputes")
public class Dispute {
    public static final String SYSTEM = "asp:system";

    /** Why it exists: a participant's filing, a deadline breach, or a creditor's REJECT of a delivery claim. */
    public enum Origin {
        FILED, BREACH, REJECTION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    private String id;
    @Column(name = "session_id", nullable = false)
    private String sessionId;
    @Column(name = "commitment_id")
    private String commitmentId;
    @Column(nullable = false)
    private String origin;
    @Column(name = "filed_by", nullable = false)
    private String filedBy;
    @Column(nullable = false)
    private String claim;
    @Column(name = "requested_resolution")
    private String requestedResolution;
    @Column(nullable = false)
    private String refs;
    @Column(nullable = false)
    private String evidence;
    @Column(name = "amount_usd", precision = 19, scale = 2)
    private BigDecimal amountUsd;
    @Column(nullable = false)
    private String status;
    private String finding;
    @Column(name = "at_fault")
    private String atFault;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decision_note")
    private String decisionNote;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "filed_at", nullable = false)
    private Instant filedAt;
    @Column(name = "enqueued_at", nullable = false)
    private Instant enqueuedAt;
    @Column(name = "automatic_key")
    private String automaticKey;

    protected Dispute() {
    }

    /** {@code refs} and {@code evidence} are the validated JSON arrays of the filing. */
    public Dispute(String sessionId, String commitmentId, Origin origin, String filedBy, String claim, String requestedResolution, String refs,
            String evidence, BigDecimal amountUsd, Instant now) {
        if (claim == null || claim.isBlank()) {
            throw DomainException.malformed("\"claim\" is required");
        }
        this.id = Ids.newId("dsp");
        this.sessionId = sessionId;
        this.commitmentId = commitmentId;
        this.origin = origin.wire();
        this.filedBy = filedBy;
        this.claim = claim;
        this.requestedResolution = requestedResolution;
        this.refs = refs;
        this.evidence = evidence;
        this.amountUsd = amountUsd;
        this.status = DisputeStatus.OPEN.wire();
        this.filedAt = now;
        this.enqueuedAt = now;
        this.automaticKey = origin == Origin.FILED ? null : origin.wire() + ":" + commitmentId;
    }

    /** The queue's finding: fault confirmed against {@code atFault}. */
    public void resolve(String atFault, String finding, Instant now) {
        decideOpen(DisputeStatus.RESOLVED, finding, now);
        this.atFault = atFault;
    }

    /** The queue's finding: the transcript shows no fault. */
    public void dismiss(String finding, Instant now) {
        decideOpen(DisputeStatus.DISMISSED, finding, now);
    }

    /** Above an org's {@code escalateDisputesAbove}, or beyond what the transcript can settle: a human decides. */
    public void escalate(String finding) {
        requireOpen();
        this.status = DisputeStatus.ESCALATED.wire();
        this.finding = finding;
    }

    private void decideOpen(DisputeStatus to, String finding, Instant now) {
        requireOpen();
        this.status = to.wire();
        this.finding = finding;
        this.decidedBy = SYSTEM;
        this.decidedAt = now;
    }

    private void requireOpen() {
        if (status() != DisputeStatus.OPEN) {
            throw DomainException.conflict("dispute " + id + " is " + status + " already");
        }
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public String commitmentId() {
        return commitmentId;
    }

    public String origin() {
        return origin;
    }

    public String filedBy() {
        return filedBy;
    }

    public String claim() {
        return claim;
    }

    public String requestedResolution() {
        return requestedResolution;
    }

    public String refs() {
        return refs;
    }

    public String evidence() {
        return evidence;
    }

    public BigDecimal amountUsd() {
        return amountUsd;
    }

    public DisputeStatus status() {
        return DisputeStatus.fromWire(status);
    }

    public String finding() {
        return finding;
    }

    public String atFault() {
        return atFault;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String decisionNote() {
        return decisionNote;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant filedAt() {
        return filedAt;
    }

    public Instant enqueuedAt() {
        return enqueuedAt;
    }
}
