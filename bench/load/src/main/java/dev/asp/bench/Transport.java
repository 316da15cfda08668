package dev.asp.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** How the timed requests travel: java.net.http's HttpClient (default), or RawHttp (--client raw). */
interface Transport {
    /** status, and the body only when the status is not the expected one (null otherwise). */
    record Reply(int status, String body) {
    }

    CompletableFuture<Reply> send(Stream s, int k, String authorization, String proof, int success);

    String name();

    /** Whether each request carries its own DPoP proof (not so over a WebSocket authenticated at its upgrade). */
    default boolean needsProofs() {
        return true;
    }

    /** java.net.http.HttpClient, HTTP/1.1 with keep-alive; several clients spread the selector work. */
    static Transport jdk(HttpClient[] clients) {
        return new Transport() {
            @Override
            public CompletableFuture<Reply> send(Stream s, int k, String authorization, String proof, int success) {
                HttpRequest.Builder b = HttpRequest.newBuilder(s.uri).header("Authorization", authorization).header("DPoP", proof);
                if (s.bodies != null) {
                    b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(s.bodies[k]));
                } else {
                    b.GET();
                }
                HttpResponse.BodyHandler<String> handler = info -> info.statusCode() == success
                        ? HttpResponse.BodySubscribers.replacing(null)
                        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                return clients[s.clientIndex % clients.length].sendAsync(b.build(), handler).thenApply(r -> new Reply(r.statusCode(), r.body()));
            }

            @Override
            public String name() {
                return "jdk-httpclient";
            }
        };
    }
}
