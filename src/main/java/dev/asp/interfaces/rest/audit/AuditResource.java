package dev.asp.interfaces.rest.audit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.audit.SessionAudit;
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
}
