package dev.asp.interfaces.rest.admin;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.asp.application.identity.OperatorCredential;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.crypto.ServiceKeyRing;
import dev.asp.infrastructure.crypto.SigningKey;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CredentialScheme;
import dev.asp.interfaces.rest.problem.Problems;

/**
 * Operator rotation of the service signing key (spec 8). The previous key is retired, not deleted:
 * the JWKS keeps publishing it so tokens, system messages and exports it signed still verify.
 */
@Path("v1/asp/admin/service-keys")
@AcceptsCredentials(CredentialScheme.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Operator administration (ASP_OPERATOR_TOKEN)")
@SecurityScheme(securitySchemeName = "operatorToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token: ASP_OPERATOR_TOKEN, or the one the server generated into the file "
                + "operator-token in its working directory when ASP_OPERATOR_TOKEN is not set")
@ApplicationScoped
public class ServiceKeyResource {
    private static final String BEARER = "Bearer ";

    @Inject
    ServiceKeyRing keys;

    @Inject
    OperatorCredential operator;

    @Context
    UriInfo uri;

    @POST
    @Path("rotate")
    @SecurityRequirement(name = "operatorToken")
    @Operation(summary = "Rotate the service signing key",
            description = "Creates a new Ed25519 signing key and makes it the active one; the previous active key becomes "
                    + "`retired` and stays in /.well-known/jwks.json so everything it signed still verifies. Servers sharing "
                    + "the database pick the new key up within 60 s and sign with the retired one until then.")
    @APIResponse(responseCode = "200", description = "The new active key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "kid", type = SchemaType.STRING, description = "RFC 7638 thumbprint of the new key"),
                    @SchemaProperty(name = "status", type = SchemaType.STRING, enumeration = "active"),
                    @SchemaProperty(name = "jwk", type = SchemaType.OBJECT, description = "The new public key (OKP, Ed25519) with its kid")})))
    @APIResponse(responseCode = "401", description = "Missing or wrong operator token",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!operator.matches(bearerToken(authorization))) {
            return Response.fromResponse(Problems.response(ProblemCode.UNAUTHORIZED,
                            "an operator token is required: Authorization: Bearer <operator token>", uri.getAbsolutePath().getPath(), Map.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"asp-operator\"")
                    .build();
        }
        SigningKey rotated = keys.rotate();
        return Response.ok(Json.createObjectBuilder()
                        .add("kid", rotated.kid())
                        .add("status", "active")
                        .add("jwk", Json.createObjectBuilder(rotated.publicJwk().toJson()).add("kid", rotated.kid()))
                        .build())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
