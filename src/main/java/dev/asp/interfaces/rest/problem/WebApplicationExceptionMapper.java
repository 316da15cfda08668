package dev.asp.interfaces.rest.problem;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.asp.domain.shared.ProblemCode;

/** The container's own refusals (unknown path, wrong method, media type) as problem documents. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ProblemCode code = ProblemCode.forStatus(status);
        String detail = status == 404 ? "no such resource" : code.title();
        Response r = Problems.response(code, detail, uri == null ? null : uri.getAbsolutePath().getPath(), Map.of());
        Response.ResponseBuilder b = Response.fromResponse(r);
        e.getResponse().getHeaders().forEach((k, v) -> {
            if (!"Content-Type".equalsIgnoreCase(k) && !"Content-Length".equalsIgnoreCase(k)) {
                v.forEach(val -> b.header(k, val));
            }
        });
        return b.build();
    }
}
