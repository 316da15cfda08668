package dev.asp.interfaces.rest.problem;

import dev.asp.domain.shared.Jsonp;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import dev.asp.domain.shared.ProblemCode;

/** Builds RFC 9457 problem documents (spec 10): type, title, status, detail, instance, code. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static JsonObject document(ProblemCode code, String detail, String instance, Map<String, Object> extensions) {
        JsonObjectBuilder b = Jsonp.object()
                .add("type", code.type())
                .add("title", code.title())
                .add("status", code.status())
                .add("detail", detail == null ? code.title() : detail)
                .add("code", code.code());
        if (instance != null) {
            b.add("instance", instance);
        }
        extensions.forEach((k, v) -> b.add(k, toJson(v)));
        return b.build();
    }

    public static Response response(ProblemCode code, String detail, String instance, Map<String, Object> extensions) {
        return Response.status(code.status()).type(MEDIA_TYPE).entity(document(code, detail, instance, extensions).toString()).build();
    }

    private static JsonValue toJson(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof Integer i) {
            return Json.createValue(i);
        }
        if (v instanceof Long l) {
            return Json.createValue(l);
        }
        if (v instanceof BigDecimal d) {
            return Json.createValue(d);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Jsonp.object();
            m.forEach((k, val) -> b.add(String.valueOf(k), toJson(val)));
            return b.build();
        }
        return Json.createValue(String.valueOf(v));
    }
}
