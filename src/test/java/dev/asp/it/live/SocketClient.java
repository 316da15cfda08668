package dev.asp.it.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;

/** A WebSocket client on java.net.http: frames as JSON objects in a queue, the close code when it comes. */
final class SocketClient implements WebSocket.Listener, AutoCloseable {
    /** The close the server sent: code and reason. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    /** Completed by the server's first ping (its heartbeat on a quiet connection). */
    final CompletableFuture<Long> firstPing = new CompletableFuture<>();
    WebSocket socket;

    static String wsBase(String httpBase) {
        return httpBase.replaceFirst("^http", "ws");
    }

    /** Connects as {@code agent} with headers; {@code htu} is the URL its proof names (http or ws form). */
    static SocketClient withHeaders(String base, TestAgent agent, String htu) throws Exception {
        SocketClient c = new SocketClient();
        c.socket = SseClient.HTTP.newWebSocketBuilder()
                .header("Authorization", "DPoP " + agent.accessToken)
                .header("DPoP", agent.proof("GET", htu, agent.accessToken))
                .buildAsync(URI.create(wsBase(base) + "/v1/asp/ws"), c).get(30, TimeUnit.SECONDS);
        return c;
    }

    /** Connects without credentials (a browser): the first frame must authenticate. */
    static SocketClient anonymous(String base) throws Exception {
        SocketClient c = new SocketClient();
        c.socket = SseClient.HTTP.newWebSocketBuilder().buildAsync(URI.create(wsBase(base) + "/v1/asp/ws"), c).get(30, TimeUnit.SECONDS);
        return c;
    }

    /** Header authentication with the http form of the URL, waiting for the server's {@code authenticated}. */
    static SocketClient authenticated(String base, TestAgent agent) throws Exception {
        SocketClient c = withHeaders(base, agent, base + "/v1/asp/ws");
        c.expect("authenticated", 30);
        return c;
    }

    void send(JsonObject frame) {
        socket.sendText(frame.toString(), true).join();
    }

    /** Sends unless the server has closed the connection already (then the frame cannot reach it anyway). */
    void trySend(JsonObject frame) {
        try {
            socket.sendText(frame.toString(), true).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException closedAlready) {
            assertTrue(closed.isDone() || socket.isOutputClosed(), "the send failed on an open connection: " + closedAlready);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the send did not complete", e);
        }
    }

    void subscribe(String sessionId, long after) {
        send(Jsonp.object().add("type", "subscribe").add("sessionId", sessionId).add("after", after).build());
    }

    /** The next frame, or null after {@code seconds}. */
    JsonObject next(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next frame of {@code type}, skipping others; fails if none comes in time. */
    JsonObject expect(String type, long seconds) throws InterruptedException {
        return expect(f -> type.equals(f.getString("type", null)), type, seconds);
    }

    JsonObject expect(Predicate<JsonObject> which, String what, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("no " + what + " frame in " + seconds + " s" + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            if (which.test(f)) {
                return f;
            }
        }
    }

    /** The next {@code count} message frames of a session, as their envelopes' seqs. */
    List<Long> messageSeqs(String sessionId, int count, long seconds) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        while (out.size() < count) {
            JsonObject f = expect(m -> "message".equals(m.getString("type", null)) && sessionId.equals(m.getString("sessionId", null)),
                    "message of " + sessionId, seconds);
            out.add(f.getJsonObject("envelope").getJsonNumber("seq").longValue());
        }
        return out;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Jsonp.parse(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        firstPing.complete(System.nanoTime());
        return WebSocket.Listener.super.onPing(webSocket, message); // answers the pong, asks for more
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
