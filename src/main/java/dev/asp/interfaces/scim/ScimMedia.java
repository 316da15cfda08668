package dev.asp.interfaces.scim;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.asp.infrastructure.config.PublicUrl;

/** RFC 7644 3.1: SCIM bodies are application/scim+json; application/json is accepted too (RFC 7644 8.1). */
public final class ScimMedia {
    public static final String SCIM_JSON = "application/scim+json";
    public static final String JSON = "application/json";
    static final String PATH = "scim/v2";

    private ScimMedia() {
    }

    /** Whether a JAX-RS request path (with or without its leading slash) is under /scim/v2. */
    public static boolean isScimPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals(PATH) || p.startsWith(PATH + "/");
    }

    /** The absolute /scim/v2 URL clients reach this service at (spec 9: ASP_PUBLIC_URL behind a proxy). */
    static String baseUrl(PublicUrl publicUrl, UriInfo uri) {
        String root = publicUrl.of(uri.getBaseUri()).toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/" + PATH;
    }

    /** The media type is negotiated from the resources' @Produces: scim+json unless the client accepts only application/json. */
    static Response.ResponseBuilder ok(int status, JsonObject body) {
        return Response.status(status).entity(body.toString());
    }

    static Response error(int status, JsonObject body) {
        Response.ResponseBuilder b = Response.status(status).type(SCIM_JSON).entity(body.toString());
        if (status == 401) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
        }
        return b.build();
    }
}
