package dev.asp.interfaces.scim;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.asp.application.identity.OrganizationService;
import dev.asp.domain.identity.ApiKey;
import dev.asp.domain.identity.CredentialRole;

/**
 * Spec 1, 2.4: /scim/v2 takes only an organization's SCIM bearer token (RFC 7644 2, RFC 6750).
 * Pre-matching, so nothing under /scim/v2 answers, not even a 404, without one.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ScimAuthenticationFilter implements ContainerRequestFilter {
    @Inject
    OrganizationService orgs;

    @Inject
    ScimCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!ScimMedia.isScimPath(request.getUriInfo().getPath())) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            request.abortWith(refusal("credentials required: Authorization: Bearer <the organization's SCIM token>"));
            return;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String secret = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (!"Bearer".equalsIgnoreCase(scheme) || secret.isEmpty()) {
            request.abortWith(refusal("use Authorization: Bearer <the organization's SCIM token>"));
            return;
        }
        ApiKey key = orgs.findCredential(secret);
        if (key == null || key.role() != CredentialRole.SCIM) {
            request.abortWith(refusal("the bearer token is not a valid SCIM token"));
            return;
        }
        caller.set(key.orgId());
    }

    private static jakarta.ws.rs.core.Response refusal(String detail) {
        return ScimMedia.error(401, ScimException.body(401, null, detail));
    }
}
