package dev.asp.interfaces.scim;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** SCIM errors (RFC 7644 3.12); more specific than the service's problem-document mappers, so it wins. */
@Provider
public class ScimExceptionMapper implements ExceptionMapper<ScimException> {

    @Override
    public Response toResponse(ScimException e) {
        return ScimMedia.error(e.status(), e.toJson());
    }
}
