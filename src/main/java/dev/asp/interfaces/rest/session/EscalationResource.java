package dev.asp.interfaces.rest.session;

import dev.asp.domain.shared.Jsonp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.session.EscalationDesk;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.auth.CredentialScheme;

/** Spec 4.6: org admins see and decide their agents' escalations. */
@ApplicationScoped
@AcceptsCredentials(CredentialScheme.BEARER)
@Path("v1/asp/escalations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EscalationResource {
    @Inject
    EscalationDesk desk;

    @Inject
    CallerContext callers;

    @GET
    @Operation(summary = "The caller's org's escalations, by session and status")
    public JsonObject list(@QueryParam("session") String session, @QueryParam("status") String status) {
        var admin = callers.requireAnyAdmin();
        if (status != null && !status.matches("pending|approved|denied")) {
            throw DomainException.malformed("\"status\" must be pending, approved or denied");
        }
        JsonArrayBuilder list = Jsonp.array();
        desk.list(admin.orgId(), session, status).forEach(e -> list.add(SessionViews.escalation(e)));
        return Jsonp.object().add("escalations", list).build();
    }

    @POST
    @Path("{id}/decision")
    @Operation(summary = "Approve (the session resumes; a held COMMIT takes effect) or deny (the session closes, outcome escalated)")
    public JsonObject decide(@PathParam("id") String id, String body) {
        var admin = callers.requireAnyAdmin();
        JsonObject in = JsonFields.parseObject(body);
        boolean approve = switch (JsonFields.string(in, "decision")) {
            case "approve" -> true;
            case "deny" -> false;
            default -> throw DomainException.malformed("\"decision\" must be approve or deny");
        };
        return SessionViews.escalation(desk.decide(id, admin.orgId(), admin.keyId(), approve, JsonFields.optionalString(in, "note").orElse(null)));
    }
}
