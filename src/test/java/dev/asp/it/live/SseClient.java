package dev.asp.it.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;

/** An EventSource as a client library would write it: java.net.http, one thread parsing the stream. */
final class SseClient implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** One dispatched SSE event; a comment has name null and the comment's text as data. */
    record Event(String name, String id, String data, boolean comment) {
        JsonObject json() {
            return Jsonp.parse(data);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    final int status;
    final String contentType;
    private final Stream<String> lines;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.lines = response.body();
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream as {@code agent}; {@code lastEventId} and {@code after} may be null. */
    static SseClient open(String base, TestAgent agent, String sessionId, String lastEventId, Long after) throws Exception {
        String path = "/v1/asp/sessions/" + sessionId + "/messages";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (after == null ? "" : "?after=" + after)))
                .header("Accept", "text/event-stream")
                .header("Authorization", "DPoP " + agent.accessToken)
                .header("DPoP", agent.proof("GET", base + path, agent.accessToken));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r = HTTP.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        return new SseClient(r);
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString(), false));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, line.substring(1).trim(), true));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                        }
                    }
                }
            }
            ended.complete(null);
        } catch (RuntimeException e) {
            ended.completeExceptionally(e);
        }
    }

    /** The next event or comment, or null after {@code seconds}. */
    Event next(long seconds) throws InterruptedException {
        return events.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next event that is not a comment. */
    Event nextEvent(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null || !e.comment()) {
                return e;
            }
        }
    }

    /** The next {@code count} {@code message} events (other events skipped); fails if they do not come in time. */
    List<Event> messages(int count, long seconds) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("got " + out.size() + " of " + count + " messages in " + seconds + " s");
            }
            if ("message".equals(e.name()) && !e.comment()) {
                out.add(e);
            }
        }
        return out;
    }

    /** The next {@code event} event of the given kind, skipping everything else. */
    JsonObject event(String kind, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no event " + kind + " in " + seconds + " s");
            }
            if ("event".equals(e.name()) && kind.equals(e.json().getString("event", null))) {
                return e.json();
            }
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
