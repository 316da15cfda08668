package dev.asp.client;

import java.net.http.HttpHeaders;
import java.util.Optional;

import jakarta.json.JsonObject;

/** One HTTP answer as the SDK saw it: status, headers, body. */
public record AspResponse(int status, HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonObject json() {
        return Codec.object(body);
    }

    /** The body as JSON if the status is 2xx, else an {@link AspProblemException} naming {@code what}. */
    public JsonObject jsonOrThrow(String what) {
        if (!ok()) {
            throw new AspProblemException(what, this);
        }
        return json();
    }
}
