package dev.asp.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.JsonValue;

/**
 * The server under test, as a client sees it: its base URL, the operator token and plain HTTP.
 * Shared by every integration test; the build (failsafe) passes the system properties below.
 *
 * <ul>
 * <li>{@code asp.it.baseUrl} (default {@code http://localhost:9080})</li>
 * <li>{@code asp.it.operatorToken}: the token the build gave the IT server. Without it, the environment's
 * {@code ASP_OPERATOR_TOKEN} (which a server started from the same shell inherits), else the file
 * {@code operator-token} the server generates in its directory {@code asp.it.serverDir}.</li>
 * <li>{@code asp.it.readyTimeoutSeconds} (default 180): how long the first request waits for /health/ready.</li>
 * </ul>
 */
public final class AspServer {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static volatile boolean ready;
    private static volatile String operatorToken;

    private AspServer() {
    }

    public static String baseUrl() {
        String url = System.getProperty("asp.it.baseUrl", "http://localhost:9080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static URI uri(String path) {
        return URI.create(baseUrl() + (path.startsWith("/") ? path : "/" + path));
    }

    public static Path serverDir() {
        return Path.of(System.getProperty("asp.it.serverDir", "target/liberty/wlp/usr/servers/asp"));
    }

    /** The operator's bearer token for this server (see the class comment for where it comes from). */
    public static String operatorToken() {
        String token = operatorToken;
        if (token == null) {
            token = nonBlank(System.getProperty("asp.it.operatorToken"))
                    .or(() -> nonBlank(System.getenv("ASP_OPERATOR_TOKEN")))
                    .orElseGet(AspServer::generatedToken);
            operatorToken = token;
        }
        return token;
    }

    /** A request builder for {@code path} on the server, with the suite's timeout. */
    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
    }

    public static Reply send(HttpRequest.Builder request) {
        awaitReady();
        return exchange(request.build());
    }

    public static Reply get(String path, String... headers) {
        return send(withHeaders(request(path).GET(), headers));
    }

    public static Reply post(String path, JsonValue body, String... headers) {
        return send(withHeaders(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), headers));
    }

    public static Reply post(String path, String... headers) {
        return send(withHeaders(request(path).POST(HttpRequest.BodyPublishers.noBody()), headers));
    }

    public static Reply method(String method, String path, String... headers) {
        return send(withHeaders(request(path).method(method, HttpRequest.BodyPublishers.noBody()), headers));
    }

    /** {@code Authorization: Bearer <operator token>}, as header name/value pair for the methods above. */
    public static String[] asOperator() {
        return new String[] {"Authorization", "Bearer " + operatorToken()};
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Waits once per test JVM until /health/ready answers 200, so the first test does not race the application's start. */
    public static void awaitReady() {
        if (ready) {
            return;
        }
        synchronized (AspServer.class) {
            if (ready) {
                return;
            }
            Duration limit = Duration.ofSeconds(Long.getLong("asp.it.readyTimeoutSeconds", 180));
            Instant deadline = Instant.now().plus(limit);
            String last = "no answer";
            while (Instant.now().isBefore(deadline)) {
                try {
                    Reply r = exchange(request("/health/ready").GET().build());
                    if (r.status() == 200) {
                        ready = true;
                        return;
                    }
                    last = r.status() + " " + r.body();
                } catch (IllegalStateException e) {
                    last = e.getMessage();
                }
                sleep(Duration.ofMillis(500));
            }
            throw new IllegalStateException("the server at " + baseUrl() + " was not ready within " + limit + ": " + last);
        }
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // The server writes the token at the first operator call on a new database; a refused call triggers that.
    private static String generatedToken() {
        Path file = serverDir().resolve("operator-token").toAbsolutePath();
        if (!Files.exists(file)) {
            post("/v1/asp/admin/service-keys/rotate", "Authorization", "Bearer not-the-operator");
        }
        try {
            return nonBlank(Files.readString(file, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new IllegalStateException(file + " is empty"));
        } catch (IOException e) {
            throw new IllegalStateException("no operator token: set -Dasp.it.operatorToken or ASP_OPERATOR_TOKEN, or let the server "
                    + "generate " + file + " (it does so only on a database without one)", e);
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
