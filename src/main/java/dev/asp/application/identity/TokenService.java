package dev.asp.application.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.ApiKey;
import dev.asp.domain.identity.CredentialRole;
import dev.asp.domain.identity.IdentityLevel;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.security.AccessTokens;
import dev.asp.infrastructure.security.CompactJws;
import dev.asp.infrastructure.security.NumericDate;
import dev.asp.infrastructure.security.DpopException;
import dev.asp.infrastructure.security.DpopProofVerifier;
import dev.asp.infrastructure.security.JtiReplayCache;

/**
 * The token endpoint (spec 2.3): OAuth 2.0 client_credentials with private_key_jwt (RFC 7523) or
 * the agent's API key (client_secret_basic), always with a DPoP proof whose key the token binds.
 */
@ApplicationScoped
public class TokenService {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    static final Duration SKEW = Duration.ofSeconds(60);

    @Inject
    DpopProofVerifier proofs;

    @Inject
    AccessTokens tokens;

    @Inject
    AgentKeyCache standings;

    @Inject
    AgentDirectory agents;

    @Inject
    OrganizationService orgs;

    @Inject
    JtiReplayCache replays;

    @Inject
    Clock clock;

    public record TokenRequest(String grantType, String clientId, String assertionType, String assertion, String basicAuthorization,
            String dpop, URI endpoint) {
    }

    public record Issued(String accessToken, long expiresIn) {
    }

    public Issued issue(TokenRequest r) {
        if (!"client_credentials".equals(r.grantType())) {
            throw new OAuthException(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        PublicJwk proofKey;
        try {
            proofKey = proofs.verify(r.dpop(), "POST", r.endpoint(), null);
        } catch (DpopException e) {
            throw new OAuthException(400, e.error(), e.getMessage());
        }
        String token;
        if (r.assertion() != null) {
            token = viaAssertion(r, proofKey);
        } else if (r.basicAuthorization() != null) {
            token = viaApiKey(r, proofKey);
        } else {
            throw new OAuthException(401, "invalid_client", "authenticate with private_key_jwt (client_assertion) or HTTP Basic (agent API key)");
        }
        return new Issued(token, tokens.ttl().toSeconds());
    }

    private String viaAssertion(TokenRequest r, PublicJwk proofKey) {
        if (!ASSERTION_TYPE.equals(r.assertionType())) {
            throw new OAuthException(401, "invalid_client", "client_assertion_type must be " + ASSERTION_TYPE);
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(r.assertion());
        } catch (IllegalArgumentException e) {
            throw new OAuthException(401, "invalid_client", "client_assertion is not a JWT");
        }
        JsonObject c = jws.payload();
        String sub = text(c, "sub");
        if (sub == null || !sub.equals(text(c, "iss"))) {
            throw new OAuthException(401, "invalid_client", "the assertion's iss and sub must both be the agent id");
        }
        if (r.clientId() != null && !r.clientId().equals(sub)) {
            throw new OAuthException(401, "invalid_client", "client_id does not match the assertion's sub");
        }
        var standing = standings.standing(sub).filter(s -> s.canAct())
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "unknown or inactive client"));
        String kid = text(jws.header(), "kid");
        boolean verified = standing.keys().entrySet().stream()
                .filter(e -> standing.hasActiveKey(e.getKey()) && (kid == null || kid.equals(e.getKey())))
                .anyMatch(e -> jws.verifiedBy(e.getValue()));
        if (!verified) {
            throw new OAuthException(401, "invalid_client", "the assertion is not signed by an active registered key of " + sub);
        }
        if (!audienceMatches(c.get("aud"), r.endpoint())) {
            throw new OAuthException(401, "invalid_client", "the assertion's aud must be the token endpoint URL " + r.endpoint());
        }
        Instant now = clock.instant();
        Instant expiresAt = NumericDate.of(c.get("exp"))
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "the assertion needs exp: seconds since the epoch"));
        if (expiresAt.isBefore(now.minus(SKEW))) {
            throw new OAuthException(401, "invalid_client", "the assertion has expired");
        }
        if (expiresAt.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
            throw new OAuthException(401, "invalid_client", "the assertion's exp may be at most 5 minutes ahead");
        }
        String jti = text(c, "jti");
        if (jti == null || jti.isEmpty()) {
            throw new OAuthException(401, "invalid_client", "the assertion needs a jti");
        }
        if (!replays.firstUse("assertion", sub + ":" + jti, expiresAt.plus(SKEW))) {
            throw new OAuthException(401, "invalid_client", "this assertion was already used (jti replay)");
        }
        if (!standing.hasActiveKey(proofKey.thumbprint())) {
            throw new OAuthException(400, "invalid_dpop_proof", "the DPoP proof key must be an active registered key of " + sub);
        }
        Agent agent = agents.get(sub);
        IdentityLevel level = agents.identityLevel(agent);
        return tokens.issue(sub, agent.orgId(), proofKey.thumbprint(), level, false);
    }

    private String viaApiKey(TokenRequest r, PublicJwk proofKey) {
        String[] idSecret = basic(r.basicAuthorization());
        ApiKey key = orgs.findCredential(idSecret[1]);
        if (key == null || key.role() != CredentialRole.AGENT || !idSecret[0].equals(key.agentId())) {
            throw new OAuthException(401, "invalid_client", "client_id or secret is wrong");
        }
        var standing = standings.standing(key.agentId()).filter(s -> s.canAct())
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "unknown or inactive client"));
        return tokens.issue(standing.agentId(), standing.orgId(), proofKey.thumbprint(), IdentityLevel.API_KEY, true);
    }

    private static String[] basic(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException();
            }
            return new String[] {java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw new OAuthException(401, "invalid_client", "malformed HTTP Basic credentials");
        }
    }

    private static boolean audienceMatches(JsonValue aud, URI endpoint) {
        if (aud instanceof JsonString s) {
            return sameUrl(s.getString(), endpoint);
        }
        if (aud instanceof JsonArray a) {
            return a.stream().anyMatch(v -> v instanceof JsonString s && sameUrl(s.getString(), endpoint));
        }
        return false;
    }

    private static boolean sameUrl(String candidate, URI endpoint) {
        try {
            URI u = URI.create(candidate);
            return u.getScheme() != null && u.getScheme().equalsIgnoreCase(endpoint.getScheme()) && u.getHost() != null
                    && u.getHost().equalsIgnoreCase(endpoint.getHost()) && port(u) == port(endpoint)
                    && (u.getRawPath() == null ? "" : u.getRawPath()).equals(endpoint.getRawPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

}
