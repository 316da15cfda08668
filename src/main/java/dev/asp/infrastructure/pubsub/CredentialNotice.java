package dev.asp.infrastructure.pubsub;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.domain.shared.Jsonp;

/**
 * What one server tells the others on PostgreSQL channel {@code asp_credentials} when a key was
 * retired or revoked or an agent suspended, so their WebSockets on those credentials end too
 * (spec 4.8): {@code {"o":<server>,"a":<agent>,"k":<kid, absent for the agent>,"r":<reason>}}.
 */
final class CredentialNotice {
    static final String CHANNEL = "asp_credentials";

    private CredentialNotice() {
    }

    static String encode(String origin, CredentialsWithdrawn w) {
        var b = Jsonp.object().add("o", origin).add("a", w.agentId()).add("r", w.reason());
        if (w.kid() != null) {
            b.add("k", w.kid());
        }
        return b.build().toString();
    }

    /** The withdrawal another server announced, or null when it is this server's own. */
    static CredentialsWithdrawn decode(String origin, String payload) {
        try {
            JsonObject o = Jsonp.parse(payload);
            if (origin.equals(o.getString("o"))) {
                return null;
            }
            String kid = o.get("k") instanceof JsonString k ? k.getString() : null;
            return new CredentialsWithdrawn(o.getString("a"), kid, o.getString("r"), true);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a credential notice: " + e.getMessage(), e);
        }
    }
}
