package dev.asp.interfaces.rest.identity;

import dev.asp.domain.shared.Jsonp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.OrganizationService;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentStatus;
import dev.asp.domain.identity.KeyStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.auth.CredentialScheme;

/** Spec 1.1, 2.1, 3: agent profiles (public), and the admin operations on an org's agents. */
@ApplicationScoped
@AcceptsCredentials(CredentialScheme.BEARER)
@Path("v1/asp/agents/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {
    @Inject
    AgentDirectory directory;

    @Inject
    OrganizationService orgs;

    @Inject
    AgentProfiles profiles;

    @Inject
    CallerContext callers;

    @GET
    // public, but a credential that comes along is checked, whichever kind it is
    @AcceptsCredentials({CredentialScheme.DPOP, CredentialScheme.BEARER})
    @Operation(summary = "An agent's public profile")
    public JsonObject profile(@PathParam("id") String id) {
        Agent agent = directory.get(id);
        if (!agent.canAct()) {
            throw DomainException.notFound("agent " + id);
        }
        return profiles.profile(agent);
    }

    @PATCH
    @Operation(summary = "Suspend or reactivate an agent of the caller's org (admin)")
    public JsonObject status(@PathParam("id") String id, String body) {
        ownAgent(id);
        JsonObject in = JsonFields.parseObject(body);
        AgentStatus status = switch (JsonFields.string(in, "status")) {
            case "active" -> AgentStatus.ACTIVE;
            case "suspended" -> AgentStatus.SUSPENDED;
            default -> throw DomainException.malformed("\"status\" must be active or suspended");
        };
        Agent agent = directory.changeStatus(id, status);
        return Jsonp.object(profiles.profile(agent)).add("status", agent.status().wire()).build();
    }

    @POST
    @Path("api-keys")
    @Operation(summary = "Issue the agent's API key (admin): usable only at the token endpoint with HTTP Basic")
    public Response apiKey(@PathParam("id") String id) {
        Agent agent = ownAgent(id);
        var issued = orgs.issueAgentKey(agent.orgId(), agent.id());
        return Response.status(201).entity(Jsonp.object()
                .add("id", issued.key().id()).add("clientId", agent.id()).add("secret", issued.secret()).build()).build();
    }

    @GET
    @Path("keys")
    @Operation(summary = "The agent's keys with their history (admin)")
    public JsonObject keys(@PathParam("id") String id) {
        ownAgent(id);
        var list = Jsonp.array();
        directory.keys(id).forEach(k -> list.add(IdentityViews.key(k)));
        return Jsonp.object().add("keys", list).build();
    }

    @POST
    @Path("keys")
    @Operation(summary = "Register a public key (JWK, Ed25519 or P-256) for the agent (admin)")
    public Response addKey(@PathParam("id") String id, String body) {
        ownAgent(id);
        JsonObject in = JsonFields.parseObject(body);
        if (!in.containsKey("jwk")) {
            throw DomainException.malformed("\"jwk\" is required");
        }
        return Response.status(201).entity(IdentityViews.key(directory.addKey(id, in.get("jwk")))).build();
    }

    @PATCH
    @Path("keys/{kid}")
    @Operation(summary = "Retire or revoke one of the agent's keys (admin)")
    public JsonObject changeKey(@PathParam("id") String id, @PathParam("kid") String kid, String body) {
        ownAgent(id);
        JsonObject in = JsonFields.parseObject(body);
        KeyStatus status = switch (JsonFields.string(in, "status")) {
            case "retired" -> KeyStatus.RETIRED;
            case "revoked" -> KeyStatus.REVOKED;
            default -> throw DomainException.malformed("\"status\" must be retired or revoked");
        };
        return IdentityViews.key(directory.changeKeyStatus(id, kid, status));
    }

    @PUT
    @Path("trust-level")
    @Operation(summary = "Assign the infrastructure trust level (operator)")
    public JsonObject trustLevel(@PathParam("id") String id, String body) {
        callers.requireOperator();
        JsonObject in = JsonFields.parseObject(body);
        return profiles.profile(directory.assignTrustLevel(id, JsonFields.string(in, "level")));
    }

    private Agent ownAgent(String id) {
        var admin = callers.requireAnyAdmin();
        return directory.getInOrg(id, admin.orgId());
    }
}
