package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.asp.domain.shared.Jsonp;

class SubscriberTest {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final Store store = new Store();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** An in-memory transcript standing in for the database. */
    static final class Store implements Transcripts {
        final Map<String, List<Frame.Message>> sessions = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        Frame.Message commit(String sessionId) {
            List<Frame.Message> list = sessions.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>());
            Frame.Message m = new Frame.Message(sessionId, list.size() + 1, "{\"seq\":" + (list.size() + 1) + "}");
            list.add(m);
            return m;
        }

        @Override
        public List<Frame.Message> after(String sessionId, long after, int limit) {
            reads.incrementAndGet();
            return sessions.getOrDefault(sessionId, List.of()).stream().filter(m -> m.seq() > after).limit(limit).toList();
        }
    }

    /**
     * Records what it is sent, and on which threads; {@code stalled} sends never complete (a client
     * that stopped reading). {@code inline}: a transport whose transmit never blocks, pumped on the
     * thread that queues the frame (the WebSocket's), else on the executor (SSE's).
     */
    static class Recorder extends Subscriber {
        final List<Frame> sent = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final boolean inline;
        volatile boolean stalled;
        volatile String endedWith;
        volatile boolean overflowed;

        Recorder(LiveHub hub, boolean inline) {
            super(hub);
            this.inline = inline;
        }

        @Override
        protected boolean transmitsWithoutBlocking() {
            return inline;
        }

        @Override
        protected CompletionStage<?> transmit(Frame frame) {
            sent.add(frame);
            threads.add(Thread.currentThread());
            return stalled ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }

        @Override
        protected void terminate(String reason, boolean overflow) {
            endedWith = reason;
            overflowed = overflow;
        }

        List<Long> seqs(String sessionId) {
            List<Long> out = new ArrayList<>();
            for (Frame f : sent) {
                if (f instanceof Frame.Message m && m.sessionId().equals(sessionId)) {
                    out.add(m.seq());
                }
            }
            return out;
        }
    }

    private LiveHub hub(int capacity) {
        return new LiveHub(executor, store, capacity, 15);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not reached in 5 s");
            }
            Thread.sleep(5);
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void replaysAfterTheGivenSeqThenGoesLive(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        for (int i = 0; i < 5; i++) {
            store.commit("ses_a");
        }
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_a", 2);
        await(() -> r.seqs("ses_a").size() == 3);
        hub.publish("ses_a", List.of(store.commit("ses_a")));
        await(() -> r.seqs("ses_a").size() == 4);
        assertEquals(range(3, 6), r.seqs("ses_a"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void messagesCommittedDuringTheReplayArriveOnceAndInOrder(boolean inline) throws Exception {
        LiveHub hub = hub(256);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_b", 0);
        // commits racing the replay: each is in the database before it is published, as after a real commit
        for (int i = 0; i < 150; i++) {
            hub.publish("ses_b", List.of(store.commit("ses_b")));
        }
        await(() -> r.seqs("ses_b").size() >= 150);
        Thread.sleep(50);
        assertEquals(range(1, 150), r.seqs("ses_b"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void aGapInLiveFramesIsHealedFromTheTranscript(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_c", 0);
        await(() -> store.reads.get() >= 1);
        Thread.sleep(20);
        Frame.Message first = store.commit("ses_c");
        Frame.Message second = store.commit("ses_c");
        hub.publish("ses_c", List.of(second)); // the first one's delivery is still on its way
        await(() -> r.seqs("ses_c").size() == 2);
        hub.publish("ses_c", List.of(first));
        Thread.sleep(50);
        assertEquals(List.of(1L, 2L), r.seqs("ses_c"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void eventsFollowTheirMessages(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_d", 0);
        await(() -> store.reads.get() >= 1);
        Frame.Event state = new Frame.Event("ses_d", Jsonp.object().add("type", "event").add("event", "state").build());
        hub.publish("ses_d", List.of(store.commit("ses_d"), state));
        await(() -> r.sent.size() == 2);
        assertInstanceOf(Frame.Message.class, r.sent.get(0));
        assertEquals(state, r.sent.get(1));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void aConsumerThatStopsReadingIsDroppedWithoutStallingTheOthers(boolean inline) throws Exception {
        LiveHub hub = hub(8);
        Recorder slow = new Recorder(hub, inline);
        slow.stalled = true;
        Recorder fast = new Recorder(hub, inline);
        hub.subscribe(slow, "ses_e", 0);
        hub.subscribe(fast, "ses_e", 0);
        await(() -> store.reads.get() >= 2);
        Thread.sleep(20);
        for (int i = 1; i <= 20; i++) {
            hub.publish("ses_e", List.of(store.commit("ses_e")));
            int n = i;
            await(() -> fast.seqs("ses_e").size() == n); // a consumer that keeps up is never dropped
        }
        await(() -> slow.endedWith != null);
        assertTrue(slow.overflowed);
        assertTrue(slow.endedWith.startsWith("too slow"), slow.endedWith);
        await(() -> fast.seqs("ses_e").size() == 20);
        assertEquals(range(1, 20), fast.seqs("ses_e"));
        assertEquals(1, hub.subscriberCount());
        hub.publish("ses_e", List.of(store.commit("ses_e")));
        await(() -> fast.seqs("ses_e").size() == 21);
        assertTrue(slow.sent.size() <= 1, "the stalled consumer got one send in flight and nothing more");
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void aLongReplayTakesOnlyTheRoomThereIs(boolean inline) throws Exception {
        LiveHub hub = hub(16);
        for (int i = 0; i < 500; i++) {
            store.commit("ses_f");
        }
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_f", 0);
        await(() -> r.seqs("ses_f").size() == 500);
        assertNull(r.endedWith, "a replay never overflows the mailbox");
        assertEquals(range(1, 500), r.seqs("ses_f"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void resyncRereadsWhatNotificationsMissed(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_g", 0);
        await(() -> store.reads.get() >= 1);
        Thread.sleep(20);
        store.commit("ses_g");
        store.commit("ses_g"); // committed elsewhere while no announcement could be heard
        hub.resyncAll();
        await(() -> r.seqs("ses_g").size() == 2);
        assertEquals(List.of(1L, 2L), r.seqs("ses_g"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void unsubscribedSessionsAreNoLongerDelivered(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_h", 0);
        await(() -> store.reads.get() >= 1);
        Thread.sleep(20);
        hub.unsubscribe(r, "ses_h");
        assertFalse(hub.hasRecipients("ses_h"));
        hub.publish("ses_h", List.of(store.commit("ses_h")));
        Thread.sleep(50);
        assertTrue(r.seqs("ses_h").isEmpty());
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void anEndFrameClosesAfterWhatWasQueuedBeforeIt(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        store.commit("ses_i");
        Recorder r = new Recorder(hub, inline) {
            @Override
            protected void replayed(String sessionId) {
                send(new Frame.End("the session is closed"));
            }
        };
        hub.subscribe(r, "ses_i", 0);
        await(() -> r.endedWith != null);
        assertEquals(List.of(1L), r.seqs("ses_i"));
        assertInstanceOf(Frame.End.class, r.sent.get(r.sent.size() - 1));
        assertFalse(r.overflowed);
        assertFalse(hub.hasRecipients("ses_i"));
    }

    @ParameterizedTest(name = "pumped on the queuing thread: {0}")
    @ValueSource(booleans = { false, true })
    void idleConsumersGetHeartbeats(boolean inline) throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, inline);
        hub.subscribe(r, "ses_j", 0);
        await(() -> store.reads.get() >= 1);
        Thread.sleep(20);
        r.heartbeatIfIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(16), TimeUnit.SECONDS.toNanos(15));
        await(() -> r.sent.stream().anyMatch(Frame.Heartbeat.class::isInstance));
        int before = r.sent.size();
        r.heartbeatIfIdle(System.nanoTime(), TimeUnit.SECONDS.toNanos(15));
        Thread.sleep(20);
        assertEquals(before, r.sent.size(), "no heartbeat right after a send");
    }

    @Test
    void aTransportThatNeverBlocksIsSentToOnThePublishersOwnThread() throws Exception {
        LiveHub hub = hub(64);
        Recorder r = new Recorder(hub, true) {
            @Override
            protected void replayed(String sessionId) {
                caughtUp.countDown();
            }
        };
        hub.subscribe(r, "ses_k", 0);
        assertTrue(caughtUp.await(5, TimeUnit.SECONDS));
        hub.publish("ses_k", List.of(store.commit("ses_k")));
        assertEquals(List.of(1L), r.seqs("ses_k"), "sent before publish returned: no hand-off to the executor");
        assertEquals(Thread.currentThread(), r.threads.get(r.threads.size() - 1));
        assertTrue(r.send(new Frame.Heartbeat()));
        assertEquals(Thread.currentThread(), r.threads.get(r.threads.size() - 1));
    }

    private final CountDownLatch caughtUp = new CountDownLatch(1);
}
