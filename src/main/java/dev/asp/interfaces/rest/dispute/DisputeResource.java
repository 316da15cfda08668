package dev.asp.interfaces.rest.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.dispute.DisputeDesk;
import dev.asp.application.dispute.DisputeFiling;
import dev.asp.domain.dispute.DisputeStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.domain.shared.Jsonp;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 7: filing disputes, reading them, and the human decision on an escalated one. */
@ApplicationScoped
@Path("v1/asp/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DisputeResource {
    @Inject
    DisputeFiling filing;

    @Inject
    DisputeDesk desk;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "File a dispute as a participant: session, commitment (optional), references (seqs), evidence "
            + "([{type, uri, sha256, description}], sha256 lowercase hex), claim, requestedResolution",
            description = "201 with status open; the queue then resolves, dismisses or escalates it. A non-participant gets the 404 of a "
                    + "missing session; a reference or commitment not of the session is 422 protocol-violation; a missing claim or a "
                    + "sha256 not 64 lowercase hex digits is 400 malformed. Nothing is stored or enqueued on a refusal.")
    public Response file(String body) {
        var agent = callers.requireAgent();
        return Response.status(201).entity(DisputeViews.dispute(filing.file(agent.agentId(), JsonFields.parseObject(body)))).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A dispute: its filing, status (open, resolved, dismissed, escalated), finding, atFault and decision")
    public JsonObject get(@PathParam("id") String id) {
        callers.requireAuthenticated();
        return DisputeViews.dispute(desk.get(id, callers.caller()));
    }

    @GET
    @Operation(summary = "Disputes of the sessions an agent takes part in (default: the calling agent's), newest first, at most 500")
    public JsonObject list(@QueryParam("agent") String agent, @QueryParam("status") String status) {
        callers.requireAuthenticated();
        DisputeStatus wanted = null;
        if (status != null) {
            try {
                wanted = DisputeStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw DomainException.malformed("\"status\" must be open, resolved, dismissed or escalated");
            }
        }
        return Jsonp.object().add("disputes", DisputeViews.list(desk.list(callers.caller(), agent, wanted))).build();
    }

    @POST
    @Path("{id}/decision")
    @Operation(summary = "An admin of either party's org decides an escalated dispute: {decision: resolve|dismiss, atFault, note}",
            description = "The first decision is final: a later one, or one on a dispute that is not escalated, is 409 conflict; "
                    + "another org's admin gets 404.")
    public JsonObject decide(@PathParam("id") String id, String body) {
        var admin = callers.requireAnyAdmin();
        JsonObject in = JsonFields.parseObject(body);
        boolean resolve = switch (JsonFields.string(in, "decision")) {
            case "resolve" -> true;
            case "dismiss" -> false;
            default -> throw DomainException.malformed("\"decision\" must be resolve or dismiss");
        };
        return DisputeViews.dispute(desk.decide(id, admin, resolve, JsonFields.optionalString(in, "atFault").orElse(null),
                JsonFields.optionalString(in, "note").orElse(null)));
    }
}
