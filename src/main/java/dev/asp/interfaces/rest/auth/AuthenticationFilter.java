package dev.asp.interfaces.rest.auth;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.asp.application.identity.AgentAuthenticator;
import dev.asp.application.identity.Caller;
import dev.asp.application.identity.OperatorCredential;
import dev.asp.application.identity.OrganizationService;
import dev.asp.domain.identity.ApiKey;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.config.PublicUrl;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.security.DpopException;
import dev.asp.infrastructure.security.DpopNonces;
import dev.asp.infrastructure.security.JtiClaim;
import dev.asp.infrastructure.security.JtiReplayCache;
import dev.asp.interfaces.rest.problem.Problems;

/**
 * Establishes the caller of every /v1/asp request (spec 1, 2.3): Bearer secrets for the operator
 * and org credentials, DPoP-bound tokens for agents. A credential that is present but wrong is
 * refused here; a missing one leaves the caller anonymous for the resource to judge.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class.getName());
    private static final String PENDING_JTI = "dev.asp.pendingJti";

    @Inject
    CallerContext callers;

    @Inject
    OperatorCredential operator;

    @Inject
    OrganizationService orgs;

    @Inject
    AgentAuthenticator agents;

    @Inject
    PublicUrl publicUrl;

    @Inject
    DpopNonces nonces;

    @Inject
    JtiReplayCache replays;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isAspPath(request)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credential = space < 0 ? "" : authorization.substring(space + 1).trim();
        if ("Bearer".equalsIgnoreCase(scheme)) {
            callers.set(bearer(credential, request));
        } else if ("DPoP".equalsIgnoreCase(scheme)) {
            try {
                var uri = publicUrl.of(request.getUriInfo().getAbsolutePath());
                Caller.AgentCaller agent = agents.authenticate(credential, request.getHeaderString("DPoP"), request.getMethod(), uri, isMessageSend(request));
                callers.set(agent);
                if (agent.pendingJti() != null) {
                    request.setProperty(PENDING_JTI, agent.pendingJti());
                }
            } catch (DpopException e) {
                request.abortWith(refusal(e, request.getUriInfo().getAbsolutePath().getPath()));
            }
        } else {
            // no error attribute: the request carried no credential of a scheme the resource takes (RFC 6750 §3.1)
            request.abortWith(Problems.response(ProblemCode.INVALID_TOKEN, "unsupported authorization scheme " + scheme,
                    request.getUriInfo().getAbsolutePath().getPath(), Map.of()));
        }
    }

    /** A proof whose jti the request's own write did not record is recorded before the answer goes out. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // a request property, not the request-scoped caller: an asynchronous answer may come from another thread
        if (request.getProperty(PENDING_JTI) instanceof JtiClaim claim) {
            try {
                if (!replays.recordShared(claim)) {
                    LOG.warning("a DPoP proof answered here was also used at another server at the same time (jti replay); this request had no effect");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record a DPoP proof's jti in the shared table", e);
            }
        }
    }

    /** /v1/asp requests other than the token endpoint's (OAuth client authentication, RFC 6749 §2.3). */
    static boolean isAspPath(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return (path.startsWith("v1/asp") || path.startsWith("/v1/asp")) && !path.endsWith("v1/asp/token");
    }

    // POST /v1/asp/sessions/{id}/messages: the group commit writes the jti with the message.
    private static boolean isMessageSend(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        int at = path.indexOf("v1/asp/sessions/");
        return at >= 0 && path.endsWith("/messages") && path.indexOf('/', at + "v1/asp/sessions/".length()) == path.length() - "/messages".length();
    }

    private Caller bearer(String secret, ContainerRequestContext request) {
        if (operator.matches(secret)) {
            return new Caller.Operator();
        }
        ApiKey key = orgs.findCredential(secret);
        if (key != null) {
            switch (key.role()) {
                case ADMIN:
                    return new Caller.OrgMember(key.orgId(), key.id(), Caller.Role.ADMIN);
                case AUDITOR:
                    return new Caller.OrgMember(key.orgId(), key.id(), Caller.Role.AUDITOR);
                case SCIM:
                    return new Caller.OrgMember(key.orgId(), key.id(), Caller.Role.SCIM);
                default:
                    break; // agent API keys are for the token endpoint only
            }
        }
        request.abortWith(Response.fromResponse(Problems.response(ProblemCode.INVALID_TOKEN, "the bearer credential is not valid",
                request.getUriInfo().getAbsolutePath().getPath(), Map.of())).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\"").build());
        return new Caller.Anonymous();
    }

    private Response refusal(DpopException e, String instance) {
        ProblemCode code = switch (e.error()) {
            case "invalid_token" -> ProblemCode.INVALID_TOKEN;
            case "use_dpop_nonce" -> ProblemCode.USE_DPOP_NONCE;
            default -> ProblemCode.INVALID_DPOP_PROOF;
        };
        Response.ResponseBuilder b = Response.fromResponse(Problems.response(code, e.getMessage(), instance, Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP error=\"" + e.error() + "\", error_description=\"" + e.getMessage().replace('"', '\'')
                        + "\", algs=\"" + String.join(" ", PublicJwk.ALGORITHMS) + "\"");
        if (nonces.required()) {
            b.header("DPoP-Nonce", nonces.current());
        }
        return b.build();
    }
}
