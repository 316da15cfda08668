package dev.asp.interfaces.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendLanesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneSessionsSendsStartInArrivalOrderEachAfterTheOneBeforeIsAnswered() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(new CompletableFuture<>());
        }
        for (int i = 0; i < 200; i++) {
            int n = i;
            assertTrue(lanes.submit("ses_1", () -> {
                started.add(n);
                return answers.get(n);
            }));
        }
        for (int i = 0; i < 200; i++) {
            int n = i;
            waitUntil(() -> started.size() == n + 1);
            if (n == 0) {
                Thread.sleep(50); // time for a second send started too early to show
            }
            assertEquals(n + 1, started.size(), "nothing started before the send ahead of it was answered");
            assertEquals(n, started.get(n));
            answers.get(n).complete(null);
        }
    }

    @Test
    void anIdleLanesSendStartsOnTheCallersThreadAQueuedOneOnTheExecutor() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        CountDownLatch ran = new CountDownLatch(1);
        lanes.submit("ses_1", () -> {
            first.set(Thread.currentThread());
            return answer;
        });
        lanes.submit("ses_1", () -> {
            second.set(Thread.currentThread());
            ran.countDown();
            return CompletableFuture.completedFuture(null);
        });
        assertSame(Thread.currentThread(), first.get());
        answer.complete(null); // answered on this thread, as a group commit's writer answers
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertFalse(second.get() == Thread.currentThread(), "the queued send started off the answering thread");
    }

    @Test
    void aSlowSessionDoesNotHoldUpAnother() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        CountDownLatch other = new CountDownLatch(1);
        lanes.submit("ses_slow", CompletableFuture::new);
        lanes.submit("ses_other", () -> {
            other.countDown();
            return CompletableFuture.completedFuture(null);
        });
        assertTrue(other.await(10, TimeUnit.SECONDS), "the other session's send ran while the slow one waited");
    }

    @Test
    void aSendThatThrowsStillFreesItsLane() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        lanes.submit("ses_1", () -> {
            throw new IllegalStateException("refused");
        });
        CountDownLatch next = new CountDownLatch(1);
        lanes.submit("ses_1", () -> {
            next.countDown();
            return CompletableFuture.completedFuture(null);
        });
        assertTrue(next.await(10, TimeUnit.SECONDS));
    }

    @Test
    void unansweredSendsAreBounded() throws Exception {
        SendLanes lanes = new SendLanes(pool);
        CompletableFuture<Void> release = new CompletableFuture<>();
        for (int i = 0; i < SendLanes.MAX_IN_FLIGHT; i++) {
            assertTrue(lanes.submit("ses_" + (i % 4), () -> release));
        }
        assertFalse(lanes.submit("ses_x", () -> CompletableFuture.completedFuture(null)));
        release.complete(null);
        CountDownLatch later = new CountDownLatch(1);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline;) {
            if (lanes.submit("ses_x", () -> {
                later.countDown();
                return CompletableFuture.completedFuture(null);
            })) {
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(later.await(10, TimeUnit.SECONDS), "room again once sends were answered");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !condition.getAsBoolean();) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(1);
        }
    }
}
