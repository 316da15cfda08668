package dev.asp.interfaces.rest.session;

import dev.asp.domain.shared.Jsonp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.commitment.CommitmentService;
import dev.asp.application.session.EscalationDesk;
import dev.asp.application.session.SessionQueries;
import dev.asp.application.session.SessionService;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Performative;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.shared.DomainException;
import dev.asp.interfaces.rest.QueryIntegers;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.auth.CredentialScheme;
import dev.asp.interfaces.rest.commitment.CommitmentViews;

/** Spec 4.7: sessions and their transcripts. */
@ApplicationScoped
@AcceptsCredentials({CredentialScheme.DPOP, CredentialScheme.BEARER})
@Path("v1/asp/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {
    private static final int DEFAULT_PAGE = 100;

    @Inject
    SessionService sessions;

    @Inject
    SessionQueries queries;

    @Inject
    EscalationDesk escalations;

    @Inject
    CommitmentService commitments;

    @Inject
    CallerContext callers;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    LongPolls longPolls;

    @Inject
    SessionStreams streams;

    @Inject
    @ConfigProperty(name = "ASP_MAX_ENVELOPE_BYTES", defaultValue = "65536")
    int maxEnvelopeBytes;

    @POST
    @AcceptsCredentials(CredentialScheme.DPOP)
    @Operation(summary = "Open a session: the body is the signed INVITE envelope (seq 1, prevHash null)")
    public Response open(String body) {
        var agent = callers.requireAgent();
        var stored = sessions.open(envelope(body), agent);
        return Response.status(stored.created() ? 201 : 200).entity(view(stored.session())).build();
    }

    @GET
    @AcceptsCredentials(CredentialScheme.DPOP)
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
    @Operation(summary = "A session: state, participants, constraints, head, open proposals, agreement, commitments, outcome")
    public JsonObject get(@PathParam("id") String id) {
        callers.requireAuthenticated();
        return view(queries.session(id, callers.caller()));
    }

    @POST
    @Path("{id}/messages")
    @AcceptsCredentials(CredentialScheme.DPOP)
    @Operation(summary = "Append a signed envelope; 201 + the stored message, 200 for a resent id, 409 stale-head with the current head")
    public CompletionStage<Response> send(@PathParam("id") String id, String body) {
        var agent = callers.requireAgent();
        // answered once the message is durable, from the thread that made it so (no thread waits for the commit)
        return sessions.send(id, envelope(body), agent, agent.pendingJti()).thenCompose(stored -> stored.session().state() == SessionState.ESCALATED
                ? CompletableFuture.supplyAsync(() -> stored(id, stored), executor) // reads the escalation: not on that thread
                : CompletableFuture.completedFuture(stored(id, stored)));
    }

    private Response stored(String id, SessionService.Stored stored) {
        JsonObjectBuilder out = Jsonp.object(SessionViews.message(stored.message()))
                .add("state", stored.session().state().name());
        if (stored.session().state() == SessionState.ESCALATED) {
            escalations.pending(id).ifPresent(e -> out.add("escalation", SessionViews.escalationRef(e)));
        }
        if (Performative.COMMIT.name().equals(stored.message().performative())) {
            // spec 5: so a buyer can name the supplier's delivery in its conditioned payment without another call
            out.add("commitments", CommitmentViews.list(commitments.madeBy(id, stored.message().seq())));
        }
        return Response.status(stored.created() ? 201 : 200).entity(out.build()).build();
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "A page of the transcript after a seq: {messages:[{envelope, seq, hash, kid, receivedAt}], next}",
            description = "With wait=<seconds> (0-30) it long-polls: answers as soon as a message after `after` is committed, "
                    + "or with an empty page when the wait ends.")
    public void messages(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        callers.requireAuthenticated();
        longPolls.answer(id, after(after), (int) QueryIntegers.of(limit, "limit", DEFAULT_PAGE, 1, SessionQueries.MAX_PAGE),
                LongPolls.seconds(wait), callers.caller(), response);
    }

    @GET
    @Path("{id}/messages")
    // qs below 1: a client that accepts anything (*/*) keeps getting the JSON page; only Accept: text/event-stream streams
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @Operation(summary = "The transcript as Server-Sent Events: replay after Last-Event-ID (or after), then live",
            description = "Event `message`: id = seq, data = the envelope exactly as stored. Event `event` (no id): "
                    + "{\"type\":\"event\",\"sessionId\",\"event\":<kind>,\"seq\":<head>,…} with kinds state (state, from), joined, "
                    + "proposal-opened, proposal-closed, agreement, closed, escalated, escalation-decided, and end (the stream ends). "
                    + "The stream opens with a `: heartbeat` comment, and another follows 15 s without events. Once the session is CLOSED the stream stays "
                    + "ASP_SSE_CLOSED_GRACE_SECONDS (10) for the final CLOSEs, then ends; opened on a closed session it ends after "
                    + "the replay. A consumer that falls too far behind is disconnected: reconnect with Last-Event-ID.")
    public void stream(@PathParam("id") String id, @QueryParam("after") String after,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        callers.requireAuthenticated();
        streams.open(id, SessionStreams.resumeAfter(lastEventId, after(after)), callers.caller(), sink, sse);
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

    private static long after(String after) {
        return QueryIntegers.of(after, "after", 0, 0, Long.MAX_VALUE);
    }

    private JsonObject view(Negotiation n) {
        return SessionViews.session(n, n.state() == SessionState.ESCALATED ? escalations.pending(n.sessionId()).orElse(null) : null,
                CommitmentViews.list(commitments.ofSession(n.sessionId())));
    }

    private Envelope envelope(String body) {
        if (body != null) {
            Envelope.requireFits(body, maxEnvelopeBytes);
        }
        return Envelope.parse(body);
    }
}
