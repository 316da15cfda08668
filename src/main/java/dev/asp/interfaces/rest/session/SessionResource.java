package dev.asp.interfaces.rest.session;

import dev.asp.domain.shared.Jsonp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.session.EscalationDesk;
import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 4.7: sessions and their transcripts. */
@Path("v1/asp/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {
    @Inject
    SessionService sessions;

    @Inject
    SessionQueries queries;

    @Inject
    EscalationDesk escalations;

    @Inject
    CallerContext callers;

    @Inject
    @ConfigProperty(name = "ASP_MAX_ENVELOPE_BYTES", defaultValue = "65536")
    int maxEnvelopeBytes;

    @POST
    @Operation(summary = "Open a session: the body is the signed INVITE envelope (seq 1, prevHash null)")
    public Response open(String body) {
        var agent = callers.requireAgent();
        var stored = sessions.open(envelope(body), agent);
        return Response.status(stored.created() ? 201 : 200).entity(view(stored.session())).build();
    }

    @GET
    @Operation(summary = "The caller's sessions, optionally in one state and shared with a participant")
    public JsonObject list(@QueryParam("state") String state, @QueryParam("participant") String participant) {
        var agent = callers.requireAgent();
        if (state != null && java.util.Arrays.stream(SessionState.values()).noneMatch(s -> s.name().equals(state))) {
            throw DomainException.malformed("\"state\" must be one of INVITED, CONVERSING, AGREED, EXECUTING, ESCALATED, CLOSED");
        }
        JsonArrayBuilder list = Jsonp.array();
        queries.sessionsOf(agent, state, participant).forEach(n -> list.add(view(n)));
        return Jsonp.object().add("sessions", list).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session: state, participants, constraints, head, open proposals, agreement, outcome")
    public JsonObject get(@PathParam("id") String id) {
        callers.requireAuthenticated();
        return view(queries.session(id, callers.caller()));
    }

    @POST
    @Path("{id}/messages")
    @Operation(summary = "Append a signed envelope; 201 + the stored message, 200 for a resent id, 409 stale-head with the current head")
    public Response send(@PathParam("id") String id, String body) {
        var agent = callers.requireAgent();
        var stored = sessions.send(id, envelope(body), agent);
        JsonObjectBuilder out = Jsonp.object(SessionViews.message(stored.message()))
                .add("state", stored.session().state().name());
        if (stored.session().state() == SessionState.ESCALATED) {
            escalations.pending(id).ifPresent(e -> out.add("escalation", SessionViews.escalationRef(e)));
        }
        return Response.status(stored.created() ? 201 : 200).entity(out.build()).build();
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "A page of the transcript after a seq: {messages:[{envelope, seq, hash, kid, receivedAt}], next}")
    public JsonObject messages(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        callers.requireAuthenticated();
        List<MessageRecord> page = queries.page(id, after, limit, callers.caller());
        JsonArrayBuilder list = Jsonp.array();
        page.forEach(m -> list.add(SessionViews.message(m)));
        JsonObjectBuilder b = Jsonp.object().add("messages", list);
        if (page.size() == limit) {
            b.add("next", page.get(page.size() - 1).seq());
        } else {
            b.addNull("next");
        }
        return b.build();
    }

    @GET
    @Path("{id}/verify")
    @Operation(summary = "Re-check every hash, link and signature; the first broken seq and why")
    public JsonObject verify(@PathParam("id") String id) {
        callers.requireAuthenticated();
        var result = queries.verify(id, callers.caller());
        JsonObjectBuilder b = Jsonp.object().add("valid", result.valid()).add("messages", result.messages());
        if (result.head() == null) {
            b.addNull("head");
        } else {
            b.add("head", result.head());
        }
        if (!result.valid()) {
            b.add("brokenSeq", result.brokenSeq()).add("seq", result.brokenSeq()).add("reason", result.reason());
        }
        return b.build();
    }

    private JsonObject view(Negotiation n) {
        return SessionViews.session(n, n.state() == SessionState.ESCALATED ? escalations.pending(n.sessionId()).orElse(null) : null);
    }

    private Envelope envelope(String body) {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > maxEnvelopeBytes) {
            throw new DomainException(ProblemCode.PAYLOAD_TOO_LARGE, "an envelope may be at most " + maxEnvelopeBytes + " bytes");
        }
        return Envelope.parse(body);
    }
}
