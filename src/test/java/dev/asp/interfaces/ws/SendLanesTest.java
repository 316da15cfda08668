package dev.asp.interfaces.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendLanesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneSessionsSendsRunInArrivalOrder() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            assertTrue(lanes.submit("ses_1", () -> {
                ran.add(n);
                all.countDown();
            }));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 200; i++) {
            assertEquals(i, ran.get(i));
        }
    }

    @Test
    void aSlowSessionDoesNotHoldUpAnother() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch other = new CountDownLatch(1);
        lanes.submit("ses_slow", () -> await(release));
        lanes.submit("ses_other", other::countDown);
        assertTrue(other.await(10, TimeUnit.SECONDS), "the other session's send ran while the slow one waited");
        release.countDown();
    }

    @Test
    void unansweredSendsAreBounded() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < SendLanes.MAX_IN_FLIGHT; i++) {
            assertTrue(lanes.submit("ses_" + (i % 4), () -> await(release)));
        }
        assertFalse(lanes.submit("ses_x", () -> { }));
        release.countDown();
        CountDownLatch later = new CountDownLatch(1);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline;) {
            if (lanes.submit("ses_x", later::countDown)) {
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(later.await(10, TimeUnit.SECONDS), "room again once sends were answered");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
