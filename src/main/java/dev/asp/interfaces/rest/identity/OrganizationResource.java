package dev.asp.interfaces.rest.identity;

import dev.asp.domain.shared.Jsonp;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.identity.OrganizationService;
import dev.asp.application.ledger.Ledger;
import dev.asp.interfaces.rest.QueryInts;
import dev.asp.domain.identity.CredentialRole;
import dev.asp.domain.identity.OrgPolicy;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.auth.CredentialScheme;

/** Spec 1.1: organizations, their credentials, policy, credits and ledger. */
@ApplicationScoped
@AcceptsCredentials(CredentialScheme.BEARER)
@Path("v1/asp/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {
    private static final String ORG = "organization";

    @Inject
    OrganizationService orgs;

    @Inject
    Ledger ledger;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "Create an organization (operator); answers its first admin, auditor and SCIM secrets once")
    public Response create(String body) {
        callers.requireOperator();
        JsonObject in = JsonFields.parseObject(body);
        var created = orgs.create(JsonFields.string(in, "name"), JsonFields.string(in, "region"),
                JsonFields.optionalBoolean(in, "verified").orElse(false));
        JsonObject out = IdentityViews.organization(created.org())
                .add("adminApiKey", created.adminApiKey())
                .add("auditorApiKey", created.auditorApiKey())
                .add("scimToken", created.scimToken())
                .build();
        return Response.status(201).entity(out).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An organization (operator, its admins and auditors)")
    public JsonObject get(@PathParam("id") String id) {
        callers.requireReader(id, ORG + " " + id);
        var org = orgs.get(id);
        return IdentityViews.organization(org).add("policy", IdentityViews.policy(org.policy())).build();
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Set an organization's verified flag (operator)")
    public JsonObject patch(@PathParam("id") String id, String body) {
        callers.requireOperator(id, ORG + " " + id);
        JsonObject in = JsonFields.parseObject(body);
        boolean verified = JsonFields.optionalBoolean(in, "verified").orElseThrow(() -> DomainException.malformed("\"verified\" is required"));
        return IdentityViews.organization(orgs.setVerified(id, verified)).build();
    }

    @PUT
    @Path("{id}/policy")
    @Operation(summary = "Set the organization's policies (its admins)")
    public JsonObject policy(@PathParam("id") String id, String body) {
        callers.requireAdmin(id, ORG + " " + id);
        JsonObject in = JsonFields.parseObject(body);
        OrgPolicy policy = new OrgPolicy(JsonFields.optionalMoney(in, "requireApprovalAbove").orElse(null),
                JsonFields.optionalMoney(in, "escalateDisputesAbove").orElse(null),
                JsonFields.optionalBoolean(in, "alwaysEscrow").orElse(false),
                score(in, "minInviterTrust"), score(in, "minDirectionalScore"));
        return IdentityViews.policy(orgs.setPolicy(id, policy).policy());
    }

    @POST
    @Path("{id}/api-keys")
    @Operation(summary = "Issue an admin, auditor or SCIM credential (operator or admin); the secret is shown once")
    public Response issueKey(@PathParam("id") String id, String body) {
        callers.requireAdminOrOperator(id, ORG + " " + id);
        JsonObject in = JsonFields.parseObject(body);
        CredentialRole role = switch (JsonFields.string(in, "role")) {
            case "admin" -> CredentialRole.ADMIN;
            case "auditor" -> CredentialRole.AUDITOR;
            case "scim" -> CredentialRole.SCIM;
            default -> throw DomainException.malformed("\"role\" must be admin, auditor or scim");
        };
        var issued = orgs.issueKey(id, role);
        return Response.status(201).entity(Jsonp.object()
                .add("id", issued.key().id()).add("role", role.wire()).add("secret", issued.secret())
                .add("createdAt", issued.key().createdAt().toString()).build()).build();
    }

    @DELETE
    @Path("{id}/api-keys/{keyId}")
    @Operation(summary = "Revoke a credential (operator or admin)")
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        callers.requireAdminOrOperator(id, ORG + " " + id);
        orgs.revokeKey(id, keyId);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/credits")
    @Operation(summary = "Credit the organization's token balance (operator); answers the ledger entry")
    public Response credit(@PathParam("id") String id, String body) {
        callers.requireOperator(id, ORG + " " + id);
        JsonObject in = JsonFields.parseObject(body);
        BigDecimal amount = JsonFields.optionalMoney(in, "amount").orElseThrow(() -> DomainException.malformed("\"amount\" is required"));
        String currency = JsonFields.optionalString(in, "currency").orElse("USD");
        if (!currency.matches("[A-Z]{3}")) {
            throw DomainException.malformed("\"currency\" must be an ISO 4217 code");
        }
        return Response.status(201).entity(IdentityViews.ledgerEntry(ledger.credit(id, amount, currency))).build();
    }

    @GET
    @Path("{id}/ledger")
    @Operation(summary = "The organization's balance, holds and a page of its ledger, oldest first (operator, admins, auditors)",
            description = "after: the seq of the last entry already seen (0: from the start); limit 1-1000 (100); next: the seq to pass as "
                    + "after for the following page, null on the last. cause=<cmt_…|dsp_…> keeps the entries that cause left.")
    public JsonObject ledger(@PathParam("id") String id, @QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("cause") String cause) {
        callers.requireReader(id, ORG + " " + id);
        var page = ledger.page(id, QueryInts.nonNegative(after, "after", 0), QueryInts.count(limit, "limit", 100), cause);
        JsonArrayBuilder entries = Jsonp.array();
        page.entries().forEach(e -> entries.add(IdentityViews.ledgerEntry(e)));
        JsonObjectBuilder out = Jsonp.object()
                .add("balance", page.balance().toPlainString())
                .add("held", page.held().toPlainString())
                .add("currency", "USD")
                .add("entries", entries);
        return (page.next() == null ? out.addNull("next") : out.add("next", page.next())).build();
    }

    private static BigDecimal score(JsonObject in, String name) {
        BigDecimal v = JsonFields.optionalNumber(in, name).orElse(BigDecimal.ZERO);
        if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw DomainException.malformed("\"" + name + "\" must be 0-100");
        }
        return v;
    }
}
