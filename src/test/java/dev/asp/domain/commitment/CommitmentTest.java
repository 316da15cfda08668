package dev.asp.domain.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.asp.domain.session.ObligationType;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** Spec 5: a commitment's life, guarded by the entity itself. */
class CommitmentTest {
    static final Instant T0 = Instant.parse("2026-03-15T10:00:00Z");
    static final Instant DEADLINE = T0.plusSeconds(3600);

    static Commitment delivery() {
        return new Commitment("ses_1", 5, 9, new Commitment.Parties("agt_supplier", "org_s", "agt_buyer", "org_b"),
                new Commitment.Terms(ObligationType.DELIVERY, "Deliver 200 USB-C adapters", null, "USD", null,
                        DEADLINE, null, 2), T0);
    }

    static Commitment payment(String condition) {
        return new Commitment("ses_1", 5, 10, new Commitment.Parties("agt_buyer", "org_b", "agt_supplier", "org_s"),
                new Commitment.Terms(ObligationType.PAYMENT, "Pay $1,800 upon confirmed delivery", new BigDecimal("1800.00"), "USD",
                        new BigDecimal("1800.00"), DEADLINE, condition, 2), T0);
    }

    static void refused(Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(ProblemCode.PROTOCOL_VIOLATION, e.code());
    }

    @Test
    void deliveryIsClaimedByItsDebtorThenConfirmedByItsCreditor() {
        Commitment c = delivery();
        assertEquals(CommitmentStatus.PENDING, c.status());
        assertEquals(Commitment.Fulfilment.DELIVERED, c.fulfil("agt_supplier", 12, T0.plusSeconds(60)));
        assertEquals(CommitmentStatus.DELIVERED, c.status());
        assertEquals(Commitment.Fulfilment.CONFIRMED, c.fulfil("agt_buyer", 13, T0.plusSeconds(120)));
        assertEquals(CommitmentStatus.FULFILLED, c.status());
        assertEquals(List.of(CommitmentStatus.PENDING, CommitmentStatus.DELIVERED, CommitmentStatus.FULFILLED),
                c.history().stream().map(Transition::status).toList());
        assertEquals(13L, c.history().get(2).messageSeq());
    }

    @Test
    void fulfilRefusesANonDebtorAndAnEarlyConfirmation() {
        Commitment c = delivery();
        refused(() -> c.fulfil("agt_stranger", 12, T0));
        refused(() -> c.fulfil("agt_buyer", 12, T0));
        assertEquals(CommitmentStatus.PENDING, c.status());
        assertEquals(1, c.history().size(), "a refusal records nothing");
    }

    @Test
    void aCreditorDoesNotPayItself() {
        Commitment p = payment(null);
        refused(() -> p.fulfil("agt_supplier", 12, T0));
        assertEquals(Commitment.Fulfilment.PAID, p.fulfil("agt_buyer", 12, T0));
        refused(() -> p.fulfil("agt_buyer", 13, T0));
    }

    @Test
    void aSettledCommitmentIsNotFulfilledAgain() {
        Commitment c = delivery();
        assertTrue(c.breach(DEADLINE));
        refused(() -> c.fulfil("agt_supplier", 12, DEADLINE));
        assertFalse(c.breach(DEADLINE.plusSeconds(5)), "a second firing changes nothing");
        assertEquals(2, c.history().size());
    }

    @Test
    void theDeadlineBreachesOnlyWhenPassedAndOnlyWhileOpen() {
        Commitment c = delivery();
        assertFalse(c.breach(DEADLINE.minusSeconds(1)));
        c.fulfil("agt_supplier", 12, T0);
        assertFalse(c.breach(DEADLINE.plusSeconds(1)), "a claimed delivery waits for its creditor, not the deadline");
        assertEquals(CommitmentStatus.DELIVERED, c.status());
    }

    @Test
    void anEscrowedPaymentIsReleasedByItsConditionOnce() {
        Commitment p = payment("cmt_delivery");
        p.escrow(T0);
        assertEquals(CommitmentStatus.ESCROWED, p.status());
        assertEquals(new BigDecimal("1800.00"), p.escrowUsd());
        assertTrue(p.releaseOnCondition(T0.plusSeconds(5)));
        assertFalse(p.releaseOnCondition(T0.plusSeconds(6)));
        assertEquals(new BigDecimal("1800.00"), p.takeEscrow());
        assertEquals(0, p.takeEscrow().signum(), "escrow is paid out once");
    }

    @Test
    void aPaymentConditionedOnABreachIsCancelled() {
        Commitment p = payment("cmt_delivery");
        p.escrow(T0);
        assertTrue(p.cancelForBreachedCondition(DEADLINE));
        assertEquals(CommitmentStatus.CANCELLED, p.status());
        assertFalse(p.breach(DEADLINE.plusSeconds(60)), "cancelled is final");
    }

    @Test
    void onlyTheCreditorDisputesAClaimedDelivery() {
        Commitment c = delivery();
        refused(() -> c.disputeDelivery("agt_buyer", 12, T0));
        c.fulfil("agt_supplier", 12, T0);
        refused(() -> c.disputeDelivery("agt_supplier", 13, T0));
        c.disputeDelivery("agt_buyer", 13, T0);
        assertEquals(CommitmentStatus.DISPUTED, c.status());
        assertFalse(c.confirmByGracePeriod(T0.plusSeconds(1_000_000)), "a disputed delivery waits for its dispute");
    }

    @Test
    void theGracePeriodConfirmsADeliveredCommitment() {
        Commitment c = delivery();
        assertFalse(c.confirmByGracePeriod(T0));
        c.fulfil("agt_supplier", 12, T0);
        assertTrue(c.confirmByGracePeriod(T0.plusSeconds(10)));
        assertEquals(CommitmentStatus.FULFILLED, c.status());
        assertEquals("grace-period", c.history().get(2).cause());
    }

    @Test
    void aCommitmentIsOwedToAnotherParty() {
        refused(() -> new Commitment("ses_1", 5, 9, new Commitment.Parties("agt_a", "org_a", "agt_a", "org_a"),
                new Commitment.Terms(ObligationType.ACTION, "x", null, "USD", null, null, null, 3), T0));
    }

    @Test
    void severityFollowsSection62() {
        assertEquals(4, Severity.of(4, new BigDecimal("1800.00"), new BigDecimal("100000")));
        assertEquals(2, Severity.of(null, new BigDecimal("1800.00"), new BigDecimal("100000")), "a missed $1,800 under $100,000: 2");
        assertEquals(1, Severity.of(null, new BigDecimal("1800.00"), null), "infrastructure, no ceiling: 1");
        assertEquals(10, Severity.of(null, new BigDecimal("1800.00"), new BigDecimal("100")), "clamped to 10");
        assertEquals(1, Severity.of(null, BigDecimal.ZERO, new BigDecimal("100")));
        assertEquals(3, Severity.of(null, null, new BigDecimal("100")));
    }
}
