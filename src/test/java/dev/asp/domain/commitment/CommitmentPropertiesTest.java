package dev.asp.domain.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.asp.domain.shared.DomainException;

/** Whatever is asked of a commitment in whatever order, a settled one never changes and history tells every change. */
class CommitmentPropertiesTest {
    private static final List<String> WHO = List.of("agt_supplier", "agt_buyer", "agt_buyer", "agt_supplier", "agt_stranger");

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 5 * 7 - 1).list().ofMaxSize(12);
    }

    @Property(tries = 500)
    void settledIsFinalAndHistoryRecordsEachChange(@ForAll("steps") List<Integer> steps, @ForAll boolean isPayment) {
        Commitment c = isPayment ? CommitmentTest.payment(null) : CommitmentTest.delivery();
        if (isPayment) {
            c.escrow(CommitmentTest.T0);
        }
        Instant now = CommitmentTest.T0;
        long seq = 20;
        for (int step : steps) {
            CommitmentStatus before = c.status();
            int changes = c.history().size();
            String who = WHO.get(step % WHO.size());
            now = now.plusSeconds(700);
            boolean changed;
            try {
                changed = switch (step / WHO.size()) {
                    case 0 -> { c.fulfil(who, seq++, now); yield true; }
                    case 1 -> { c.disputeDelivery(who, seq++, now); yield true; }
                    case 2 -> c.breach(now);
                    case 3 -> c.releaseOnCondition(now);
                    case 4 -> c.cancelForBreachedCondition(now);
                    case 5 -> c.confirmByGracePeriod(now);
                    default -> false;
                };
            } catch (DomainException refused) {
                changed = false;
            }
            if (before.settled()) {
                assertEquals(before, c.status(), "settled is final");
            }
            assertEquals(changes + (changed ? 1 : 0), c.history().size());
            assertEquals(c.status(), c.history().get(c.history().size() - 1).status());
            assertTrue(c.status() != CommitmentStatus.DELIVERED || !c.isPayment(), "a payment is paid, never delivered");
        }
    }
}
