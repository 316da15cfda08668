package dev.asp.interfaces.rest.auth;

import java.lang.reflect.AnnotatedElement;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * RFC 9110 §11.6.1: every 401 carries WWW-Authenticate. Each scheme the resource takes
 * ({@link AcceptsCredentials}) is offered that is not challenged already — a refusal that names its
 * error ({@code DPoP error="invalid_dpop_proof"}, {@code Bearer error="invalid_token"}) keeps it, and
 * the other accepted scheme stands beside it. The token endpoint (Basic, RFC 6749 §5.2) and SCIM
 * (Bearer, RFC 7644 §2) set their own.
 */
@Provider
public class AuthenticationChallenges implements ContainerResponseFilter {
    private static final CredentialScheme[] BOTH = {CredentialScheme.DPOP, CredentialScheme.BEARER};

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 401 || !AuthenticationFilter.isAspPath(request)) {
            return;
        }
        List<String> present = response.getStringHeaders().getOrDefault(HttpHeaders.WWW_AUTHENTICATE, List.of());
        for (CredentialScheme scheme : accepted()) {
            if (present.stream().noneMatch(scheme::challengedBy)) {
                response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, scheme.challenge());
            }
        }
    }

    private CredentialScheme[] accepted() {
        AcceptsCredentials on = annotation(resource.getResourceMethod());
        if (on == null) {
            on = annotation(resource.getResourceClass());
        }
        return on == null ? BOTH : on.value();
    }

    private static AcceptsCredentials annotation(AnnotatedElement element) {
        return element == null ? null : element.getAnnotation(AcceptsCredentials.class);
    }
}
