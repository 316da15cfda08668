package dev.asp.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

/**
 * One session's transcript as Server-Sent Events (spec 4.7): replay after a seq, then live. Each
 * envelope reaches the consumer once, in seq order; when the stream ends or breaks it is opened
 * again with {@code Last-Event-ID} = the last seq delivered, until {@link #close()}. For proxies
 * that break WebSockets; {@link LiveConnection} multiplexes many sessions on one connection.
 */
public final class SseStream implements AutoCloseable {
    private static final int MAX_CONSECUTIVE_FAILURES = 8;
    private final AspAgent agent;
    private final String sessionId;
    private final Consumer<JsonObject> onEnvelope;
    private volatile long last;
    private volatile boolean closed;
    private volatile CompletableFuture<?> current;
    private volatile Stream<String> body;

    SseStream(AspAgent agent, String sessionId, long after, Consumer<JsonObject> onEnvelope) {
        this.agent = agent;
        this.sessionId = sessionId;
        this.last = after;
        this.onEnvelope = onEnvelope;
    }

    /** Starts reading on a thread of its own; answers at once. */
    SseStream start() {
        Thread t = new Thread(this::loop, "asp-sse-" + sessionId);
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** The last seq delivered. */
    public long lastSeq() {
        return last;
    }

    private void loop() {
        int failures = 0;
        while (!closed && failures < MAX_CONSECUTIVE_FAILURES) {
            long before = last;
            try {
                readOnce();
            } catch (RuntimeException e) {
                // a broken stream: opened again below after the last seq delivered
            }
            failures = last > before ? 0 : failures + 1;
            if (!closed) {
                sleep(Math.min(5_000, 100L << failures));
            }
        }
    }

    private void readOnce() {
        String path = "/v1/asp/sessions/" + sessionId + "/messages";
        Map<String, String> auth = agent.authorization("GET", agent.client().url(path));
        HttpRequest request = HttpRequest.newBuilder(URI.create(agent.client().url(path))).header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(last)).header("Authorization", auth.get("Authorization")).header("DPoP", auth.get("DPoP"))
                .GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> f = agent.client().http().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        current = f;
        HttpResponse<Stream<String>> r = f.join();
        if (r.statusCode() != 200) {
            String body = String.join("\n", (Iterable<String>) r.body()::iterator);
            throw new AspProblemException("SSE " + sessionId, new AspResponse(r.statusCode(), r.headers(), body));
        }
        String event = "message";
        StringBuilder data = new StringBuilder();
        body = r.body();
        try (Stream<String> lines = body) {
            Iterator<String> it = lines.iterator();
            while (!closed && it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if ("message".equals(event) && data.length() > 0) {
                        deliver(Codec.object(data.toString()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
                // "id:" repeats the envelope's seq; ":" lines are heartbeats
            }
        }
    }

    private void deliver(JsonObject envelope) {
        long seq = envelope.getJsonNumber("seq").longValue();
        if (seq <= last) {
            return;
        }
        onEnvelope.accept(envelope);
        last = seq;
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<?> f = current;
        if (f != null) {
            f.cancel(true);
        }
        Stream<String> b = body;
        if (b != null) {
            b.close(); // ends the response body, so the reading thread stops now, not at the next heartbeat
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
