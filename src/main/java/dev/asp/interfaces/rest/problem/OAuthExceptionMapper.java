package dev.asp.interfaces.rest.problem;

import dev.asp.domain.shared.Jsonp;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.asp.application.identity.OAuthException;
import dev.asp.infrastructure.security.DpopNonces;

/** RFC 6749 §5.2 error bodies at the token endpoint; a nonce challenge carries DPoP-Nonce (RFC 9449 §8). */
@Provider
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {
    @Inject
    DpopNonces nonces;

    @Override
    public Response toResponse(OAuthException e) {
        Response.ResponseBuilder b = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(Jsonp.object().add("error", e.error()).add("error_description", e.getMessage()).build().toString());
        if ("use_dpop_nonce".equals(e.error()) || nonces.required()) {
            b.header("DPoP-Nonce", nonces.current());
        }
        if (e.status() == 401) {
            b.header("WWW-Authenticate", "Basic realm=\"asp\"");
        }
        return b.build();
    }
}
