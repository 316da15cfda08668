package dev.asp.it.sdk;

import static dev.asp.it.support.Asp.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.client.AspAgent;
import dev.asp.client.LiveConnection;
import dev.asp.client.Participant;
import dev.asp.client.Session;
import dev.asp.client.SseStream;

/** Spec 4.8 through the SDK: a WebSocket dropped mid-stream resumes after its last seq — no gap, no duplicate. */
class LiveResumeIT {
    static final int MESSAGES = 40;

    @Test
    void aDroppedConnectionResumesWithoutGapOrDuplicate() throws Exception {
        AspAgent buyer = SdkAgents.agent(newOrg(true).getString("adminApiKey"), true);
        AspAgent seller = SdkAgents.agent(newOrg(true).getString("adminApiKey"), true);
        Session buying = buyer.openSession("live resume", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        seller.session(buying.id()).accept(1, "joining");
        Session second = buyer.openSession("a second session on the same connection", null, Participant.of(buyer.id(), "buyer"),
                Participant.of(seller.id(), "seller"));
        seller.session(second.id()).accept(1, "joining");

        List<Long> seen = new CopyOnWriteArrayList<>();
        List<String> otherSession = new CopyOnWriteArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        CountDownLatch tenth = new CountDownLatch(10);
        long last = 3 + MESSAGES; // INVITE, ACCEPT, introduction, then the queries
        CountDownLatch all = new CountDownLatch(1);
        LiveConnection live = seller.live(new LiveConnection.Listener() {
            @Override
            public void onMessage(String sessionId, JsonObject envelope) {
                if (!sessionId.equals(buying.id())) {
                    otherSession.add(envelope.getString("performative"));
                    return;
                }
                long seq = envelope.getJsonNumber("seq").longValue();
                seen.add(seq);
                tenth.countDown();
                if (seq == last) {
                    all.countDown();
                }
            }

            @Override
            public void onReconnected(int attempts) {
                reconnects.incrementAndGet();
            }
        }).connect();
        try {
            live.subscribe(buying.id(), 0);
            live.subscribe(second.id(), 0);
            Thread sender = new Thread(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    buying.query("part " + i);
                }
            });
            sender.start();
            assertTrue(tenth.await(60, TimeUnit.SECONDS), "ten messages arrived");
            live.abortConnection(); // mid-stream: the sender keeps writing while the socket is gone
            sender.join(120_000);
            assertTrue(all.await(60, TimeUnit.SECONDS), () -> "the last seq arrived; seen " + seen);
            assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), List.copyOf(seen), "every seq once, in order");
            assertTrue(reconnects.get() >= 1, "it reconnected");
            assertEquals(List.of("INVITE", "ACCEPT", "INFORM"), otherSession, "the second session's subscription survived the reconnect without a duplicate");
        } finally {
            live.close();
        }
    }

    @Test
    void anSseStreamReplaysThenGoesLiveAndResumesAfterItsLastSeq() throws Exception {
        AspAgent buyer = SdkAgents.agent(newOrg(true).getString("adminApiKey"), true);
        AspAgent seller = SdkAgents.agent(newOrg(true).getString("adminApiKey"), true);
        Session buying = buyer.openSession("sse", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        seller.session(buying.id()).accept(1, "joining");
        List<Long> seen = new CopyOnWriteArrayList<>();
        CountDownLatch five = new CountDownLatch(5);
        try (SseStream stream = seller.session(buying.id()).stream(0, e -> {
            seen.add(e.getJsonNumber("seq").longValue());
            five.countDown();
        })) {
            buying.query("live one");
            buying.query("live two");
            assertTrue(five.await(60, TimeUnit.SECONDS), () -> "replayed 1-3 and two live; seen " + seen);
        }
        buying.query("while away");
        CountDownLatch sixth = new CountDownLatch(1);
        try (SseStream again = seller.session(buying.id()).stream(5, e -> {
            seen.add(e.getJsonNumber("seq").longValue());
            sixth.countDown();
        })) {
            assertTrue(sixth.await(60, TimeUnit.SECONDS), "the message sent while away");
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(seen));
    }
}
