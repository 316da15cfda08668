package dev.asp.infrastructure.security;

import dev.asp.domain.shared.Jsonp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.domain.identity.IdentityLevel;
import dev.asp.domain.shared.Ids;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.crypto.ServiceKeyRing;

/**
 * Issues and verifies the service's JWT access tokens (spec 2.3), signed with the service key
 * (kid in the header). A verified token is remembered until it expires, so each request costs
 * one signature check (the DPoP proof), not two.
 */
@ApplicationScoped
public class AccessTokens {
    static final String ISSUER = "asp";
    private static final int MAX_CACHED = 50_000;

    @Inject
    ServiceKeyRing keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ASP_TOKEN_TTL", defaultValue = "PT15M")
    Duration ttl;

    private final Map<String, AccessToken> verified = new ConcurrentHashMap<>();

    public Duration ttl() {
        return ttl;
    }

    public String issue(String agentId, String orgId, String jkt, IdentityLevel level, boolean viaApiKey) {
        Instant now = clock.instant();
        JsonObject claims = Jsonp.object()
                .add("iss", ISSUER)
                .add("sub", agentId)
                .add("aud", ISSUER)
                .add("org", orgId)
                .add("lvl", level.wire())
                .add("amr", viaApiKey ? "api_key" : "private_key_jwt")
                .add("iat", now.getEpochSecond())
                .add("exp", now.plus(ttl).getEpochSecond())
                .add("jti", Ids.newId("tok"))
                .add("cnf", Jsonp.object().add("jkt", jkt))
                .build();
        return keys.current().signJws(claims.toString(), "at+jwt");
    }

    public AccessToken verify(String token) {
        Instant now = clock.instant();
        AccessToken known = verified.get(token);
        if (known != null) {
            if (known.expiresAt().isAfter(now)) {
                return known;
            }
            verified.remove(token);
            throw DpopException.token("the access token has expired");
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (IllegalArgumentException e) {
            throw DpopException.token("the access token is not a JWT");
        }
        String kid = jws.header().getString("kid", null);
        PublicJwk key = kid == null ? null : keys.publicKey(kid);
        if (key == null || !jws.verifiedBy(key)) {
            throw DpopException.token("the access token was not issued by this service");
        }
        JsonObject c = jws.payload();
        var exp = NumericDate.of(c.get("exp"));
        if (!ISSUER.equals(text(c, "iss")) || exp.isEmpty() || !(c.get("cnf") instanceof JsonObject cnf)) {
            throw DpopException.token("the access token lacks iss, exp or cnf");
        }
        Instant expiresAt = exp.get();
        if (!expiresAt.isAfter(now)) {
            throw DpopException.token("the access token has expired");
        }
        AccessToken t = new AccessToken(text(c, "sub"), text(c, "org"), text(cnf, "jkt"),
                IdentityLevel.valueOf(text(c, "lvl").toUpperCase()), "api_key".equals(text(c, "amr")), expiresAt);
        if (verified.size() >= MAX_CACHED) {
            evictExpired(now);
        }
        if (verified.size() < MAX_CACHED) {
            verified.put(token, t);
        }
        return t;
    }

    private void evictExpired(Instant now) {
        for (Iterator<AccessToken> it = verified.values().iterator(); it.hasNext();) {
            if (!it.next().expiresAt().isAfter(now)) {
                it.remove();
            }
        }
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
