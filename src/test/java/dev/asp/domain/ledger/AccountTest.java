package dev.asp.domain.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** Spec 5: the ledger's arithmetic; balance never negative, held is the open holds. */
class AccountTest {
    static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }

    @Test
    void holdReleaseAndReceiptMoveEscrowToTheCreditor() {
        Account buyer = new Account("org_b", usd("0.00"), usd("0.00"), 0);
        Account supplier = new Account("org_s", usd("0.00"), usd("0.00"), 0);
        buyer.credit(usd("5000.00"), "credit", "operator", NOW);
        LedgerEntry hold = buyer.hold(usd("1800.00"), "commitment", "cmt_1", NOW);
        assertEquals(usd("3200.00"), hold.balanceAfter());
        assertEquals(usd("1800.00"), hold.heldAfter());
        LedgerEntry release = buyer.release(usd("1800.00"), "commitment", "cmt_1", NOW);
        assertEquals("release", release.kind());
        assertEquals(0, buyer.held().signum());
        supplier.receive(usd("1800.00"), "commitment", "cmt_1", NOW);
        assertEquals(usd("3200.00"), buyer.balance());
        assertEquals(usd("1800.00"), supplier.balance());
        assertEquals(3, release.seq());
    }

    @Test
    void aHoldBeyondTheBalanceIsInsufficientFundsAndChangesNothing() {
        Account a = new Account("org_a", usd("100.00"), usd("0.00"), 1);
        a.hold(usd("40.00"), "commitment", "cmt_1", NOW);
        a.hold(usd("40.00"), "commitment", "cmt_2", NOW);
        DomainException e = assertThrows(DomainException.class, () -> a.hold(usd("40.00"), "commitment", "cmt_3", NOW));
        assertEquals(ProblemCode.INSUFFICIENT_FUNDS, e.code());
        assertEquals(usd("20.00"), a.balance());
        assertEquals(usd("80.00"), a.held());
        assertThrows(DomainException.class, () -> a.pay(usd("20.01"), "commitment", "cmt_4", NOW));
    }

    @Test
    void aPenaltyTakesTheBalanceDownToZeroNeverTheHolds() {
        Account a = new Account("org_a", usd("30.00"), usd("50.00"), 0);
        assertEquals(usd("30.00"), a.penalty(usd("250.00"), "dispute", "dsp_1", NOW).orElseThrow().amount());
        assertTrue(a.penalty(usd("1.00"), "dispute", "dsp_1", NOW).isEmpty());
        assertEquals(usd("50.00"), a.held());
    }

    @Provide
    Arbitrary<List<Integer>> moves() {
        return Arbitraries.integers().between(0, 5 * 40 - 1).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void balanceNeverNegativeAndHeldIsTheOpenHolds(@ForAll("moves") List<Integer> moves) {
        Account a = new Account("org_a", usd("0.00"), usd("0.00"), 0);
        List<BigDecimal> open = new ArrayList<>();
        BigDecimal in = BigDecimal.ZERO;
        BigDecimal out = BigDecimal.ZERO;
        for (int m : moves) {
            BigDecimal amount = BigDecimal.valueOf(m % 40 + 1, 0).multiply(usd("12.50"));
            try {
                switch (m / 40) {
                    case 0 -> { a.credit(amount, "credit", "op", NOW); in = in.add(amount); }
                    case 1 -> { a.hold(amount, "commitment", "c", NOW); open.add(amount); }
                    case 2 -> { if (!open.isEmpty()) { BigDecimal h = open.remove(0); a.release(h, "commitment", "c", NOW); out = out.add(h); } }
                    case 3 -> { if (!open.isEmpty()) { a.refund(open.remove(0), "commitment", "c", NOW); } }
                    default -> { a.pay(amount, "commitment", "c", NOW); out = out.add(amount); }
                }
            } catch (DomainException e) {
                assertEquals(ProblemCode.INSUFFICIENT_FUNDS, e.code());
            }
            assertTrue(a.balance().signum() >= 0);
            assertEquals(0, open.stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(a.held()));
            assertEquals(0, in.subtract(out).compareTo(a.balance().add(a.held())), "balance + held = credits - paid out");
        }
    }
}
