package dev.asp.interfaces.rest.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.trust.Endorsements;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.trust.Endorsement;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 6.4: an agent endorses another (Sybil rules: endorser ≥ 30, no self-endorsement, halved within an org). */
@ApplicationScoped
@Path("v1/asp/endorsements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndorsementResource {
    @Inject
    Endorsements endorsements;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "Endorse an agent (agent caller); replaces the caller's earlier endorsement of the same subject")
    public Response endorse(String body) {
        var caller = callers.requireAgent();
        JsonObject in = JsonFields.parseObject(body);
        String subject = JsonFields.string(in, "subject");
        long rating = JsonFields.optionalInteger(in, "rating").orElseThrow(() -> DomainException.malformed("\"rating\" is required"));
        if (rating < 1 || rating > 5) {
            throw DomainException.malformed("\"rating\" must be an integer 1-5");
        }
        String comment = JsonFields.optionalString(in, "comment").orElse(null);
        Endorsement e = endorsements.endorse(caller.agentId(), subject, (int) rating, comment);
        var out = Jsonp.object().add("id", e.id()).add("endorser", e.endorser()).add("subject", e.subject()).add("rating", e.rating())
                .add("endorserScore", e.endorserScore()).add("sameOrganization", e.sameOrganization()).add("weight", e.weight())
                .add("createdAt", e.createdAt().toString());
        if (e.comment() != null) {
            out.add("comment", e.comment());
        }
        return Response.status(201).entity(out.build()).build();
    }
}
