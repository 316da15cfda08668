package dev.asp.interfaces.scim;

import dev.asp.domain.shared.IJson;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.asp.application.identity.ScimProvisioning.Desired;
import dev.asp.application.identity.ScimProvisioning.Provisioned;
import dev.asp.domain.identity.AccountablePeople;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.AgentStatus;

/**
 * An agent as a SCIM User (RFC 7643 4.1 subset, spec 2.4) and back. Request bodies are read
 * strictly by type; attribute names case-insensitively (RFC 7643 2.1). What identity providers send
 * about the agent's people (displayName, name, emails, the enterprise extension's organization,
 * department and manager) is kept as sent (spec 2.4); other attributes are ignored, so identity
 * providers' default mappings provision without change.
 */
public final class UserDocument {
    private UserDocument() {
    }

    /** RFC 7644 3.14: the weak entity tag of an agent's version (agents.version). */
    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    public static JsonObject render(Provisioned p, String baseUrl) {
        Agent a = p.agent();
        JsonArrayBuilder keys = Json.createArrayBuilder();
        for (AgentKey k : p.activeKeys()) {
            keys.add(Json.createObjectBuilder(k.publicJwk().toJson()).add("kid", k.kid()));
        }
        AccountablePeople people = a.people();
        JsonObject enterprise = enterprise(people);
        JsonArrayBuilder schemas = Json.createArrayBuilder().add(ScimSchemas.USER).add(ScimSchemas.AGENT);
        if (!enterprise.isEmpty()) {
            schemas.add(ScimSchemas.ENTERPRISE);
        }
        JsonObjectBuilder doc = Json.createObjectBuilder()
                .add("schemas", schemas)
                .add("id", a.id());
        if (a.externalId() != null) {
            doc.add("externalId", a.externalId());
        }
        doc.add("userName", a.name());
        people(doc, people);
        if (!enterprise.isEmpty()) {
            doc.add(ScimSchemas.ENTERPRISE, enterprise);
        }
        return doc.add("active", a.status() == AgentStatus.ACTIVE)
                .add(ScimSchemas.AGENT, Json.createObjectBuilder()
                        .add("capabilities", strings(a.capabilities()))
                        .add("regions", strings(a.regions()))
                        .add("protocols", strings(a.protocols()))
                        .add("publicKeys", keys))
                .add("meta", Json.createObjectBuilder()
                        .add("resourceType", "User")
                        .add("created", time(a.createdAt()))
                        .add("lastModified", time(a.updatedAt()))
                        .add("location", baseUrl + "/Users/" + a.id())
                        .add("version", etag(a.version())))
                .build();
    }

    /**
     * The state a POST body, or a PATCHed representation, asserts: what it omits is empty or
     * unassigned, except {@code active} (omitted: unchanged; true for a new User).
     */
    public static Desired read(JsonObject body) {
        requireUserSchema(body);
        String userName = string(body, "userName").filter(s -> !s.isBlank())
                .orElseThrow(() -> ScimException.invalidValue("\"userName\" is required"));
        String externalId = string(body, "externalId").orElse(null);
        Boolean active = bool(body, "active").orElse(null);
        JsonObject ext = object(body, ScimSchemas.AGENT).orElse(JsonValue.EMPTY_JSON_OBJECT);
        return new Desired(userName, externalId, active, strings(ext, "capabilities"), strings(ext, "regions"), strings(ext, "protocols"),
                keys(ext), people(body));
    }

    /** Spec 2.4: the people attributes as sent; what the body omits is unassigned. */
    private static AccountablePeople people(JsonObject body) {
        AccountablePeople.PersonName name = object(body, "name").map(n -> new AccountablePeople.PersonName(string(n, "givenName").orElse(null),
                string(n, "familyName").orElse(null), string(n, "formatted").orElse(null)))
                .filter(n -> n.givenName() != null || n.familyName() != null || n.formatted() != null).orElse(null);
        List<AccountablePeople.Email> emails = new ArrayList<>();
        get(body, "emails").ifPresent(v -> {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ScimException.invalidValue("\"emails\" must be an array of objects");
            }
            for (JsonValue item : v.asJsonArray()) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ScimException.invalidValue("\"emails\" must be an array of objects");
                }
                JsonObject e = item.asJsonObject();
                emails.add(new AccountablePeople.Email(string(e, "value").orElse(null), string(e, "type").orElse(null), bool(e, "primary").orElse(null)));
            }
        });
        JsonObject enterprise = object(body, ScimSchemas.ENTERPRISE).orElse(JsonValue.EMPTY_JSON_OBJECT);
        AccountablePeople.Manager manager = get(enterprise, "manager").map(m -> {
            if (m instanceof JsonString id) {
                return new AccountablePeople.Manager(id.getString(), null, null); // Entra ID sends the manager's id alone
            }
            if (m.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ScimException.invalidValue("\"manager\" must be an object");
            }
            JsonObject o = m.asJsonObject();
            return new AccountablePeople.Manager(string(o, "value").orElse(null), string(o, "$ref").orElse(null), string(o, "displayName").orElse(null));
        }).filter(m -> m.value() != null || m.ref() != null || m.displayName() != null).orElse(null);
        return new AccountablePeople(string(body, "displayName").orElse(null), name, emails, string(enterprise, "organization").orElse(null),
                string(enterprise, "department").orElse(null), manager);
    }

    private static void people(JsonObjectBuilder doc, AccountablePeople p) {
        if (p.displayName() != null) {
            doc.add("displayName", p.displayName());
        }
        if (p.name() != null) {
            JsonObjectBuilder n = Json.createObjectBuilder();
            optional(n, "formatted", p.name().formatted());
            optional(n, "familyName", p.name().familyName());
            optional(n, "givenName", p.name().givenName());
            doc.add("name", n);
        }
        if (!p.emails().isEmpty()) {
            JsonArrayBuilder emails = Json.createArrayBuilder();
            for (AccountablePeople.Email e : p.emails()) {
                JsonObjectBuilder o = Json.createObjectBuilder().add("value", e.value());
                optional(o, "type", e.type());
                if (e.primary() != null) {
                    o.add("primary", e.primary());
                }
                emails.add(o);
            }
            doc.add("emails", emails);
        }
    }

    private static JsonObject enterprise(AccountablePeople p) {
        JsonObjectBuilder e = Json.createObjectBuilder();
        optional(e, "organization", p.organization());
        optional(e, "department", p.department());
        if (p.manager() != null) {
            JsonObjectBuilder m = Json.createObjectBuilder();
            optional(m, "value", p.manager().value());
            optional(m, "$ref", p.manager().ref());
            optional(m, "displayName", p.manager().displayName());
            e.add("manager", m);
        }
        return e.build();
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    /**
     * A PUT body (RFC 7644 3.5.1). Omitted readWrite attributes may be taken as "not asserted":
     * {@code externalId} and, when the extension object is absent, the ASP attributes keep their
     * values, so an identity provider that knows nothing of the extension never wipes an agent's
     * keys and capabilities by replacing its User. The people attributes are the identity
     * provider's own, so its replacement replaces them.
     */
    public static Desired readReplacement(JsonObject body, Provisioned current) {
        Desired d = read(body);
        Agent a = current.agent();
        String externalId = get(body, "externalId").isPresent() ? d.externalId() : a.externalId();
        if (object(body, ScimSchemas.AGENT).isPresent()) {
            return new Desired(d.userName(), externalId, d.active(), d.capabilities(), d.regions(), d.protocols(), d.publicKeys(), d.people());
        }
        return new Desired(d.userName(), externalId, d.active(), List.copyOf(a.capabilities()), List.copyOf(a.regions()),
                List.copyOf(a.protocols()), current.activeKeys().stream().map(k -> k.publicJwk().toJson()).toList(), d.people());
    }

    /** RFC 7644 3.12 invalidSyntax: the body is not one JSON object. */
    public static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidSyntax("the request body must be a JSON object");
        }
        try {
            return IJson.object(text); // spec 10: I-JSON here too
        } catch (IJson.NotIJson e) {
            throw ScimException.invalidSyntax("the request body is not an I-JSON object: " + e.getMessage());
        }
    }
   private static void requireUserSchema(JsonObject body) {
        JsonValue schemas = get(body, "schemas").orElse(null);
        if (schemas == null || schemas.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ScimException.invalidSyntax("\"schemas\" must list " + ScimSchemas.USER);
        }
        boolean user = schemas.asJsonArray().stream().anyMatch(v -> v instanceof JsonString s && s.getString().equalsIgnoreCase(ScimSchemas.USER));
        if (!user) {
            throw ScimException.invalidSyntax("\"schemas\" must list " + ScimSchemas.USER);
        }
    }

    static Optional<JsonValue> get(JsonObject o, String name) {
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != JsonValue.NULL) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> object(JsonObject o, String name) {
        return get(o, name).map(v -> {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ScimException.invalidValue("\"" + name + "\" must be an object");
            }
            return v.asJsonObject();
        });
    }

    private static Optional<String> string(JsonObject o, String name) {
        return get(o, name).map(v -> {
            if (!(v instanceof JsonString s)) {
                throw ScimException.invalidValue("\"" + name + "\" must be a string");
            }
            return s.getString();
        });
    }

    private static Optional<Boolean> bool(JsonObject o, String name) {
        return get(o, name).map(v -> {
            if (v == JsonValue.TRUE) {
                return true;
            }
            if (v == JsonValue.FALSE) {
                return false;
            }
            throw ScimException.invalidValue("\"" + name + "\" must be a boolean");
        });
    }

    private static List<String> strings(JsonObject o, String name) {
        List<String> out = new ArrayList<>();
        get(o, name).ifPresent(v -> {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ScimException.invalidValue("\"" + name + "\" must be an array of strings");
            }
            for (JsonValue item : v.asJsonArray()) {
                if (!(item instanceof JsonString s)) {
                    throw ScimException.invalidValue("\"" + name + "\" must be an array of strings");
                }
                out.add(s.getString());
            }
        });
        return out;
    }

    private static List<JsonObject> keys(JsonObject ext) {
        List<JsonObject> out = new ArrayList<>();
        get(ext, "publicKeys").ifPresent(v -> {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ScimException.invalidValue("\"publicKeys\" must be an array of JWKs");
            }
            for (JsonValue item : v.asJsonArray()) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ScimException.invalidValue("\"publicKeys\" must be an array of JWKs");
                }
                out.add(item.asJsonObject());
            }
        });
        return out;
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        values.forEach(b::add);
        return b;
    }

    /** Millisecond precision: what every supported database stores, so a later read renders the same time. */
    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
