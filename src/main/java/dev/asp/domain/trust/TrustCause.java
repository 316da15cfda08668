package dev.asp.domain.trust;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.Jsonp;

/**
 * The one cause of a trust change (6.2): its kind and what it names, as shown on the wire, and a
 * {@link #key()} unique per agent, so a cause already applied (a redelivered timer, a replayed
 * request) changes nothing.
 */
public record TrustCause(String type, JsonObject json, String key) {
    public static TrustCause of(String type, String field, String id) {
        return new TrustCause(type, Jsonp.object().add("type", type).add(field, id).build(), type + ":" + id);
    }
}
