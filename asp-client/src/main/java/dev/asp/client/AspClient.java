package dev.asp.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;

/**
 * The entry point: one ASP service at a base URL. Public calls (discovery, the registry) are
 * here; {@link #operator}, {@link #orgAdmin} and {@link #agent} give the calls of each party (spec 1).
 *
 * <pre>{@code
 * AspClient asp = new AspClient("http://localhost:9080");
 * AspAgent me = asp.agent("agt_…", AgentKey.load(Path.of("agent.key")));
 * Session s = me.openSession("Emergency restock", null, Participant.of(me.id(), "buyer"), Participant.of(seller, "seller"));
 * }</pre>
 *
 * Thread-safe. Requests that are safe to repeat (GETs) are retried twice on a transport failure;
 * others are not, except where the spec makes a resend harmless ({@link Session} resends an
 * envelope by its {@code id}).
 */
public final class AspClient {
    private final String base;
    private final HttpClient http;
    private final Duration timeout;
    private volatile JsonObject configuration;

    /** A client with its own {@link HttpClient} and 30 s per request. */
    public AspClient(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                Duration.ofSeconds(30));
    }

    public AspClient(String baseUrl, HttpClient http, Duration requestTimeout) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.timeout = requestTimeout;
    }

    public String baseUrl() {
        return base;
    }

    /** The absolute URL of {@code path} (which starts with a slash). */
    public String url(String path) {
        return base + path;
    }

    public HttpClient http() {
        return http;
    }

    /** A request builder for {@code path} with this client's timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout);
    }

    /**
     * Sends {@code request}; a transport failure is retried twice when {@code repeatable}, else thrown.
     *
     * @throws UncheckedIOException when the service cannot be reached (java.net.http.HttpTimeoutException as cause on a timeout)
     */
    public AspResponse exchange(HttpRequest request, boolean repeatable) {
        for (int attempt = 0;; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new AspResponse(r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                if (!repeatable || attempt >= 2) {
                    throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** A GET without credentials. */
    public AspResponse get(String path) {
        return exchange(request(path).GET().build(), true);
    }

    /** {@code /.well-known/asp-configuration} (spec 3): endpoints, performatives, algorithms, the state machine; read once. */
    public JsonObject configuration() {
        JsonObject c = configuration;
        if (c == null) {
            c = get("/.well-known/asp-configuration").jsonOrThrow("discovery");
            configuration = c;
        }
        return c;
    }

    /** The service's signing keys ({@code /.well-known/jwks.json}), which sign {@code asp:system} messages. */
    public JsonObject jwks() {
        return get("/.well-known/jwks.json").jsonOrThrow("jwks");
    }

    /** A registry search (spec 3), answered page by page. */
    public RegistrySearch registry() {
        return new RegistrySearch(this);
    }

    /** One public agent profile. */
    public JsonObject agentProfile(String agentId) {
        return get("/v1/asp/agents/" + agentId).jsonOrThrow("agent profile");
    }

    /** The operator's calls with its bootstrap token. */
    public OperatorAdmin operator(String operatorToken) {
        return new OperatorAdmin(this, operatorToken);
    }

    /** An organization admin's calls with its admin API key. */
    public OrgAdmin orgAdmin(String adminApiKey) {
        return new OrgAdmin(this, adminApiKey);
    }

    /**
     * An agent that holds {@code key}, registered by an org admin ({@link OrgAdmin#register}) or
     * provisioned through SCIM with that key among its {@code publicKeys}: it logs in with
     * private_key_jwt + DPoP on first use.
     */
    public AspAgent agent(String agentId, AgentKey key) {
        return new AspAgent(this, agentId, key);
    }

    /** The SCIM provisioning calls (spec 2.4) with an org's SCIM bearer token. */
    public ScimProvisioning scim(String scimToken) {
        return new ScimProvisioning(this, scimToken);
    }

    /** A request with {@code Authorization: Bearer <secret>} (operator, admin, auditor credentials). */
    AspResponse bearer(String secret, String method, String path, JsonObject body) {
        return bearer(secret, method, path, body, "application/json");
    }

    AspResponse bearer(String secret, String method, String path, JsonObject body, String mediaType) {
        HttpRequest.Builder b = request(path).header("Authorization", "Bearer " + secret);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", mediaType).method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return exchange(b.build(), "GET".equals(method));
    }
}
