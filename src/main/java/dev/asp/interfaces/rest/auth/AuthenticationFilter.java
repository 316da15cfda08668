package dev.asp.interfaces.rest.auth;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
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
import dev.asp.infrastructure.security.DpopException;
import dev.asp.infrastructure.security.DpopNonces;
import dev.asp.interfaces.rest.problem.Problems;

/**
 * Establishes the caller of every /v1/asp request (spec 1, 2.3): Bearer secrets for the operator
 * and org credentials, DPoP-bound tokens for agents. A credential that is present but wrong is
 * refused here; a missing one leaves the caller anonymous for the resource to judge.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
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

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("v1/asp") && !path.startsWith("/v1/asp") || path.endsWith("v1/asp/token")) {
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
                var uri = publicUrl.of(request.getUriInfo().getRequestUri());
                callers.set(agents.authenticate(credential, request.getHeaderString("DPoP"), request.getMethod(), uri));
            } catch (DpopException e) {
                request.abortWith(refusal(e));
            }
        } else {
            request.abortWith(Response.fromResponse(Problems.response(ProblemCode.INVALID_TOKEN, "unsupported authorization scheme " + scheme,
                    request.getUriInfo().getRequestUri().getPath(), Map.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP algs=\"EdDSA Ed25519 ES256\"").build());
        }
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
                request.getUriInfo().getRequestUri().getPath(), Map.of())).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\"").build());
        return new Caller.Anonymous();
    }

    private Response refusal(DpopException e) {
        ProblemCode code = switch (e.error()) {
            case "invalid_token" -> ProblemCode.INVALID_TOKEN;
            case "use_dpop_nonce" -> ProblemCode.USE_DPOP_NONCE;
            default -> ProblemCode.INVALID_DPOP_PROOF;
        };
        Response.ResponseBuilder b = Response.fromResponse(Problems.response(code, e.getMessage(), null, Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "DPoP error=\"" + e.error() + "\", error_description=\"" + e.getMessage().replace('"', '\'')
                        + "\", algs=\"EdDSA Ed25519 ES256\"");
        if (nonces.required()) {
            b.header("DPoP-Nonce", nonces.current());
        }
        return b.build();
    }
}
