package dev.asp.application.identity;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.security.AccessToken;
import dev.asp.infrastructure.security.AccessTokens;
import dev.asp.infrastructure.security.DpopException;
import dev.asp.infrastructure.security.DpopProofVerifier;

/**
 * An agent request's credentials (spec 2.3): the access token, a fresh DPoP proof bound to it,
 * and the proof key being the token's key and, unless the token came from an API key, an active
 * key of an agent that may act.
 */
@ApplicationScoped
public class AgentAuthenticator {
    @Inject
    AccessTokens tokens;

    @Inject
    DpopProofVerifier proofs;

    @Inject
    AgentKeyCache standings;

    public Caller.AgentCaller authenticate(String accessToken, String proof, String method, URI uri) {
        return authenticate(accessToken, proof, method, uri, false);
    }

    /** @param deferSharedJti the request records its proof's jti with its own write ({@link Caller.AgentCaller#pendingJti}) */
    public Caller.AgentCaller authenticate(String accessToken, String proof, String method, URI uri, boolean deferSharedJti) {
        return verify(accessToken, proof, method, uri, deferSharedJti).caller();
    }

    /** The caller and the token it presented: a connection that outlives the request ends with the token (spec 4.8). */
    public record Authenticated(Caller.AgentCaller caller, AccessToken token) {
        /** The registered key the credentials stand on, or null for a token obtained with an API key (spec 2.3). */
        public String boundKid() {
            return token.viaApiKey() ? null : token.jkt();
        }
    }

    public Authenticated verify(String accessToken, String proof, String method, URI uri, boolean deferSharedJti) {
        AccessToken token = tokens.verify(accessToken);
        DpopProofVerifier.Verified verified = proofs.verify(proof, method, uri, accessToken, deferSharedJti);
        PublicJwk key = verified.key();
        if (!key.thumbprint().equals(token.jkt())) {
            throw DpopException.proof("the proof key is not the key the token is bound to (cnf.jkt)");
        }
        var standing = standings.standing(token.agentId()).orElseThrow(() -> DpopException.token("the token's agent does not exist"));
        if (!standing.canAct()) {
            throw DpopException.token("the agent is suspended or deprovisioned");
        }
        if (!token.viaApiKey() && !standing.hasActiveKey(token.jkt())) {
            throw DpopException.token("the key this token is bound to is no longer active");
        }
        return new Authenticated(new Caller.AgentCaller(token.agentId(), token.orgId(), key, token.level(), verified.pendingJti()), token);
    }
}
