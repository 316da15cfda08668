package dev.asp.interfaces.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.asp.domain.shared.DomainException;

@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(DomainException e) {
        return Problems.response(e.code(), e.getMessage(), uri == null ? null : uri.getAbsolutePath().getPath(), e.extensions());
    }
}
