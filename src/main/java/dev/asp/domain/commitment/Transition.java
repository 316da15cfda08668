package dev.asp.domain.commitment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One status change of a commitment (spec 5 {@code history}): when, to what, and why —
 * {@code cause} names the message kind or service event, {@code messageSeq} the transcript message if any.
 */
@Embeddable
public class Transition {
    @Column(nullable = false)
    private String status;
    @Column(nullable = false)
    private Instant at;
    @Column(nullable = false)
    private String cause;
    @Column(name = "message_seq")
    private Long messageSeq;

    protected Transition() {
    }

    Transition(CommitmentStatus status, Instant at, String cause, Long messageSeq) {
        this.status = status.wire();
        this.at = at;
        this.cause = cause;
        this.messageSeq = messageSeq;
    }

    public CommitmentStatus status() {
        return CommitmentStatus.fromWire(status);
    }

    public Instant at() {
        return at;
    }

    public String cause() {
        return cause;
    }

    public Long messageSeq() {
        return messageSeq;
    }
}
