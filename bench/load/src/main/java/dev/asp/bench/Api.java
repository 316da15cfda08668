package dev.asp.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The untimed set-up calls, made as an outside client would from the spec: orgs with the
 * operator token (1.1), agents with an Ed25519 key (3), infrastructure level (1.1),
 * private_key_jwt + DPoP tokens (2.3), and the session opening (4.7).
 */
final class Api {
    final String base;
    final String operatorToken;
    final HttpClient http;

    Api(String base, String operatorToken, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.operatorToken = operatorToken;
        this.http = http;
    }

    static final class Failure extends RuntimeException {
        Failure(String what, HttpResponse<String> r) {
            super(what + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    HttpResponse<String> send(HttpRequest r) {
        for (int attempt = 0;; attempt++) {
            try {
                return http.send(r, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (attempt >= 2) {
                    throw new IllegalStateException(r.method() + " " + r.uri() + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    private JsonObject expect(String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new Failure(what, r);
        }
        return json(r.body());
    }

    /** Spec 1.1: a new organization; answers its adminApiKey. */
    String newOrg(boolean verified) {
        String body = "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"region\":\"eu-west\",\"verified\":" + verified + "}";
        HttpResponse<String> r = send(req("/v1/asp/orgs").header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return expect("create org", r, 201).getString("adminApiKey");
    }

    /** Spec 3: registers the agent with its public key in the admin's org; sets its id. */
    void register(String adminKey, Agent a, String name) {
        String body = "{\"name\":" + Crypto.str(name) + ",\"capabilities\":[\"bench.load\"],\"regions\":[\"eu-west\"],\"publicKeys\":[" + a.jwk + "]}";
        HttpResponse<String> r = send(req("/v1/asp/registry").header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        a.id = expect("register agent", r, 201).getString("id");
    }

    /** Spec 1.1: operator-assigned infrastructure level (no ceilings, no session quotas). */
    void infrastructure(Agent a) {
        HttpResponse<String> r = send(req("/v1/asp/agents/" + a.id + "/trust-level").header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"infrastructure\"}")).build());
        expect("set trust level", r, 200);
    }

    /** Spec 2.3: client_credentials with private_key_jwt and a DPoP proof; keeps the DPoP-bound token. */
    void login(Agent a) {
        String url = base + "/v1/asp/token";
        long now = Instant.now().getEpochSecond();
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(a.assertion(url, now), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(req("/v1/asp/token").header("DPoP", a.proof("POST", url, now, false))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        JsonObject t = expect("token", r, 200);
        if (!"DPoP".equals(t.getString("token_type", ""))) {
            throw new IllegalStateException("token_type is not DPoP: " + t);
        }
        a.token(t.getString("access_token"));
    }

    /** A DPoP-authenticated request as the agent, its proof signed now. */
    HttpResponse<String> as(Agent a, String method, String path, String body) {
        String url = base + path;
        HttpRequest.Builder b = req(path).header("Authorization", "DPoP " + a.token)
                .header("DPoP", a.proof(method, url, Instant.now().getEpochSecond(), true));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    JsonObject get(Agent a, String path) {
        return expect("GET " + path, as(a, "GET", path, null), 200);
    }

    String tokenUrl() {
        return base + "/v1/asp/token";
    }
}
