package dev.asp.interfaces.scim;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Spec 10: SCIM's error schema, not problem documents, under /scim/v2. Refusals the container
 * makes itself (unknown path 404, 405, 406, 415) and unexpected failures (500 with an incident
 * id) go through the service's generic mappers; this rewrites their bodies for SCIM clients.
 * SCIM resources never let a DomainException escape ({@link ScimBoundary}).
 */
@Provider
public class ScimProblemTranslator implements ContainerResponseFilter {
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !ScimMedia.isScimPath(request.getUriInfo().getPath())
                || !PROBLEM_JSON.equals(type.getType() + "/" + type.getSubtype())) {
            return;
        }
        String detail = null;
        if (response.getEntity() instanceof String body) {
            try (var reader = Json.createReader(new StringReader(body))) {
                JsonObject problem = reader.readObject();
                detail = problem.getString("detail", null);
            } catch (JsonException | ClassCastException e) {
                detail = null;
            }
        }
        int status = response.getStatus();
        response.setEntity(ScimException.body(status, null, detail == null ? "request failed" : detail).toString(), new java.lang.annotation.Annotation[0],
                MediaType.valueOf(ScimMedia.SCIM_JSON));
    }
}
