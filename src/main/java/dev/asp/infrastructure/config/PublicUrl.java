package dev.asp.infrastructure.config;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Spec 9: the base URL that DPoP htu and the client assertion's aud are compared with.
 * {@code ASP_PUBLIC_URL} when set (behind a TLS-terminating proxy), else each request's own.
 */
@ApplicationScoped
public class PublicUrl {
    @Inject
    @ConfigProperty(name = "ASP_PUBLIC_URL")
    Optional<String> configured;

    /** The public form of a request URI: configured base + path, or the request's scheme, host and path. */
    public URI of(URI requestUri) {
        String path = requestUri.getRawPath();
        return configured.filter(s -> !s.isBlank())
                .map(base -> URI.create(stripSlash(base) + path))
                .orElseGet(() -> URI.create(requestUri.getScheme() + "://" + requestUri.getRawAuthority() + path));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
