package dev.asp.interfaces.scim;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.infrastructure.config.PublicUrl;

/** RFC 7644 4: what this service provider supports, so identity providers can discover it (behind the SCIM token too). */
@Path("scim/v2")
@RequestScoped
@ScimBoundary
@Produces({ScimMedia.SCIM_JSON, ScimMedia.JSON})
public class ScimMetadataResource {
    private static final String USER_TYPE = "User";

    @Inject
    PublicUrl publicUrl;

    @Context
    UriInfo uri;

    @GET
    @Path("ServiceProviderConfig")
    @Operation(summary = "SCIM features: PATCH, filter (200 results at most), ETags; no bulk, sort or password change")
    public Response serviceProviderConfig() {
        JsonObject config = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(ScimSchemas.SERVICE_PROVIDER_CONFIG))
                .add("patch", supported(true))
                .add("bulk", Json.createObjectBuilder().add("supported", false).add("maxOperations", 0).add("maxPayloadSize", 0))
                .add("filter", Json.createObjectBuilder().add("supported", true).add("maxResults", ScimList.MAX_RESULTS))
                .add("changePassword", supported(false))
                .add("sort", supported(false))
                .add("etag", supported(true))
                .add("authenticationSchemes", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "oauthbearertoken")
                        .add("name", "OAuth Bearer Token")
                        .add("description", "The organization's SCIM token: Authorization: Bearer <token> (RFC 6750)")
                        .add("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
                        .add("primary", true)))
                .add("meta", Json.createObjectBuilder().add("resourceType", "ServiceProviderConfig").add("location", base() + "/ServiceProviderConfig"))
                .build();
        return ScimMedia.ok(200, config).build();
    }

    @GET
    @Path("ResourceTypes")
    @Operation(summary = "The resource types: User, with the ASP agent extension and the enterprise User extension")
    public Response resourceTypes() {
        return ScimMedia.ok(200, ScimList.response(1, List.of(userType()), 1)).build();
    }

    @GET
    @Path("ResourceTypes/{id}")
    public Response resourceType(@PathParam("id") String id) {
        if (!USER_TYPE.equals(id)) {
            throw ScimException.notFound("no resource type " + id);
        }
        return ScimMedia.ok(200, userType()).build();
    }

    @GET
    @Path("Schemas")
    @Operation(summary = "The schemas: exactly the attributes kept - of the core User, the ASP agent extension and the enterprise User extension")
    public Response schemas() {
        List<JsonObject> schemas = ScimSchemas.schemaResources(base());
        return ScimMedia.ok(200, ScimList.response(schemas.size(), schemas, 1)).build();
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        return ScimSchemas.schemaResources(base()).stream().filter(s -> s.getString("id").equals(id)).findFirst()
                .map(s -> ScimMedia.ok(200, s).build())
                .orElseThrow(() -> ScimException.notFound("no schema " + id));
    }

    private JsonObject userType() {
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(ScimSchemas.RESOURCE_TYPE))
                .add("id", USER_TYPE)
                .add("name", USER_TYPE)
                .add("endpoint", "/Users")
                .add("description", "An agent of the organization")
                .add("schema", ScimSchemas.USER)
                .add("schemaExtensions", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("schema", ScimSchemas.AGENT).add("required", false))
                        .add(Json.createObjectBuilder().add("schema", ScimSchemas.ENTERPRISE).add("required", false)))
                .add("meta", Json.createObjectBuilder().add("resourceType", "ResourceType").add("location", base() + "/ResourceTypes/" + USER_TYPE))
                .build();
    }

    private static jakarta.json.JsonObjectBuilder supported(boolean supported) {
        return Json.createObjectBuilder().add("supported", supported);
    }

    private String base() {
        return ScimMedia.baseUrl(publicUrl, uri);
    }
}
