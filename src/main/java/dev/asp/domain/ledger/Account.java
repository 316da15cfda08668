package dev.asp.domain.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * An organization's balance and holds as arithmetic: every movement yields the ledger entry that
 * records it, and balance never goes negative (spec 5). The caller persists both under a row lock.
 */
public final class Account {
    private final String orgId;
    private BigDecimal balance;
    private BigDecimal held;
    private long lastSeq;

    public Account(String orgId, BigDecimal balance, BigDecimal held, long lastSeq) {
        this.orgId = orgId;
        this.balance = balance;
        this.held = held;
        this.lastSeq = lastSeq;
    }

    public LedgerEntry credit(BigDecimal amount, String causeType, String causeId, Instant now) {
        requirePositive(amount);
        balance = balance.add(amount);
        return entry("credit", amount, causeType, causeId, now);
    }

    public LedgerEntry hold(BigDecimal amount, String causeType, String causeId, Instant now) {
        requirePositive(amount);
        if (balance.compareTo(amount) < 0) {
            throw new DomainException(ProblemCode.INSUFFICIENT_FUNDS, "the balance " + balance + " USD cannot cover " + amount + " USD");
        }
        balance = balance.subtract(amount);
        held = held.add(amount);
        return entry("hold", amount, causeType, causeId, now);
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal held() {
        return held;
    }

    private LedgerEntry entry(String kind, BigDecimal amount, String causeType, String causeId, Instant now) {
        return new LedgerEntry(orgId, ++lastSeq, kind, amount, balance, held, causeType, causeId, now);
    }

    private static void requirePositive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw DomainException.malformed("\"amount\" must be positive");
        }
    }
}
