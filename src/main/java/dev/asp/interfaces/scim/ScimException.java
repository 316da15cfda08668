package dev.asp.interfaces.scim;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A refusal under /scim/v2, answered in the SCIM error schema (RFC 7644 3.12) by
 * {@link ScimExceptionMapper}, never as a problem document.
 */
public class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    /** RFC 7644 3.12: status is a string; scimType only where the RFC defines one. */
    public JsonObject toJson() {
        return body(status, scimType, getMessage());
    }

    public static JsonObject body(int status, String scimType, String detail) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(ScimSchemas.ERROR))
                .add("status", Integer.toString(status));
        if (scimType != null) {
            b.add("scimType", scimType);
        }
        return b.add("detail", detail == null ? "request failed" : detail).build();
    }
}
