package dev.asp.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Agent Session Protocol (ASP) 1.0", version = "1.0",
        description = "Sessions where agents of different organizations negotiate in signed, hash-chained messages. "
                + "Errors are RFC 9457 problem documents (application/problem+json) with a `code` member, also for what the web "
                + "container refuses itself (an encoded `/`, `\\`, `#` or a byte that is not UTF-8 in the path: 400 `malformed`). "
                + "Every 401 carries WWW-Authenticate: `DPoP algs=\"Ed25519 EdDSA ES256\"` where agents authenticate, "
                + "`Bearer realm=\"asp\"` where the operator's or an organization's keys do, a refusal's own `error` beside them. "
                + "Another organization's resources answer 404 like missing ones; the organization's own credentials whose role "
                + "may not do something (its auditor or SCIM token on an admin endpoint) answer 403 `not-allowed`."))
public class AspApplication extends Application {
}
