package dev.asp.application.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.asp.domain.commitment.CommitmentBreached;
import dev.asp.domain.commitment.CommitmentFulfilled;
import dev.asp.domain.trust.AspTrust1;
import dev.asp.domain.trust.IdentityFacts;
import dev.asp.domain.trust.TrustFact;
import dev.asp.domain.trust.TrustLevel;
import dev.asp.domain.trust.TrustState;

/** The commitments' domain events as the trust facts they become (spec 6.2), and what those do to a score. */
class TrustObserversTest {
    static final Instant AT = Instant.parse("2026-03-16T00:00:00Z");
    static final IdentityFacts ID = new IdentityFacts("enterprise_scim", 100, true, 200, true, 0, false);

    static CommitmentBreached breached(int severity, String amount, String cause, String dispute) {
        return new CommitmentBreached("cmt_1", "ses_1", "agt_debtor", "agt_creditor", "delivery", amount == null ? null : new BigDecimal(amount),
                severity, cause, dispute, AT);
    }

    @Test
    void aBreachKeepsTheCommitmentsSeverityAndMultipliesTheScoreByItsFactor() {
        TrustFact.Breach b = TrustObservers.breach(breached(3, "1800.00", "deadline", null), null);
        assertEquals(3, b.severity());
        assertEquals("breach:cmt_1", b.cause().key());
        assertEquals("cmt_1", b.cause().json().getString("commitment"));
        TrustState before = TrustState.initial().apply(AT, new TrustFact.Activity("msg_1"));
        double s = AspTrust1.assess(before, ID, AT).score();
        TrustState after = before.apply(AT, b);
        assertEquals(s * 0.2231, AspTrust1.assess(after, ID, AT).score(), 0.01);
        assertSame(after, after.apply(AT, TrustObservers.breach(breached(3, "1800.00", "dispute", "dsp_1"), null)),
                "the same commitment breached again by a dispute changes nothing");
    }

    @Test
    void withoutASeverityTheDefaultComesFromTheAmountAndTheDebtorsCeiling() {
        assertEquals(2, TrustObservers.breach(breached(0, "1800.00", "deadline", null), TrustLevel.TRUSTED).severity(), "$1,800 under $100,000");
        assertEquals(1, TrustObservers.breach(breached(0, "1800.00", "deadline", null), TrustLevel.INFRASTRUCTURE).severity());
        assertEquals(10, TrustObservers.breach(breached(0, "500.00", "deadline", null), TrustLevel.PROBATION).severity());
        assertEquals(3, TrustObservers.breach(breached(0, null, "deadline", null), TrustLevel.TRUSTED).severity());
    }

    @Test
    void aFulfilmentIsOnTimeByItsDeadlineAndAPaymentCountsForEr() {
        var onTime = TrustObservers.fulfilment(new CommitmentFulfilled("cmt_2", "ses_1", "agt_debtor", "agt_creditor", "payment",
                new BigDecimal("1800.00"), AT, AT, "paid"), false);
        assertTrue(onTime.onTime());
        assertTrue(onTime.payment());
        var late = TrustObservers.fulfilment(new CommitmentFulfilled("cmt_3", "ses_1", "agt_debtor", "agt_creditor", "delivery", null, AT,
                AT.plusSeconds(1), "confirmed"), true);
        assertFalse(late.onTime());
        assertFalse(late.payment());
        TrustState s = TrustState.initial().apply(AT, onTime).apply(AT, late);
        var a = AspTrust1.assess(s, ID, AT);
        assertTrue(a.components().get("CF") > 0 && a.components().get("ER") > 0);
        assertEquals(1.0, a.penalty(), 0, "a fulfilment acts on the evidence, not on D");
    }
}
