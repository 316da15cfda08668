package dev.asp.domain.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

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
        requireBalance(amount);
        balance = balance.subtract(amount);
        held = held.add(amount);
        return entry("hold", amount, causeType, causeId, now);
    }

    /** Escrow paid out to the creditor's org: the hold ends, nothing returns to {@code balance} (spec 5). */
    public LedgerEntry release(BigDecimal amount, String causeType, String causeId, Instant now) {
        requireHeld(amount);
        held = held.subtract(amount);
        return entry("release", amount, causeType, causeId, now);
    }

    /** Escrow returned: the hold ends and its amount is spendable again (spec 5). */
    public LedgerEntry refund(BigDecimal amount, String causeType, String causeId, Instant now) {
        requireHeld(amount);
        held = held.subtract(amount);
        balance = balance.add(amount);
        return entry("refund", amount, causeType, causeId, now);
    }

    /** A payment without escrow, straight from {@code balance}; short → insufficient-funds (spec 5). */
    public LedgerEntry pay(BigDecimal amount, String causeType, String causeId, Instant now) {
        requirePositive(amount);
        requireBalance(amount);
        balance = balance.subtract(amount);
        return entry("payment", amount, causeType, causeId, now);
    }

    /** What the creditor's org receives from a release or a payment. */
    public LedgerEntry receive(BigDecimal amount, String causeType, String causeId, Instant now) {
        requirePositive(amount);
        balance = balance.add(amount);
        return entry("receipt", amount, causeType, causeId, now);
    }

    /**
     * A penalty taken from {@code balance}, never from holds, down to 0 (spec 7); empty when the
     * balance is 0 already, since an entry of 0 records nothing.
     */
    public Optional<LedgerEntry> penalty(BigDecimal amount, String causeType, String causeId, Instant now) {
        requirePositive(amount);
        BigDecimal taken = amount.min(balance);
        if (taken.signum() == 0) {
            return Optional.empty();
        }
        balance = balance.subtract(taken);
        return Optional.of(entry("penalty", taken, causeType, causeId, now));
    }

    public String orgId() {
        return orgId;
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

    private void requireBalance(BigDecimal amount) {
        if (balance.compareTo(amount) < 0) {
            throw new DomainException(ProblemCode.INSUFFICIENT_FUNDS, "the balance " + balance + " USD cannot cover " + amount + " USD");
        }
    }

    private void requireHeld(BigDecimal amount) {
        requirePositive(amount);
        if (held.compareTo(amount) < 0) {
            // a release or refund of more than is held is the service's bug, never a caller's input
            throw new IllegalStateException("org " + orgId + " holds " + held + " USD, not " + amount);
        }
    }

    private static void requirePositive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw DomainException.malformed("\"amount\" must be positive");
        }
    }
}
