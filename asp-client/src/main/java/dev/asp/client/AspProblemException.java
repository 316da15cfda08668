package dev.asp.client;

import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A refusal by the service: an RFC 9457 problem document (spec 10), an OAuth error of the token
 * endpoint (RFC 6749 §5.2, {@code code} = its {@code error}) or a SCIM error (RFC 7644 §3.12).
 * {@link #code()} is the spec's code, e.g. {@code stale-head}, {@code trust-ceiling}, {@code invalid_client}.
 */
public class AspProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String detail;
    private final transient JsonObject document;
    private final transient AspResponse response;

    public AspProblemException(String what, AspResponse response) {
        this(what, response, document(response));
    }

    private AspProblemException(String what, AspResponse response, JsonObject doc) {
        super(what + ": " + response.status() + " " + codeOf(doc, response.status()) + " — " + detailOf(doc, response.body()));
        this.status = response.status();
        this.code = codeOf(doc, response.status());
        this.detail = detailOf(doc, response.body());
        this.document = doc;
        this.response = response;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The spec's code ({@code code} of a problem, {@code error} of OAuth, {@code scimType} of SCIM), else {@code http-<status>}. */
    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The whole document (extension members such as a stale head's {@code head}); empty object if the body was not JSON. */
    public JsonObject document() {
        return document;
    }

    public AspResponse response() {
        return response;
    }

    /** A member of the document beyond the standard ones. */
    public Optional<JsonValue> member(String name) {
        return Optional.ofNullable(document.get(name));
    }

    private static JsonObject document(AspResponse r) {
        try {
            return Codec.object(r.body());
        } catch (IllegalArgumentException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static String codeOf(JsonObject doc, int status) {
        for (String member : new String[] {"code", "error", "scimType"}) {
            if (doc.get(member) instanceof jakarta.json.JsonString s) {
                return s.getString();
            }
        }
        return "http-" + status;
    }

    private static String detailOf(JsonObject doc, String body) {
        for (String member : new String[] {"detail", "error_description"}) {
            if (doc.get(member) instanceof jakarta.json.JsonString s) {
                return s.getString();
            }
        }
        return Codec.abbreviate(body);
    }
}
