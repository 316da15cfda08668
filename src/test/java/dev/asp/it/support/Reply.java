package dev.asp.it.support;

import java.net.http.HttpHeaders;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** One HTTP answer: status, headers, body, and the body read as JSON. */
public record Reply(int status, HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The Content-Type without parameters, lower case; empty when there is none. */
    public String mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase()).orElse("");
    }

    public JsonObject json() {
        return Json.object(body);
    }

    public JsonArray jsonArray() {
        return Json.array(body);
    }

    @Override
    public String toString() {
        return status + " " + mediaType() + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
    }
}
