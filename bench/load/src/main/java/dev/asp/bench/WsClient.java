package dev.asp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket to {@code /v1/asp/ws} (spec 4.8) over java.net.http: authenticated at the upgrade
 * ({@code Authorization: DPoP <token>} and a {@code DPoP} proof with htm GET), ready once the
 * server's {@code authenticated} frame arrives. Text frames only; the JDK answers the server's
 * heartbeat pings. java.net.http allows one outstanding send per WebSocket, so sends are chained.
 */
final class WsClient {
    interface Handler {
        /** A complete text frame (after the {@code authenticated} one). */
        void frame(WsClient c, String text);

        /** The connection ended: close frame (code, reason) or failure (code -1). */
        default void closed(WsClient c, int code, String reason) {
        }
    }

    final String name;
    final CompletableFuture<String> ready = new CompletableFuture<>();
    volatile WebSocket ws;
    volatile boolean closed;
    volatile int closeCode;
    volatile String closeReason;
    private final Handler handler;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private WsClient(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
    }

    /**
     * Opens the connection; the future completes with the client once the server has sent
     * {@code authenticated} (or fails with the server's refusal or the connection error).
     */
    static CompletableFuture<WsClient> connect(HttpClient http, URI uri, Agent agent, String proof, String name, Handler handler) {
        WsClient c = new WsClient(name, handler);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).header("Authorization", "DPoP " + agent.token).header("DPoP", proof)
                .buildAsync(uri, c.listener()).whenComplete((ws, ex) -> {
                    if (ex != null) {
                        c.closed = true;
                        c.closeCode = -1;
                        c.closeReason = Engine.rootCause(ex);
                        c.ready.completeExceptionally(ex);
                    } else {
                        c.ws = ws;
                    }
                });
        return c.ready.thenApply(agentId -> c);
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private StringBuilder partial;

            @Override
            public void onOpen(WebSocket webSocket) {
                ws = webSocket;
                webSocket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (!last || partial != null) {
                    if (partial == null) {
                        partial = new StringBuilder();
                    }
                    partial.append(data);
                    if (!last) {
                        return null;
                    }
                }
                String text = partial != null ? partial.toString() : data.toString();
                partial = null;
                if (!ready.isDone()) {
                    if (text.startsWith("{\"type\":\"authenticated\"")) {
                        ready.complete(text);
                    } else {
                        ready.completeExceptionally(new IllegalStateException("upgrade refused: " + Api.abbreviate(text)));
                    }
                    return null;
                }
                handler.frame(WsClient.this, text);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                ended(statusCode, reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                ended(-1, Engine.rootCause(error));
            }
        };
    }

    private void ended(int code, String reason) {
        if (closed) {
            return;
        }
        closeCode = code;
        closeReason = reason;
        closed = true;
        ready.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        handler.closed(this, code, reason);
    }

    /** Queues a text frame behind the previous one; the future completes once it is written. */
    CompletableFuture<?> send(String text) {
        synchronized (this) {
            CompletableFuture<?> next = lastSend.handle((x, e) -> null).thenCompose(x -> ws.sendText(text, true));
            lastSend = next;
            return next;
        }
    }

    void close() {
        WebSocket w = ws;
        if (w != null && !w.isOutputClosed()) {
            w.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
        }
    }

    /** Drops the TCP connection without a close handshake (for 10,000 sockets at the end of ws-idle). */
    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }
}
