package dev.asp.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import dev.asp.client.AspAgent;
import dev.asp.client.AspClient;
import dev.asp.client.OperatorAdmin;

/**
 * The untimed set-up calls through the client SDK ({@code dev.asp.client}): orgs with the operator
 * token (1.1), agents with an Ed25519 key (3), infrastructure level (1.1), private_key_jwt + DPoP
 * tokens (2.3); and the generator's plain DPoP requests for what it sends pre-signed.
 */
final class Api {
    final String base;
    final String operatorToken;
    final HttpClient http;

    private final AspClient sdk;
    private final OperatorAdmin operator;

    Api(String base, String operatorToken, HttpClient http) {
        this.sdk = new AspClient(base, http, Duration.ofSeconds(60));
        this.base = sdk.baseUrl();
        this.operatorToken = operatorToken;
        this.http = http;
        this.operator = sdk.operator(operatorToken);
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
        return operator.createOrganization("bench-" + UUID.randomUUID(), "eu-west", verified).getString("adminApiKey");
    }

    /** Spec 3: registers the agent with its public key in the admin's org; sets its id. */
    void register(String adminKey, Agent a, String name) {
        a.id = sdk.orgAdmin(adminKey).registerProfile(name, a.key, List.of("bench.load"), List.of("eu-west")).getString("id");
    }

    /** Spec 1.1: operator-assigned infrastructure level (no ceilings, no session quotas). */
    void infrastructure(Agent a) {
        operator.setTrustLevel(a.id, "infrastructure");
    }

    /** Spec 2.3: the SDK's login (private_key_jwt + DPoP); keeps the DPoP-bound token for the generator's own proofs. */
    void login(Agent a) {
        AspAgent agent = sdk.agent(a.id, a.key);
        agent.login();
        a.token(agent.accessToken());
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
