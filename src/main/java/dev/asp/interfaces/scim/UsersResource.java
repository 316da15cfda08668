package dev.asp.interfaces.scim;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.identity.ScimProvisioning;
import dev.asp.application.identity.ScimProvisioning.Provisioned;
import dev.asp.infrastructure.config.PublicUrl;

/** Spec 2.4, RFC 7644 3.3-3.6: the organization's agents as SCIM Users. */
@Path("scim/v2/Users")
@RequestScoped
@ScimBoundary
@Produces({ScimMedia.SCIM_JSON, ScimMedia.JSON})
@Consumes({ScimMedia.SCIM_JSON, ScimMedia.JSON})
public class UsersResource {
    @Inject
    ScimProvisioning provisioning;

    @Inject
    ScimCaller caller;

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Provision an agent (SCIM User); 409 uniqueness when the org has an agent of that userName",
            description = "displayName, name, emails and the enterprise extension's organization, department and manager are kept "
                    + "and returned as sent (spec 2.4); other attributes of the core schema are ignored.")
    public Response create(String body) {
        Provisioned p = provisioning.create(caller.orgId(), UserDocument.read(UserDocument.parse(body)));
        JsonObject user = UserDocument.render(p, base());
        return ScimMedia.ok(201, user).location(URI.create(user.getJsonObject("meta").getString("location")))
                .header(HttpHeaders.ETAG, UserDocument.etag(p.agent().version())).build();
    }

    @GET
    @Operation(summary = "The org's Users, filtered (eq, ne, co, sw, ew, pr, gt, ge, lt, le, and, or, not) and paged",
            description = "Filterable: id, externalId, userName, active, displayName, name.*, emails.*, meta.*, the ASP extension's "
                    + "capabilities, regions, protocols, publicKeys.kid and the enterprise extension's organization, department, manager.*.")
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex, @QueryParam("count") String count) {
        ScimFilter f = filter == null ? null : ScimFilter.parse(filter);
        String base = base();
        // In memory over the org's agents: an organization has at most thousands, and filters address the User representation.
        List<JsonObject> users = provisioning.list(caller.orgId()).stream().map(p -> UserDocument.render(p, base))
                .filter(u -> f == null || f.matches(u)).toList();
        return ScimMedia.ok(200, ScimList.page(users, startIndex, count)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One User; 304 when If-None-Match names its current version")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Provisioned p = provisioning.get(caller.orgId(), id);
        if (EntityTags.matches(ifNoneMatch, p.agent().version())) {
            return Response.notModified().header(HttpHeaders.ETAG, UserDocument.etag(p.agent().version())).build();
        }
        return resource(p);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a User (If-Match honoured)")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        JsonObject in = UserDocument.parse(body);
        return resource(provisioning.modify(caller.orgId(), id, EntityTags.ifMatch(ifMatch), current -> UserDocument.readReplacement(in, current)));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Modify a User with a PatchOp (add, replace, remove; If-Match honoured)")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        JsonObject in = UserDocument.parse(body);
        String base = base();
        return resource(provisioning.modify(caller.orgId(), id, EntityTags.ifMatch(ifMatch),
                current -> UserDocument.read(ScimPatch.apply(UserDocument.render(current, base), in))));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deprovision: the agent is gone for good (404 from now on) and its open sessions close")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        provisioning.deprovision(caller.orgId(), id, EntityTags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    private Response resource(Provisioned p) {
        return ScimMedia.ok(200, UserDocument.render(p, base())).header(HttpHeaders.ETAG, UserDocument.etag(p.agent().version())).build();
    }

    private String base() {
        return ScimMedia.baseUrl(publicUrl, uri);
    }
}
