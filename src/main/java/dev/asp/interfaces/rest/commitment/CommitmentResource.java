package dev.asp.interfaces.rest.commitment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.commitment.CommitmentQueries;
import dev.asp.domain.commitment.CommitmentStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.interfaces.rest.QueryInts;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 5: commitments, for those who may read their session. */
@ApplicationScoped
@Path("v1/asp/commitments")
@Produces(MediaType.APPLICATION_JSON)
public class CommitmentResource {
    @Inject
    CommitmentQueries queries;

    @Inject
    CallerContext callers;

    @GET
    @Path("{id}")
    @Operation(summary = "A commitment: parties, money, deadline, condition, severity, status and its history")
    public JsonObject get(@PathParam("id") String id) {
        callers.requireAuthenticated();
        return CommitmentViews.commitment(queries.get(id, callers.caller()));
    }

    @GET
    @Operation(summary = "Commitments of a session, or without session the caller's own (an agent's as debtor or creditor, an org's)",
            description = "status: pending, escrowed, delivered, fulfilled, breached, cancelled or disputed. after: how many were seen already "
                    + "(the next of the previous page); limit 1-1000 (100). Oldest first.")
    public JsonObject list(@QueryParam("session") String session, @QueryParam("status") String status, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        callers.requireAuthenticated();
        CommitmentStatus wanted = null;
        if (status != null) {
            try {
                wanted = CommitmentStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw DomainException.malformed("\"status\" must be pending, escrowed, delivered, fulfilled, breached, cancelled or disputed");
            }
        }
        var page = queries.list(callers.caller(), session, wanted, QueryInts.nonNegative(after, "after", 0),
                QueryInts.count(limit, "limit", 100));
        JsonObjectBuilder out = Jsonp.object().add("commitments", CommitmentViews.list(page.commitments()));
        return (page.next() == null ? out.addNull("next") : out.add("next", page.next())).build();
    }
}
