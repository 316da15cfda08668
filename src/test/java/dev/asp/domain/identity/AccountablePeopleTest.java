package dev.asp.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

class AccountablePeopleTest {
    static final AccountablePeople ALICE = new AccountablePeople("Alice Broker", new AccountablePeople.PersonName("Alice", "Broker", null),
            List.of(new AccountablePeople.Email("alice@example.com", "work", true), new AccountablePeople.Email("a@home.example", null, null)),
            "Example Corp", "Procurement", new AccountablePeople.Manager("mgr-1", "https://idp.example/Users/mgr-1", "The Manager"));

    @Test
    void anAgentKeepsWhatItWasToldAsItWasTold() {
        Agent agent = new Agent("org_1", "broker", true, Instant.EPOCH);
        assertEquals(AccountablePeople.NONE, agent.people());
        agent.setPeople(ALICE);
        assertEquals(ALICE, agent.people());
        agent.setPeople(AccountablePeople.NONE);
        assertEquals(AccountablePeople.NONE, agent.people());
    }

    @Test
    void atMostOnePrimaryEmail() {
        var twice = List.of(new AccountablePeople.Email("a@example.com", null, true), new AccountablePeople.Email("b@example.com", null, true));
        assertMalformed(() -> new AccountablePeople(null, null, twice, null, null, null));
    }

    @Test
    void anEmailNeedsAnAddress() {
        assertMalformed(() -> new AccountablePeople.Email(" ", "work", null));
        assertMalformed(() -> new AccountablePeople.Email(null, "work", null));
    }

    @Test
    void textsAndListsAreBounded() {
        String tooLong = "x".repeat(AccountablePeople.MAX_TEXT + 1);
        assertMalformed(() -> new AccountablePeople(tooLong, null, List.of(), null, null, null));
        assertMalformed(() -> new AccountablePeople.PersonName(null, tooLong, null));
        assertMalformed(() -> new AccountablePeople.Manager(tooLong, null, null));
        var many = Collections.nCopies(AccountablePeople.MAX_EMAILS + 1, new AccountablePeople.Email("a@example.com", null, null));
        assertMalformed(() -> new AccountablePeople(null, null, many, null, null, null));
    }

    private static void assertMalformed(Runnable r) {
        assertEquals(ProblemCode.MALFORMED, assertThrows(DomainException.class, r::run).code());
    }
}
