package dev.asp.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/**
 * The timed envelopes over WebSockets (mode ws): envelope k of a stream goes as a
 * {@code {"type":"send","envelope":…}} frame on its sender's connection, and its request completes
 * when the {@code ack} (or {@code error}) frame naming the envelope's id arrives. So the Engine's
 * closed and open loops work unchanged: an ack with {@code created:true} is reported as 201, one
 * with {@code created:false} (already stored) as 200, an error frame as its problem's status.
 *
 * <p>Delivery: for the envelopes of the sampled sessions the time of the send write is kept by id;
 * subscriber connections hand in each {@code message} push ({@link #pushed}), and the time from the
 * write to the push is the delivery latency (same process, System.nanoTime).
 */
final class WsTransport implements Transport {
    private record Pending(CompletableFuture<Reply> done, WsClient via) {
    }

    private final Map<Agent, WsClient> senders;
    private final Set<String> sampled;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    /** µs, send write → message push, inside the window. */
    final Recorder delivery = new Recorder(60_000_000L, 3);
    final LongAdder deliveredInWindow = new LongAdder();
    final LongAdder pushes = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder writes = new LongAdder();
    volatile Engine engine;

    WsTransport(Map<Agent, WsClient> senders, Set<String> sampled) {
        this.senders = senders;
        this.sampled = sampled;
    }

    @Override
    public String name() {
        return "jdk-websocket";
    }

    @Override
    public boolean needsProofs() {
        return false; // each connection was authenticated at its upgrade
    }

    @Override
    public CompletableFuture<Reply> send(Stream s, int k, String authorization, String proof, int success) {
        WsClient c = senders.get(s.senders[k]);
        String id = s.ids[k];
        CompletableFuture<Reply> f = new CompletableFuture<>();
        if (c.closed) {
            f.completeExceptionally(new IllegalStateException("connection " + c.name + " closed: " + c.closeCode + " " + c.closeReason));
            return f;
        }
        pending.put(id, new Pending(f, c));
        String frame = "{\"type\":\"send\",\"envelope\":" + new String(s.bodies[k], StandardCharsets.UTF_8) + "}";
        if (sampled.contains(s.name)) {
            watched.put(id, System.nanoTime());
        }
        writes.increment();
        c.send(frame).whenComplete((x, ex) -> {
            if (ex != null && pending.remove(id) != null) {
                f.completeExceptionally(ex);
            }
        });
        return f;
    }

    /** A frame on a sender connection: ack or error for an envelope sent on it. */
    void answered(WsClient c, String text) {
        if (text.startsWith("{\"type\":\"ack\"")) {
            String id = member(text, "\"id\":\"");
            Pending p = id == null ? null : pending.remove(id);
            if (p == null) {
                unmatched.increment();
                return;
            }
            p.done().complete(new Reply(text.contains("\"created\":true") ? 201 : 200, null));
        } else if (text.startsWith("{\"type\":\"error\"")) {
            var json = Api.json(text);
            String id = json.containsKey("id") ? json.getString("id") : null;
            Pending p = id == null ? null : pending.remove(id);
            var problem = json.getJsonObject("problem");
            String body = problem == null ? text : problem.toString();
            int status = problem != null && problem.containsKey("status") ? problem.getInt("status") : 400;
            if (p == null) {
                unmatched.increment();
                return;
            }
            p.done().complete(new Reply(status, body));
        } else if (text.startsWith("{\"type\":\"message\"")) {
            pushed(text);
        } else if (text.startsWith("{\"type\":\"event\"")) {
            events.increment();
        } else {
            unmatched.increment();
        }
    }

    /** A sender connection ended: its envelopes in flight fail (the Engine resends once on another attempt). */
    void closed(WsClient c) {
        pending.forEach((id, p) -> {
            if (p.via() == c && pending.remove(id, p)) {
                p.done().completeExceptionally(new IllegalStateException("connection " + c.name + " closed: " + c.closeCode + " " + c.closeReason));
            }
        });
    }

    /** A frame on a subscriber connection. */
    void pushed(String text) {
        if (text.startsWith("{\"type\":\"message\"")) {
            long now = System.nanoTime();
            pushes.increment();
            int env = text.indexOf("\"envelope\":");
            String id = env < 0 ? null : member(text.substring(env), "\"id\":\"");
            Long sent = id == null ? null : watched.remove(id);
            Engine e = engine;
            if (sent != null && e != null && now >= e.windowStart && now < e.windowEnd) {
                delivery.recordValue(Math.min((now - sent) / 1000, 60_000_000L));
                deliveredInWindow.increment();
            }
        } else if (text.startsWith("{\"type\":\"event\"")) {
            events.increment();
        }
    }

    int inFlight() {
        return pending.size();
    }

    /** The string value after {@code key} (which ends with the opening quote); no escapes in the ids matched here. */
    static String member(String text, String key) {
        int i = text.indexOf(key);
        if (i < 0) {
            return null;
        }
        int from = i + key.length();
        int to = text.indexOf('"', from);
        return to < 0 ? null : text.substring(from, to);
    }
}
