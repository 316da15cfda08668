package dev.asp.interfaces.rest.identity;

import dev.asp.domain.shared.Jsonp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.identity.OAuthException;
import dev.asp.application.identity.TokenService;
import dev.asp.infrastructure.config.PublicUrl;

/** Spec 2.3: OAuth 2.0 client_credentials, DPoP-bound JWT access tokens. */
@ApplicationScoped
@Path("v1/asp/token")
public class TokenResource {
    @Inject
    TokenService tokens;

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Obtain a DPoP-bound access token (private_key_jwt or agent API key via HTTP Basic); needs a DPoP proof header")
    public Response token(MultivaluedMap<String, String> form, @HeaderParam("DPoP") String dpop,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) ? authorization.substring(6) : null;
        var issued = tokens.issue(new TokenService.TokenRequest(form.getFirst("grant_type"), form.getFirst("client_id"),
                form.getFirst("client_assertion_type"), form.getFirst("client_assertion"), basic, dpop, publicUrl.of(uri.getAbsolutePath())));
        return Response.ok(Jsonp.object()
                .add("access_token", issued.accessToken())
                .add("token_type", "DPoP")
                .add("expires_in", issued.expiresIn())
                .build().toString(), MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Bodies that are not a form get OAuth's invalid_request, not a problem document. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response notAForm() {
        throw new OAuthException(400, "invalid_request", "the token request must be application/x-www-form-urlencoded");
    }
}
