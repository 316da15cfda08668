package dev.asp.domain.commitment;

import static dev.asp.domain.commitment.CommitmentStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.asp.domain.session.Outcome;

/** Spec 4.5: success, partial or failure once every commitment has settled; nothing before. */
class SettledOutcomeTest {
    @Test
    void allFulfilledIsSuccess() {
        assertEquals(Optional.of(Outcome.SUCCESS), SettledOutcome.of(List.of(FULFILLED, FULFILLED)));
    }

    @Test
    void someFulfilledIsPartial() {
        assertEquals(Optional.of(Outcome.PARTIAL), SettledOutcome.of(List.of(FULFILLED, BREACHED, CANCELLED)));
    }

    @Test
    void noneFulfilledIsFailure() {
        assertEquals(Optional.of(Outcome.FAILURE), SettledOutcome.of(List.of(BREACHED, CANCELLED)));
    }

    @Test
    void anythingRunningOrDisputedKeepsTheSessionOpen() {
        for (CommitmentStatus running : List.of(PENDING, ESCROWED, DELIVERED, DISPUTED)) {
            assertEquals(Optional.empty(), SettledOutcome.of(List.of(FULFILLED, running)), running.wire());
        }
        assertEquals(Optional.empty(), SettledOutcome.of(List.of()), "no commitments: nothing settles the session");
    }
}
