package dev.asp.domain.session;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.domain.shared.Canonical;

/** Spec 4.2: what a participant's message takes from the session's token budget. */
public final class TokenUsage {
    private TokenUsage() {
    }

    /** {@code body.usage.tokens} when the sender states it, else ceil(bytes of the RFC 8785 form of the body / 4). */
    public static long of(JsonObject body) {
        var stated = JsonFields.optionalObject(body, "usage").flatMap(u -> JsonFields.optionalInteger(u, "tokens"));
        if (stated.isPresent()) {
            if (stated.get() < 0) {
                throw DomainException.protocol("\"usage.tokens\" must not be negative");
            }
            return stated.get();
        }
        long bytes = Canonical.bytes(body.toString()).length;
        return (bytes + 3) / 4;
    }
}
