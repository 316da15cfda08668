package dev.asp.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Live delivery over one WebSocket ({@code /v1/asp/ws}, spec 4.8) for many sessions. Each session's
 * messages reach the {@link Listener} once each and in seq order: after a dropped connection it
 * reconnects (a fresh proof, the token refreshed if due) and subscribes again after the last seq it
 * delivered, so nothing is missed and nothing comes twice; a seq that jumps is filled from the
 * transcript over HTTP first.
 */
public final class LiveConnection implements AutoCloseable {
    /** What arrives. Called on the connection's thread, one call at a time; return quickly. */
    public interface Listener {
        /** The next envelope of {@code sessionId}, exactly as signed. */
        void onMessage(String sessionId, JsonObject envelope);

        /** A state change or trust update ({@code {"type":"event",…}}). */
        default void onEvent(JsonObject event) {
        }

        /** A refused subscribe or a closing reason ({@code {"type":"error","problem":{…}}}). */
        default void onError(JsonObject frame) {
        }

        /** A dropped connection was replaced by a new one. */
        default void onReconnected(int attempts) {
        }
    }

    private static final int MAX_RECONNECT_ATTEMPTS = 8;
    private final AspAgent agent;
    private final Listener listener;
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private volatile WebSocket socket;
    private volatile int generation;
    /** The generation of the last socket that authenticated. */
    private volatile int connectedGeneration;
    private volatile boolean closed;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "asp-live-renewal");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> renewal;

    LiveConnection(AspAgent agent, Listener listener) {
        this.agent = agent;
        this.listener = listener;
    }

    /** Opens the socket with header authentication and waits for the server's {@code authenticated}. */
    public synchronized LiveConnection connect() {
        int gen = ++generation;
        CompletableFuture<Void> authenticated = new CompletableFuture<>();
        String httpUrl = agent.client().url("/v1/asp/ws");
        Map<String, String> auth = agent.authorization("GET", httpUrl);
        try {
            socket = agent.client().http().newWebSocketBuilder().header("Authorization", auth.get("Authorization")).header("DPoP", auth.get("DPoP"))
                    .buildAsync(URI.create(httpUrl.replaceFirst("^http", "ws")), new Frames(gen, authenticated)).get(30, TimeUnit.SECONDS);
            authenticated.get(30, TimeUnit.SECONDS);
            connectedGeneration = gen;
            scheduleRenewal();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket " + httpUrl + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        for (Map.Entry<String, Long> s : delivered.entrySet()) {
            sendSubscribe(s.getKey(), s.getValue());
        }
        return this;
    }

    /**
     * Spec 4.8: before the token expires the connection moves onto a new one with an {@code auth}
     * frame (a fresh proof), so it is not closed at expiry. Should that fail, the server closes the
     * connection at expiry and it reconnects and resumes like after any drop.
     */
    private synchronized void scheduleRenewal() {
        if (renewal != null) {
            renewal.cancel(false);
        }
        // one second into the SDK's refresh margin, where accessToken() obtains a new token
        Instant due = agent.tokenExpiresAt().minus(AspAgent.REFRESH_MARGIN).plusSeconds(1);
        long delay = Math.max(5_000, Duration.between(Instant.now(), due).toMillis()); // a failed renewal is retried, not spun on
        renewal = renewals.schedule(this::renew, delay, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        if (closed) {
            return;
        }
        try {
            String httpUrl = agent.client().url("/v1/asp/ws");
            Map<String, String> auth = agent.authorization("GET", httpUrl);
            send(Json.createObjectBuilder().add("type", "auth").add("token", auth.get("Authorization").substring("DPoP ".length()))
                    .add("dpop", auth.get("DPoP")).build());
        } catch (RuntimeException e) {
            // no new token now (the service unreachable): the close at expiry leads to a reconnect
        }
        scheduleRenewal();
    }

    /** Subscribes to {@code sessionId}: replays after {@code after}, then live (at most 100 sessions per connection). */
    public void subscribe(String sessionId, long after) {
        delivered.put(sessionId, after);
        sendSubscribe(sessionId, after);
    }

    public void unsubscribe(String sessionId) {
        delivered.remove(sessionId);
        send(Json.createObjectBuilder().add("type", "unsubscribe").add("sessionId", sessionId).build());
    }

    /** The last seq delivered for {@code sessionId} (its {@code after} before any). */
    public long lastSeq(String sessionId) {
        return delivered.getOrDefault(sessionId, 0L);
    }

    /** Drops the current socket as a failing network would; the connection recovers as from any drop. */
    public void abortConnection() {
        WebSocket s = socket;
        int gen = generation;
        s.abort();
        reconnectAfterLoss(gen);
    }

    @Override
    public void close() {
        closed = true;
        renewals.shutdownNow();
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    private void sendSubscribe(String sessionId, long after) {
        send(Json.createObjectBuilder().add("type", "subscribe").add("sessionId", sessionId).add("after", after).build());
    }

    private void send(JsonObject frame) {
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            // A send on a socket that just dropped fails; the reconnect subscribes again from the last seq.
            s.sendText(frame.toString(), true).exceptionally(e -> null).join();
        }
    }

    private void deliver(JsonObject envelope) {
        String sessionId = envelope.getString("sessionId");
        long seq = envelope.getJsonNumber("seq").longValue();
        Long last = delivered.get(sessionId);
        if (last == null || seq <= last) {
            return; // unsubscribed, or already delivered (a replay overlapping what came live)
        }
        if (seq > last + 1) {
            fillGap(sessionId, last, seq);
        }
        listener.onMessage(sessionId, envelope);
        delivered.put(sessionId, seq);
    }

    private void fillGap(String sessionId, long last, long upTo) {
        Session session = agent.session(sessionId);
        long after = last;
        while (after < upTo - 1) {
            List<JsonObject> page = session.messages(after, (int) Math.min(100, upTo - 1 - after)).getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            if (page.isEmpty()) {
                return;
            }
            for (JsonObject entry : page) {
                listener.onMessage(sessionId, entry.getJsonObject("envelope"));
                after = entry.getJsonNumber("seq").longValue();
                delivered.put(sessionId, after);
            }
        }
    }

    private void reconnectAfterLoss(int lostGeneration) {
        if (closed || connectedGeneration > lostGeneration) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            for (int attempt = 1; attempt <= MAX_RECONNECT_ATTEMPTS && !closed; attempt++) {
                try {
                    Thread.sleep(Math.min(5_000, 100L << attempt));
                    synchronized (this) {
                        if (closed || connectedGeneration > lostGeneration) {
                            return; // another reconnect won
                        }
                        connect();
                    }
                    listener.onReconnected(attempt);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the service is not back yet: the next attempt waits longer
                }
            }
            listener.onError(Json.createObjectBuilder().add("type", "error").add("problem",
                    Json.createObjectBuilder().add("code", "disconnected").add("detail", "no reconnect after " + MAX_RECONNECT_ATTEMPTS + " attempts"))
                    .build());
        });
    }

    /** The frames of one socket; those of a replaced socket are ignored. */
    private final class Frames implements WebSocket.Listener {
        private final int gen;
        private final CompletableFuture<Void> authenticated;
        private final StringBuilder partial = new StringBuilder();

        Frames(int gen, CompletableFuture<Void> authenticated) {
            this.gen = gen;
            this.authenticated = authenticated;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (gen == generation) {
                    handle(Codec.object(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handle(JsonObject frame) {
            switch (frame.getString("type", "")) {
                case "authenticated" -> authenticated.complete(null);
                case "message" -> deliver(frame.getJsonObject("envelope"));
                case "event" -> listener.onEvent(frame);
                case "error" -> {
                    authenticated.completeExceptionally(new RefusedFrame(frame));
                    listener.onError(frame);
                }
                default -> {
                    // subscribed, unsubscribed, ack: nothing to deliver
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            authenticated.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            reconnectAfterLoss(gen);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            authenticated.completeExceptionally(error);
            reconnectAfterLoss(gen);
        }
    }

    /** An error frame that refused the connection's authentication. */
    private static final class RefusedFrame extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedFrame(JsonObject frame) {
            super("refused: " + frame);
        }
    }
}
