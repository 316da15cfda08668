package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static dev.asp.it.support.CommitmentChecks.*;
import static dev.asp.it.support.Deals.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.SecondServer;
import dev.asp.it.support.Deals.Deal;
import dev.asp.it.support.SecondServer;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;

/**
 * Spec 5: a deadline breaches its commitment exactly once with two servers on one PostgreSQL, also
 * when the server holding the timer is down at the deadline and comes back (or the other takes the
 * missed timer over). Runs only on PostgreSQL, like every test of several servers.
 */
class BreachOnceIT {
    static SecondServer second;
    static String buyerOrg;
    static String buyerAdmin;
    static String sellerAdmin;

    @BeforeAll
    static void startSecondServer() throws Exception {
        String url = System.getenv("ASP_DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"),
                "two servers share a database only on PostgreSQL; set ASP_DB_URL=jdbc:postgresql://… to run this test");
        JsonObject b = newOrg(true);
        buyerOrg = b.getString("id");
        buyerAdmin = b.getString("adminApiKey");
        sellerAdmin = newOrg(false).getString("adminApiKey");
        second = new SecondServer(Map.of());
        second.create();
        second.start();
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (second != null) {
            second.stop();
        }
    }

    /** The delivery is committed on the second server (its timer), the conditioned payment on the first. */
    private record Due(TestSession session, TestAgent buyer, String delivery, String payment) {
    }

    private static Due committedAcrossServers(int secondsToDeadline) {
        TestAgent buyer = agent(buyerAdmin, true);
        TestAgent seller = agent(sellerAdmin, true);
        credit(buyerOrg, "75.00");
        Deal deal = agreed(buyer, seller, "75.00", false);
        TestSession s = deal.session();
        String deadline = Instant.now().plusSeconds(secondsToDeadline).truncatedTo(ChronoUnit.SECONDS).toString();
        String delivery = made(s.sendTo(second.base, seller, "COMMIT", commit(deal.agreement(),
                obligation("delivery", buyer, "Deliver", null, deadline, null)), null));
        String payment = made(s.send(buyer, "COMMIT", commit(deal.agreement(),
                obligation("payment", seller, "Pay upon delivery", "75.00", null, delivery)), null));
        return new Due(s, buyer, delivery, payment);
    }

    @Test
    void aDeadlineBreachesOnceWithTwoServers() throws Exception {
        Due due = committedAcrossServers(8);
        await(due.buyer(), due.delivery(), c -> "breached".equals(c.getString("status")), 90);
        Thread.sleep(5000); // the other server's poll for missed timers, or a second firing, would show by now
        assertBreachedOnce(due.session(), due.buyer(), due.delivery(), due.payment(), buyerOrg);
        assertEquals("cancelled", commitment(due.buyer(), due.payment()).getString("status"));
    }

    @Test
    void aDeadlineDueWhileItsServerIsDownBreachesOnceAfterwards() throws Exception {
        Due due = committedAcrossServers(12);
        second.stop();
        try {
            Thread.sleep(15_000);
        } finally {
            second.start();
        }
        // the restarted server runs its missed timer, or the first takes it over (missedTaskThreshold): either way once
        await(due.buyer(), due.delivery(), c -> "breached".equals(c.getString("status")), 240);
        Thread.sleep(5000);
        assertBreachedOnce(due.session(), due.buyer(), due.delivery(), due.payment(), buyerOrg);
    }
}
