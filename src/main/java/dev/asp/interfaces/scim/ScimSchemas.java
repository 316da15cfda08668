package dev.asp.interfaces.scim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The attributes this service provider supports (RFC 7643 2, 4.1, 7): the subset of the core User
 * schema that maps onto an agent, the common attributes (3.1) and the ASP extension. One table
 * read by /Schemas, filter evaluation and PATCH, so they cannot disagree.
 */
public final class ScimSchemas {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String AGENT = "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** The extension schemas a User may carry, each as one object named by its URN (RFC 7643 3.3). */
    public static final List<String> EXTENSIONS = List.of(AGENT, ENTERPRISE);
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public enum Type {
        STRING("string"), BOOLEAN("boolean"), DATE_TIME("dateTime"), REFERENCE("reference"), COMPLEX("complex");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }
    }

    public enum Mutability {
        READ_ONLY("readOnly"), READ_WRITE("readWrite"), IMMUTABLE("immutable");

        final String wire;

        Mutability(String wire) {
            this.wire = wire;
        }
    }

    /** One attribute definition (RFC 7643 7). Names compare case-insensitively (RFC 7643 2.1). */
    public record Attribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact, Mutability mutability,
            String returned, String uniqueness, String description, List<Attribute> subAttributes) {

        public boolean isNamed(String other) {
            return name.equalsIgnoreCase(other);
        }

        public Optional<Attribute> sub(String subName) {
            return subAttributes.stream().filter(a -> a.isNamed(subName)).findFirst();
        }
    }

    private static Attribute string(String name, boolean required, boolean caseExact, Mutability m, String returned, String uniqueness,
            String description) {
        return new Attribute(name, Type.STRING, false, required, caseExact, m, returned, uniqueness, description, List.of());
    }

    private static Attribute text(String name, String description) {
        return string(name, false, false, Mutability.READ_WRITE, "default", "none", description);
    }

    private static Attribute complex(String name, boolean multiValued, String description, Attribute... subAttributes) {
        return new Attribute(name, Type.COMPLEX, multiValued, false, false, Mutability.READ_WRITE, "default", "none", description,
                List.of(subAttributes));
    }

    private static Attribute strings(String name, String description) {
        return new Attribute(name, Type.STRING, true, false, true, Mutability.READ_WRITE, "default", "none", description, List.of());
    }

    /** RFC 7643 3.1: present on every resource, not part of any schema's attribute list. */
    public static final List<Attribute> COMMON = List.of(
            string("id", false, true, Mutability.READ_ONLY, "always", "server", "The agent id (agt_...)."),
            string("externalId", false, true, Mutability.READ_WRITE, "default", "none", "The identity provider's id of the agent."),
            new Attribute("meta", Type.COMPLEX, false, false, false, Mutability.READ_ONLY, "default", "none", "Resource metadata.", List.of(
                    string("resourceType", false, true, Mutability.READ_ONLY, "default", "none", "Always User."),
                    new Attribute("created", Type.DATE_TIME, false, false, false, Mutability.READ_ONLY, "default", "none",
                            "When the agent was registered.", List.of()),
                    new Attribute("lastModified", Type.DATE_TIME, false, false, false, Mutability.READ_ONLY, "default", "none",
                            "When the agent last changed.", List.of()),
                    new Attribute("location", Type.REFERENCE, false, false, true, Mutability.READ_ONLY, "default", "none",
                            "The resource's URI.", List.of()),
                    string("version", false, true, Mutability.READ_ONLY, "default", "none", "The weak entity tag of the resource."))));

    public static final List<Attribute> USER_ATTRIBUTES = List.of(
            string("userName", true, false, Mutability.READ_WRITE, "always", "server", "The agent's name, unique within its organization."),
            new Attribute("active", Type.BOOLEAN, false, false, false, Mutability.READ_WRITE, "default", "none",
                    "false suspends the agent (its tokens stop working, its open sessions are cancelled); true reactivates it.",
                    List.of()),
            // spec 2.4: what identity providers send about the people accountable for the agent, kept as sent
            text("displayName", "The name shown for the agent or the person accountable for it."),
            complex("name", false, "The name of the person accountable for the agent.",
                    text("formatted", "The full name, formatted for display."),
                    text("familyName", "The family name."),
                    text("givenName", "The given name.")),
            complex("emails", true, "Email addresses of the person accountable for the agent (at most 20, one primary).",
                    string("value", true, false, Mutability.READ_WRITE, "default", "none", "The address."),
                    text("type", "A label such as work or home."),
                    new Attribute("primary", Type.BOOLEAN, false, false, false, Mutability.READ_WRITE, "default", "none",
                            "Whether this is the preferred address.", List.of())));

    /** RFC 7643 4.3: the enterprise User extension's attributes this service keeps (spec 2.4). */
    public static final List<Attribute> ENTERPRISE_ATTRIBUTES = List.of(
            text("organization", "The organization of the person accountable for the agent."),
            text("department", "Their department."),
            complex("manager", false, "Their manager; a string value is taken as the manager's id.",
                    text("value", "The manager's id at the identity provider."),
                    new Attribute("$ref", Type.REFERENCE, false, false, true, Mutability.READ_WRITE, "default", "none",
                            "The URI of the manager's resource.", List.of()),
                    text("displayName", "The manager's name.")));

    /** JWK members: a key is replaced as a whole, never edited, and its kid is its RFC 7638 thumbprint. */
    public static final List<Attribute> AGENT_ATTRIBUTES = List.of(
            strings("capabilities", "Dotted lower-case capability names such as compute.gpu.provision."),
            strings("regions", "Region codes the agent serves."),
            strings("protocols", "Protocols the agent speaks; asp/1.0 when empty."),
            new Attribute("publicKeys", Type.COMPLEX, true, false, true, Mutability.READ_WRITE, "default", "none",
                    "The agent's active public keys as JWKs (OKP/Ed25519 or EC/P-256); private members are refused. "
                            + "Keys left out of a replacement are retired.",
                    List.of(string("kid", false, true, Mutability.READ_ONLY, "default", "server", "RFC 7638 thumbprint, base64url."),
                            string("kty", true, true, Mutability.IMMUTABLE, "default", "none", "OKP or EC."),
                            string("crv", true, true, Mutability.IMMUTABLE, "default", "none", "Ed25519 or P-256."),
                            string("x", true, true, Mutability.IMMUTABLE, "default", "none", "Public key, base64url."),
                            string("y", false, true, Mutability.IMMUTABLE, "default", "none", "P-256 y coordinate, base64url."))));

    private ScimSchemas() {
    }

    /** An attribute and the schema holding it: null for the core User schema and the common attributes, else an extension's URN. */
    public record Located(String schema, Attribute attribute) {
    }

    /**
     * The top-level attribute {@code name} of schema {@code urn}. Without a URN the core schema comes
     * first (RFC 7644 3.10); extension names are unique among the schemas, so a client may omit theirs.
     */
    public static Optional<Located> locate(String urn, String name) {
        if (urn == null || urn.equalsIgnoreCase(USER)) {
            Optional<Located> core = find(COMMON, name).or(() -> find(USER_ATTRIBUTES, name)).map(a -> new Located(null, a));
            if (core.isPresent() || urn != null) {
                return core;
            }
            return EXTENSIONS.stream().flatMap(e -> find(attributesOf(e), name).map(a -> new Located(e, a)).stream()).findFirst();
        }
        return extension(urn).flatMap(e -> find(attributesOf(e), name).map(a -> new Located(e, a)));
    }

    /** The extension schema {@code urn} names (URNs compare case-insensitively), in its canonical spelling. */
    public static Optional<String> extension(String urn) {
        return urn == null ? Optional.empty() : EXTENSIONS.stream().filter(urn::equalsIgnoreCase).findFirst();
    }

    public static List<Attribute> attributesOf(String extension) {
        return AGENT.equals(extension) ? AGENT_ATTRIBUTES : ENTERPRISE_ATTRIBUTES;
    }

    static Optional<Attribute> find(List<Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.isNamed(name)).findFirst();
    }

    /** RFC 7643 7: the schema resources served at /Schemas. */
    public static List<JsonObject> schemaResources(String baseUrl) {
        return List.of(schema(USER, "User", "User Account: an agent of the organization (the subset of the core schema this service stores).",
                USER_ATTRIBUTES, baseUrl),
                schema(AGENT, "Agent", "Agent Session Protocol data of an agent.", AGENT_ATTRIBUTES, baseUrl),
                schema(ENTERPRISE, "EnterpriseUser", "The enterprise User attributes this service keeps about the people accountable for an agent.",
                        ENTERPRISE_ATTRIBUTES, baseUrl));
    }

    private static JsonObject schema(String id, String name, String description, List<Attribute> attributes, String baseUrl) {
        JsonArrayBuilder attrs = Json.createArrayBuilder();
        attributes.forEach(a -> attrs.add(attribute(a)));
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(SCHEMA))
                .add("id", id)
                .add("name", name)
                .add("description", description)
                .add("attributes", attrs)
                .add("meta", Json.createObjectBuilder().add("resourceType", "Schema").add("location", baseUrl + "/Schemas/" + id))
                .build();
    }

    private static JsonObjectBuilder attribute(Attribute a) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("name", a.name())
                .add("type", a.type().wire)
                .add("multiValued", a.multiValued())
                .add("description", a.description())
                .add("required", a.required())
                .add("mutability", a.mutability().wire)
                .add("returned", a.returned());
        if (a.type() == Type.STRING || a.type() == Type.REFERENCE) {
            b.add("caseExact", a.caseExact()).add("uniqueness", a.uniqueness());
        }
        if (a.type() == Type.REFERENCE) {
            b.add("referenceTypes", Json.createArrayBuilder().add("uri"));
        }
        if (!a.subAttributes().isEmpty()) {
            JsonArrayBuilder subs = Json.createArrayBuilder();
            a.subAttributes().forEach(s -> subs.add(attribute(s)));
            b.add("subAttributes", subs);
        }
        return b;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
