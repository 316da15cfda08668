package dev.asp.interfaces.rest.trust;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.trust.DirectionalReputation;
import dev.asp.application.trust.TrustLedger;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.persistence.trust.TrustEventRecord;
import dev.asp.interfaces.rest.QueryIntegers;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 6.2, 6.4: an agent's trust (public, like its profile), its history and an observer's directional view. */
@ApplicationScoped
@Path("v1/asp/trust")
@Produces(MediaType.APPLICATION_JSON)
public class TrustResource {
    static final int MAX_LIMIT = 1_000;

    @Inject
    TrustLedger ledger;

    @Inject
    DirectionalReputation directional;

    @Inject
    CallerContext callers;

    @GET
    @Path("{agentId}")
    @Operation(summary = "An agent's trust: score, level, components, base, penalty, decay, limits and the explanation of every number; "
            + "?asOf=<RFC 3339, not in the past> projects the score to then assuming no activity, changing nothing")
    public JsonObject trust(@PathParam("agentId") String agentId, @QueryParam("asOf") String asOf) {
        TrustLedger.Current c = asOf == null ? ledger.current(agentId) : ledger.at(agentId, instant(asOf));
        return TrustViews.trust(agentId, c.assessment(), asOf == null ? null : instant(asOf));
    }

    @GET
    @Path("{agentId}/history")
    @Operation(summary = "The agent's trust events, oldest first (any authenticated caller)")
    public JsonObject history(@PathParam("agentId") String agentId, @QueryParam("after") String afterParam,
            @QueryParam("limit") String limitParam) {
        callers.requireAuthenticated();
        long after = QueryIntegers.of(afterParam, "after", 0, 0, Long.MAX_VALUE);
        long limit = QueryIntegers.of(limitParam, "limit", 100, 1, MAX_LIMIT);
        List<TrustEventRecord> events = ledger.history(agentId, after, (int) limit + 1);
        var page = Jsonp.array();
        events.stream().limit(limit).forEach(e -> page.add(TrustViews.event(e)));
        var out = Jsonp.object().add("events", page);
        if (events.size() > limit) {
            out.add("next", events.get((int) limit - 1).seq());
        } else {
            out.addNull("next");
        }
        return out.build();
    }

    @GET
    @Path("{observer}/toward/{subject}")
    @Operation(summary = "The observer's own view of the subject from their shared sessions (6.4; any authenticated caller)")
    public JsonObject toward(@PathParam("observer") String observer, @PathParam("subject") String subject) {
        callers.requireAuthenticated();
        DirectionalReputation.View v = directional.of(observer, subject);
        return Jsonp.object().add("observer", observer).add("subject", subject).add("deals", v.deals()).add("honored", v.honored())
                .add("score", TrustLedger.wire(v.score()))
                .add("explanation", Jsonp.object().add("formula", "100*(1-exp(-honored/5.5))*q*prod(exp(-0.5*s))")
                        .add("ratings", Jsonp.array(v.ratings())).add("breachSeverities", Jsonp.array(v.breachSeverities())))
                .build();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.malformed("\"asOf\" must be an RFC 3339 UTC time");
        }
    }
}
