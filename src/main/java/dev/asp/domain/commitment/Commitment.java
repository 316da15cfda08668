package dev.asp.domain.commitment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.asp.domain.session.ObligationType;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;

/**
 * Spec 5: one obligation of a COMMIT, owed by its debtor to its creditor under the session's
 * agreement. It guards its own life: every transition checks who asks and from which status, and
 * is recorded in {@link #history()} with its cause. Money it holds in escrow is {@link #escrowUsd()};
 * moving that money is the ledger's, told by what each transition answers.
 */
@Entity
@Table(name = "commitments")
public class Commitment {
    /** What a FULFILL did, so the service knows which money to move. */
    public enum Fulfilment {
        /** The debtor paid: its escrow goes to the creditor's org, or without escrow the amount does. */
        PAID,
        /** The debtor claims delivery; the creditor confirms or disputes it. */
        DELIVERED,
        /** The creditor confirmed the delivery. */
        CONFIRMED
    }

    @Id
    private String id;
    @Column(name = "session_id", nullable = false)
    private String sessionId;
    @Column(name = "agreement_seq", nullable = false)
    private long agreementSeq;
    @Column(name = "created_seq", nullable = false)
    private long createdSeq;
    @Column(nullable = false)
    private String debtor;
    @Column(name = "debtor_org", nullable = false)
    private String debtorOrg;
    @Column(nullable = false)
    private String creditor;
    @Column(name = "creditor_org", nullable = false)
    private String creditorOrg;
    @Column(nullable = false)
    private String type;
    @Column(nullable = false)
    private String description;
    @Column(precision = 19, scale = 2)
    private BigDecimal amount;
    @Column(nullable = false)
    private String currency;
    @Column(name = "amount_usd", precision = 19, scale = 2)
    private BigDecimal amountUsd;
    @Column(name = "escrow_usd", nullable = false, precision = 19, scale = 2)
    private BigDecimal escrowUsd = BigDecimal.ZERO.setScale(2);
    private Instant deadline;
    @Column(name = "condition_id")
    private String conditionId;
    @Column(nullable = false)
    private int severity;
    @Column(nullable = false)
    private String status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "commitment_history", joinColumns = @JoinColumn(name = "commitment_id"))
    @OrderColumn(name = "position")
    private List<Transition> history = new ArrayList<>();

    protected Commitment() {
    }

    /** The parties of one obligation and where their money lives. */
    public record Parties(String debtor, String debtorOrg, String creditor, String creditorOrg) {
    }

    /** What is owed: {@code amount} in the agreement's {@code currency}, {@code amountUsd} the same in USD. */
    public record Terms(ObligationType type, String description, BigDecimal amount, String currency, BigDecimal amountUsd,
            Instant deadline, String conditionId, int severity) {
    }

    /** A new {@code pending} commitment made by the COMMIT at {@code commitSeq} under the agreement {@code agreementSeq}. */
    public Commitment(String sessionId, long agreementSeq, long commitSeq, Parties parties, Terms terms, Instant now) {
        if (parties.debtor().equals(parties.creditor())) {
            throw DomainException.protocol("a commitment's creditor is another party than its debtor");
        }
        if (terms.type() == ObligationType.PAYMENT && (terms.amountUsd() == null || terms.amountUsd().signum() <= 0)) {
            throw DomainException.protocol("a payment needs a positive amount");
        }
        this.id = Ids.newId("cmt");
        this.sessionId = sessionId;
        this.agreementSeq = agreementSeq;
        this.createdSeq = commitSeq;
        this.debtor = parties.debtor();
        this.debtorOrg = parties.debtorOrg();
        this.creditor = parties.creditor();
        this.creditorOrg = parties.creditorOrg();
        this.type = terms.type().wire();
        this.description = terms.description();
        this.amount = terms.amount();
        this.currency = terms.currency();
        this.amountUsd = terms.amountUsd();
        this.deadline = terms.deadline();
        this.conditionId = terms.conditionId();
        this.severity = terms.severity();
        this.createdAt = now;
        moveTo(CommitmentStatus.PENDING, now, "commit", commitSeq);
    }

    /** Spec 5: a payment's amount held from the debtor org's balance → {@code escrowed}. */
    public void escrow(Instant now) {
        if (!isPayment() || status() != CommitmentStatus.PENDING) {
            throw new IllegalStateException(id + " is a " + type + " in " + status + ": only a pending payment is escrowed");
        }
        escrowUsd = amountUsd;
        moveTo(CommitmentStatus.ESCROWED, now, "escrow", createdSeq);
    }

    /**
     * Spec 5 FULFILL by {@code by} (the message at {@code seq}): the debtor of a payment pays, the
     * debtor of anything else claims delivery, the creditor confirms a claimed delivery. Anything
     * else — a settled commitment, a third party, a creditor "paying" itself — is refused.
     */
    public Fulfilment fulfil(String by, long seq, Instant now) {
        if (status().settled()) {
            throw DomainException.protocol(id + " is " + status + ": a settled commitment is not fulfilled again");
        }
        if (by.equals(debtor)) {
            if (isPayment()) {
                if (!status().open()) {
                    throw DomainException.protocol(id + " is " + status + ": only a pending or escrowed payment is paid");
                }
                moveTo(CommitmentStatus.FULFILLED, now, "fulfil", seq);
                return Fulfilment.PAID;
            }
            if (status() != CommitmentStatus.PENDING) {
                throw DomainException.protocol(id + " is " + status + ": its delivery was claimed already");
            }
            moveTo(CommitmentStatus.DELIVERED, now, "fulfil", seq);
            return Fulfilment.DELIVERED;
        }
        if (by.equals(creditor)) {
            if (isPayment()) {
                throw DomainException.protocol(by + " is the creditor of payment " + id + ": only its debtor pays it");
            }
            if (status() != CommitmentStatus.DELIVERED) {
                throw DomainException.protocol(id + " is " + status + ": its creditor confirms only a claimed delivery");
            }
            moveTo(CommitmentStatus.FULFILLED, now, "confirm", seq);
            return Fulfilment.CONFIRMED;
        }
        throw DomainException.protocol(by + " is neither the debtor nor the creditor of " + id);
    }

    /** Spec 5: the creditor REJECTs the delivery claim (message {@code seq}) → {@code disputed}. */
    public void disputeDelivery(String by, long seq, Instant now) {
        if (!by.equals(creditor)) {
            throw DomainException.protocol("only the creditor of " + id + " disputes its delivery");
        }
        if (status() != CommitmentStatus.DELIVERED) {
            throw DomainException.protocol(id + " is " + status + ": only a claimed delivery is disputed");
        }
        moveTo(CommitmentStatus.DISPUTED, now, "reject", seq);
    }

    /**
     * Spec 5: the condition of this payment became {@code fulfilled}, so its escrow is released →
     * {@code fulfilled}. False, changing nothing, when it is no longer open (paid already).
     */
    public boolean releaseOnCondition(Instant now) {
        if (!status().open()) {
            return false;
        }
        moveTo(CommitmentStatus.FULFILLED, now, "condition-fulfilled", null);
        return true;
    }

    /** Spec 5: a delivery not confirmed or disputed within the grace period → {@code fulfilled}; false if it moved on. */
    public boolean confirmByGracePeriod(Instant now) {
        if (status() != CommitmentStatus.DELIVERED) {
            return false;
        }
        moveTo(CommitmentStatus.FULFILLED, now, "grace-period", null);
        return true;
    }

    /**
     * Spec 5: the deadline passed while {@code pending}/{@code escrowed} → {@code breached}. False,
     * changing nothing, when it moved on or the deadline has not passed: a late or second firing is harmless.
     */
    public boolean breach(Instant now) {
        if (!status().open() || deadline == null || now.isBefore(deadline)) {
            return false;
        }
        moveTo(CommitmentStatus.BREACHED, now, "deadline", null);
        return true;
    }

    /**
     * Spec 7: a resolved dispute found its debtor at fault → {@code breached} (cause {@code dispute}), once;
     * false, changing nothing, when it is settled already.
     */
    public boolean breachByDispute(Instant now) {
        if (status().settled()) {
            return false;
        }
        moveTo(CommitmentStatus.BREACHED, now, "dispute", null);
        return true;
    }

    /** Spec 5: the commitment this payment was conditioned on was breached → {@code cancelled}; false if settled. */
    public boolean cancelForBreachedCondition(Instant now) {
        if (!status().open()) {
            return false;
        }
        moveTo(CommitmentStatus.CANCELLED, now, "condition-breached", null);
        return true;
    }

    /** Ends the escrow hold, answering what it held (0 without escrow), for the ledger to release or refund. */
    public BigDecimal takeEscrow() {
        BigDecimal held = escrowUsd;
        escrowUsd = BigDecimal.ZERO.setScale(2);
        return held;
    }

    private void moveTo(CommitmentStatus to, Instant now, String cause, Long seq) {
        status = to.wire();
        updatedAt = now;
        history.add(new Transition(to, now, cause, seq));
    }

    public boolean isPayment() {
        return ObligationType.PAYMENT.wire().equals(type);
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public long agreementSeq() {
        return agreementSeq;
    }

    public long createdSeq() {
        return createdSeq;
    }

    public String debtor() {
        return debtor;
    }

    public String debtorOrg() {
        return debtorOrg;
    }

    public String creditor() {
        return creditor;
    }

    public String creditorOrg() {
        return creditorOrg;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal amountUsd() {
        return amountUsd;
    }

    public BigDecimal escrowUsd() {
        return escrowUsd;
    }

    public Instant deadline() {
        return deadline;
    }

    public String conditionId() {
        return conditionId;
    }

    public int severity() {
        return severity;
    }

    public CommitmentStatus status() {
        return CommitmentStatus.fromWire(status);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<Transition> history() {
        return List.copyOf(history);
    }
}
