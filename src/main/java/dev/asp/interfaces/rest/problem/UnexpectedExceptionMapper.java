package dev.asp.interfaces.rest.problem;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * Anything unexpected: logged in full with an incident id for the operator; the client gets the
 * id and nothing else (no stack trace, SQL or class name, spec 10).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return Problems.response(d.code(), d.getMessage(), path(), d.extensions());
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " on " + path(), e);
        return Problems.response(ProblemCode.INTERNAL, "unexpected error; incident " + incident, path(), Map.of("incident", incident));
    }

    private String path() {
        return uri == null ? null : uri.getAbsolutePath().getPath();
    }
}
