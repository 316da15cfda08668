package dev.asp.domain.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.shared.Ids;

/** One immutable movement of an organization's balance, with what caused it (spec 5). */
@Entity
@Table(name = "ledger_entries")
public class LedgerEntry {
    @Id
    private String id;
    @Column(name = "org_id", nullable = false)
    private String orgId;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal amount;
    @Column(nullable = false)
    private String currency;
    @Column(name = "balance_after", nullable = false, precision = 19, scale = 2)
    private BigDecimal balanceAfter;
    @Column(name = "held_after", nullable = false, precision = 19, scale = 2)
    private BigDecimal heldAfter;
    @Column(name = "cause_type", nullable = false)
    private String causeType;
    @Column(name = "cause_id", nullable = false)
    private String causeId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(nullable = false)
    private long seq;

    protected LedgerEntry() {
    }

    LedgerEntry(String orgId, long seq, String kind, BigDecimal amount, BigDecimal balanceAfter, BigDecimal heldAfter,
            String causeType, String causeId, Instant now) {
        this.id = Ids.newId("led");
        this.orgId = orgId;
        this.seq = seq;
        this.kind = kind;
        this.amount = amount;
        this.currency = "USD";
        this.balanceAfter = balanceAfter;
        this.heldAfter = heldAfter;
        this.causeType = causeType;
        this.causeId = causeId;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String orgId() {
        return orgId;
    }

    public String kind() {
        return kind;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal balanceAfter() {
        return balanceAfter;
    }

    public BigDecimal heldAfter() {
        return heldAfter;
    }

    public String causeType() {
        return causeType;
    }

    public String causeId() {
        return causeId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long seq() {
        return seq;
    }
}
