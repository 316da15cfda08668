package dev.asp.interfaces.rest.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.audit.OrgAudit;
import dev.asp.application.audit.SessionAudit;
import dev.asp.domain.session.Times;
import dev.asp.domain.shared.DomainException;
import dev.asp.interfaces.rest.auth.CallerContext;

/** Spec 8: signed exports that verify offline with the JWKS (asp-verify). */
@ApplicationScoped
@Path("v1/asp/audit")
public class AuditResource {
    @Inject
    SessionAudit audit;

    @Inject
    ExportBundles bundles;

    @Inject
    CallerContext callers;

    @Inject
    OrgAudit orgs;

    @Inject
    OrgArchives archives;

    @Inject
    Clock clock;

    @GET
    @Path("sessions/{id}/export")
    @Produces(ExportBundles.MEDIA_TYPE)
    @Operation(summary = "A session's signed export: compact JWS (EdDSA, kid in the JWKS) over the session, every envelope with its signer's key, "
            + "commitments, disputes, trust events, ledger entries and the seal (null until sealed)",
            description = "For a participant, an auditor of a participant's org, or the operator; 404 for anyone else.")
    public String session(@PathParam("id") String id) {
        callers.requireAuthenticated();
        return bundles.signedSession(audit.export(id, callers.caller()), clock.instant());
    }

    @GET
    @Path("orgs/{id}/export")
    @Produces("application/zip")
    @Operation(summary = "Every session of the org's agents with a message in [from, to): a streamed zip of sessions/<id>.jws and manifest.jws",
            description = "For the org's auditors (and the operator); 404 for anyone else. from and to are RFC 3339; a range over 366 days is "
                    + "422 protocol-violation. manifest.jws is a compact JWS over {org, from, to, sessions:[{id, head, sha256}], exportedAt}.")
    public Response org(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        callers.requireAuthenticated();
        Instant start = time(from, "from");
        Instant end = time(to, "to");
        List<String> sessions = orgs.sessionIds(id, start, end, callers.caller());
        StreamingOutput body = out -> archives.write(out, id, start, end, sessions);
        return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"" + id + "-export.zip\"").build();
    }

    private static Instant time(String value, String name) {
        if (value == null) {
            throw DomainException.malformed("\"" + name + "\" is required (RFC 3339)");
        }
        return Times.instant(value, name);
    }
}
