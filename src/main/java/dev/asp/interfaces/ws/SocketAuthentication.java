package dev.asp.interfaces.ws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import dev.asp.application.identity.AgentAuthenticator;
import dev.asp.application.identity.AgentKeyCache;
import dev.asp.infrastructure.config.PublicUrl;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.security.CompactJws;
import dev.asp.infrastructure.security.DpopException;

/**
 * Spec 4.8: a WebSocket is authenticated like any agent request (2.3) with {@code htm} GET and
 * {@code htu} the endpoint's public URL in its http(s) or its ws(s) form — both are accepted.
 * The proof's own htu says which form it used; the check itself is the usual one, so a proof is
 * verified (and its jti spent) once.
 *
 * <p>Transactional because a WebSocket thread, unlike a request thread, has no transaction
 * context of its own, and the agent's standing may have to be read from the database.
 */
@ApplicationScoped
@InTransaction
public class SocketAuthentication {
    @Inject
    AgentAuthenticator agents;

    @Inject
    PublicUrl publicUrl;

    @Inject
    AgentKeyCache standings;

    public AgentAuthenticator.Authenticated authenticate(String authorization, String proof, URI upgradeUrl) {
        if (authorization == null || authorization.isBlank()) {
            throw DpopException.token("the access token is missing");
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !"DPoP".equalsIgnoreCase(authorization.substring(0, space))) {
            throw DpopException.token("the WebSocket is for agents: Authorization: DPoP <token>");
        }
        return token(authorization.substring(space + 1).trim(), proof, upgradeUrl);
    }

    /** The first-frame form ({@code {"type":"auth","token","dpop"}}) for clients that cannot set headers. */
    public AgentAuthenticator.Authenticated token(String accessToken, String proof, URI upgradeUrl) {
        if (accessToken == null || accessToken.isBlank()) {
            throw DpopException.token("the access token is missing");
        }
        URI http = publicUrl.of(httpForm(upgradeUrl));
        return agents.verify(accessToken, proof, "GET", usesWsForm(proof) ? wsForm(http) : http, false);
    }

    /** The agent's standing read again (not from a cache entry that may predate a withdrawal this server did not hear of). */
    public Optional<AgentKeyCache.Standing> standing(String agentId) {
        standings.invalidate(agentId);
        return standings.standing(agentId);
    }

    static URI httpForm(URI u) {
        return switch (u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT)) {
            case "ws" -> withScheme(u, "http");
            case "wss" -> withScheme(u, "https");
            default -> u;
        };
    }

    static URI wsForm(URI u) {
        return switch (u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> withScheme(u, "ws");
            case "https" -> withScheme(u, "wss");
            default -> u;
        };
    }

    private static boolean usesWsForm(String proof) {
        try {
            return CompactJws.parse(proof.trim()).payload().get("htu") instanceof JsonString htu
                    && htu.getString().toLowerCase(Locale.ROOT).startsWith("ws");
        } catch (RuntimeException unreadable) {
            return false; // the proof check says what is wrong with it
        }
    }

    private static URI withScheme(URI u, String scheme) {
        return URI.create(scheme + u.toString().substring(u.getScheme().length()));
    }
}
