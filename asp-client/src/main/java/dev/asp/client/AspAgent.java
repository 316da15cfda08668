package dev.asp.client;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * An agent: its id and key, the DPoP-bound access token it obtains with private_key_jwt (spec 2.3)
 * and keeps fresh, and the requests it makes with that token. Thread-safe.
 *
 * <ul>
 * <li>The token is obtained on first use and again {@link #REFRESH_MARGIN} before it expires.</li>
 * <li>A server that demands DPoP nonces (RFC 9449 §8, §9) is answered transparently: the nonce of its
 * challenge (or of any earlier answer's {@code DPoP-Nonce}) goes into the proof and the refused
 * request is sent once more — safe, because a challenged request was refused before it was read.</li>
 * </ul>
 */
public final class AspAgent {
    /** How long before its expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final AspClient client;
    private final String id;
    private final AgentKey key;
    private final Clock clock = Clock.systemUTC();
    private String token;
    private String ath;
    private Instant expiresAt = Instant.MIN;
    private volatile String nonce;

    AspAgent(AspClient client, String id, AgentKey key) {
        this.client = client;
        this.id = id;
        this.key = key;
    }

    public String id() {
        return id;
    }

    public AgentKey key() {
        return key;
    }

    public AspClient client() {
        return client;
    }

    /** The current access token, obtained or replaced first when missing or about to expire. */
    public synchronized String accessToken() {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(REFRESH_MARGIN))) {
            login();
        }
        return token;
    }

    /** When the current token expires ({@link Instant#MIN} before the first login). */
    public synchronized Instant tokenExpiresAt() {
        return expiresAt;
    }

    /** Obtains a new token now: client_credentials, private_key_jwt, a DPoP proof (spec 2.3). */
    public synchronized void login() {
        String url = client.url("/v1/asp/token");
        AspResponse r = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                    + "&client_assertion=" + URLEncoder.encode(Jwts.clientAssertion(key, id, url), StandardCharsets.UTF_8);
            HttpRequest req = client.request("/v1/asp/token").header("DPoP", Jwts.dpopProof(key, "POST", url, null, nonce))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
            // a new assertion and proof per attempt (their jti are single-use), so a lost answer may be asked again
            r = client.exchange(req, false);
            remember(r);
            if (!(r.status() == 400 && r.body().contains("use_dpop_nonce"))) {
                break;
            }
        }
        JsonObject t = r.jsonOrThrow("token for " + id);
        if (!"DPoP".equals(t.getString("token_type", ""))) {
            throw new IllegalStateException("the token endpoint answered token_type " + t.getString("token_type", "?") + ", not DPoP");
        }
        token = t.getString("access_token");
        ath = Codec.sha256B64(token);
        expiresAt = clock.instant().plusSeconds(t.getJsonNumber("expires_in").longValue());
    }

    /** A fresh DPoP proof for {@code method} {@code url} bound to the current token (also what a WebSocket upgrade carries). */
    public String proof(String method, String url) {
        return authorization(method, url).get("DPoP");
    }

    /** {@code Authorization} and {@code DPoP} headers for one request to {@code url}, with a token fresh enough to use. */
    public Map<String, String> authorization(String method, String url) {
        String t;
        String a;
        synchronized (this) {
            t = accessToken();
            a = ath;
        }
        String proof = Jwts.dpopProof(key, method, url, a, nonce, "EdDSA", clock.instant().getEpochSecond(), Codec.newJti());
        return Map.of("Authorization", "DPoP " + t, "DPoP", proof);
    }

    /**
     * A request as this agent. {@code repeatable}: on a transport failure (a timeout included) it is
     * sent again, with a fresh proof, up to twice — only for requests the spec makes idempotent (GETs,
     * envelopes, which the service stores once per {@code id}).
     */
    public AspResponse send(String method, String path, String jsonBody, boolean repeatable) {
        // RFC 9449 §4.2: htu is the URL without query and fragment
        int query = path.indexOf('?');
        String url = client.url(query < 0 ? path : path.substring(0, query));
        boolean challenged = false;
        for (int attempt = 0;; attempt++) {
            Map<String, String> auth = authorization(method, url);
            HttpRequest.Builder b = client.request(path).header("Authorization", auth.get("Authorization")).header("DPoP", auth.get("DPoP"));
            if (jsonBody == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
            }
            AspResponse r;
            try {
                r = client.exchange(b.build(), false);
            } catch (UncheckedIOException e) {
                if (!repeatable || attempt >= 2) {
                    throw e;
                }
                continue;
            }
            remember(r);
            if (!challenged && r.status() == 401 && r.header("WWW-Authenticate").map(h -> h.contains("use_dpop_nonce")).orElse(false)) {
                challenged = true;
                continue;
            }
            return r;
        }
    }

    /** A GET as this agent; the body as JSON, or an {@link AspProblemException}. */
    public JsonObject get(String path) {
        return send("GET", path, null, true).jsonOrThrow("GET " + path);
    }

    /**
     * Opens a session (spec 4.7): signs the INVITE (seq 1) and sends it.
     *
     * @param constraints null for the defaults of spec 4.2
     * @param participants every participant with its role, this agent included
     */
    public Session openSession(String purpose, JsonObject constraints, Participant... participants) {
        JsonArrayBuilder ps = Json.createArrayBuilder();
        for (Participant p : participants) {
            ps.add(Json.createObjectBuilder().add("agent", p.agent()).add("role", p.role()));
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("purpose", purpose).add("participants", ps);
        if (constraints != null) {
            body.add("constraints", constraints);
        }
        String sessionId = Codec.newId("ses_");
        JsonObject invite = Envelopes.seal(Envelopes.unsigned(Codec.newId("msg_"), sessionId, 1, null, id, List.of(), "INVITE", null, body.build(),
                Instant.now()), key);
        JsonObject view = send("POST", "/v1/asp/sessions", invite.toString(), true).jsonOrThrow("open session");
        Session s = new Session(this, sessionId);
        s.update(view);
        return s;
    }

    /** A session this agent takes part in (or was invited to); its head is read on first use. */
    public Session session(String sessionId) {
        return new Session(this, sessionId);
    }

    /** A WebSocket connection for this agent (not yet connected). */
    public LiveConnection live(LiveConnection.Listener listener) {
        return new LiveConnection(this, listener);
    }

    private void remember(AspResponse r) {
        r.header("DPoP-Nonce").ifPresent(n -> nonce = n);
    }

    /** The nonce this agent puts in its proofs (null until the server sends one). */
    public String nonce() {
        return nonce;
    }

    @Override
    public String toString() {
        return "AspAgent[" + id + "]";
    }
}
