package dev.asp.interfaces.scim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import dev.asp.interfaces.scim.ScimSchemas.Attribute;
import dev.asp.interfaces.scim.ScimSchemas.Mutability;
import dev.asp.interfaces.scim.ScimSchemas.Type;

/**
 * RFC 7644 3.5.2 PATCH, applied to a User's JSON representation; the result is then read like a
 * replacement ({@link UserDocument#read}), so PATCH and PUT share every validation. Operations
 * apply in order and all or nothing.
 */
public final class ScimPatch {
    private final Map<String, JsonValue> root;
    private final Map<String, JsonValue> ext;

    private ScimPatch(JsonObject doc) {
        this.root = new LinkedHashMap<>(doc);
        JsonValue e = doc.get(ScimSchemas.AGENT);
        this.ext = new LinkedHashMap<>(e instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
    }

    private enum Op {
        ADD, REPLACE, REMOVE
    }

    /** Where an operation lands: an attribute of the core object or of the extension, possibly narrowed by a value filter. */
    private record Target(Attribute attribute, boolean extension, Predicate<JsonValue> filter) {
    }

    /** Applies a PatchOp request body to {@code doc}, the User as currently rendered. */
    public static JsonObject apply(JsonObject doc, JsonObject request) {
        JsonValue schemas = UserDocument.get(request, "schemas").orElse(null);
        if (schemas != null && (schemas.getValueType() != JsonValue.ValueType.ARRAY || schemas.asJsonArray().stream()
                .noneMatch(v -> v instanceof JsonString s && s.getString().equalsIgnoreCase(ScimSchemas.PATCH_OP)))) {
            throw ScimException.invalidSyntax("\"schemas\" must list " + ScimSchemas.PATCH_OP);
        }
        JsonValue operations = UserDocument.get(request, "Operations").orElse(null);
        if (operations == null || operations.getValueType() != JsonValue.ValueType.ARRAY || operations.asJsonArray().isEmpty()) {
            throw ScimException.invalidSyntax("\"Operations\" must be a non-empty array of operations");
        }
        ScimPatch patch = new ScimPatch(doc);
        for (JsonValue item : operations.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ScimException.invalidSyntax("each operation must be an object with \"op\"");
            }
            patch.operation(item.asJsonObject());
        }
        return patch.result();
    }

    private void operation(JsonObject o) {
        Op op = UserDocument.get(o, "op").filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString().toLowerCase(Locale.ROOT))
                .map(s -> switch (s) {
                    case "add" -> Op.ADD;
                    case "replace" -> Op.REPLACE;
                    case "remove" -> Op.REMOVE;
                    default -> null;
                })
                .orElseThrow(() -> ScimException.invalidSyntax("\"op\" must be add, replace or remove"));
        JsonValue pathValue = UserDocument.get(o, "path").orElse(null);
        // An explicit null value stays: replacing with null unassigns (RFC 7643 2.5).
        Optional<JsonValue> value = o.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("value")).map(Map.Entry::getValue).findFirst();
        if (pathValue != null && !(pathValue instanceof JsonString)) {
            throw ScimException.invalidPath("\"path\" must be a string");
        }
        String path = pathValue == null ? null : ((JsonString) pathValue).getString();
        if (path == null) {
            if (op == Op.REMOVE) {
                // RFC 7644 3.5.2.2: remove needs a path.
                throw ScimException.noTarget("remove needs a \"path\"");
            }
            JsonValue v = value.orElseThrow(() -> ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " without a path needs an object \"value\""));
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " without a path needs an object \"value\"");
            }
            // RFC 7644 3.5.2.1/3.5.2.3: without a path, each member of the value is an attribute (or the extension) to set.
            for (Map.Entry<String, JsonValue> m : v.asJsonObject().entrySet()) {
                if (m.getKey().equalsIgnoreCase(ScimSchemas.AGENT)) {
                    extensionObject(op, m.getValue());
                } else {
                    Optional<Target> t = target(m.getKey(), true);
                    t.ifPresent(target -> set(op, target, m.getValue()));
                }
            }
            return;
        }
        if (path.equalsIgnoreCase(ScimSchemas.AGENT)) {
            if (op == Op.REMOVE) {
                ScimSchemas.AGENT_ATTRIBUTES.forEach(a -> ext.remove(a.name()));
            } else {
                extensionObject(op, value.orElseThrow(() -> ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " needs a \"value\"")));
            }
            return;
        }
        Optional<Target> target = target(path, false);
        if (target.isEmpty()) {
            return;
        }
        if (op == Op.REMOVE) {
            remove(target.get(), value.orElse(null));
        } else {
            set(op, target.get(), value.orElseThrow(() -> ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " needs a \"value\"")));
        }
    }

    private void extensionObject(Op op, JsonValue v) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ScimException.invalidValue("\"" + ScimSchemas.AGENT + "\" must be an object");
        }
        for (Map.Entry<String, JsonValue> m : v.asJsonObject().entrySet()) {
            target(ScimSchemas.AGENT + ":" + m.getKey(), true).ifPresent(t -> set(op, t, m.getValue()));
        }
    }

    /**
     * Resolves a path. Empty: an attribute of another schema or of the core User schema that this
     * service does not store, ignored like the same attribute in a POST. {@code inValue}: a member
     * of a path-less value, where read-only attributes are ignored (RFC 7643 2.2) instead of refused.
     */
    private Optional<Target> target(String path, boolean inValue) {
        Path p;
        try {
            p = Path.fromString(path);
        } catch (BadRequestException e) {
            throw ScimException.invalidPath("\"" + path + "\" is not an attribute path: " + ScimFilter.clean(e.getMessage()));
        }
        if (p.size() == 0 || p.size() > 2 || p.size() == 2 && p.getElement(1).getValueFilter() != null) {
            throw ScimException.invalidPath("\"" + path + "\" is not an attribute path of a User");
        }
        String urn = p.getSchemaUrn();
        String name = p.getElement(0).getAttribute();
        boolean extension = ScimSchemas.isExtension(urn);
        Optional<Attribute> top;
        if (extension) {
            top = ScimSchemas.find(ScimSchemas.AGENT_ATTRIBUTES, name);
            if (top.isEmpty()) {
                throw ScimException.invalidPath(ScimSchemas.AGENT + " has no attribute \"" + name + "\"");
            }
        } else if (urn == null || urn.equalsIgnoreCase(ScimSchemas.USER)) {
            top = ScimSchemas.top(urn, name);
            if (top.isEmpty() && urn == null) {
                top = ScimSchemas.find(ScimSchemas.AGENT_ATTRIBUTES, name);
                extension = top.isPresent();
            }
        } else {
            top = Optional.empty();
        }
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Attribute a = top.get();
        if (a.mutability() == Mutability.READ_ONLY) {
            if (inValue) {
                return Optional.empty();
            }
            throw ScimException.mutability("\"" + a.name() + "\" is read-only");
        }
        if (p.size() == 2) {
            String subName = p.getElement(1).getAttribute();
            Attribute sub = a.sub(subName).orElseThrow(() -> ScimException.invalidPath("\"" + a.name() + "\" has no sub-attribute \"" + subName + "\""));
            throw ScimException.mutability("\"" + a.name() + "." + sub.name() + "\" cannot be changed: a key is replaced as a whole");
        }
        Predicate<JsonValue> filter = null;
        if (p.getElement(0).getValueFilter() != null) {
            if (!a.multiValued()) {
                throw ScimException.invalidPath("\"" + a.name() + "\" is single-valued: it takes no value filter");
            }
            filter = ScimFilter.compile(p.getElement(0).getValueFilter(), a);
        }
        return Optional.of(new Target(a, extension, filter));
    }

    private Map<String, JsonValue> container(Target t) {
        return t.extension() ? ext : root;
    }

    private void set(Op op, Target t, JsonValue value) {
        Attribute a = t.attribute();
        Map<String, JsonValue> c = container(t);
        if (value == JsonValue.NULL) {
            // RFC 7644 3.5.2.3 (via RFC 7643 2.5): null is the same as unassigned.
            remove(t, null);
            return;
        }
        if (!a.multiValued()) {
            if (t.filter() != null) {
                throw ScimException.invalidPath("\"" + a.name() + "\" takes no value filter");
            }
            c.put(a.name(), single(a, value));
            return;
        }
        List<JsonValue> current = new ArrayList<>(ScimFilter.flatten(c.get(a.name())));
        List<JsonValue> incoming = ScimFilter.flatten(value);
        if (t.filter() != null) {
            if (op == Op.ADD) {
                throw ScimException.invalidPath("add takes no value filter: name the attribute");
            }
            // RFC 7644 3.5.2.3: the matching values are replaced; none matching is noTarget.
            if (current.stream().noneMatch(t.filter())) {
                throw ScimException.noTarget("no value of \"" + a.name() + "\" matches the filter");
            }
            current.removeIf(t.filter());
        } else if (op == Op.REPLACE) {
            current.clear();
        }
        for (JsonValue v : incoming) {
            if (current.stream().noneMatch(existing -> same(existing, v))) {
                current.add(v);
            }
        }
        c.put(a.name(), array(current));
    }

    private void remove(Target t, JsonValue value) {
        Attribute a = t.attribute();
        Map<String, JsonValue> c = container(t);
        if (a.required()) {
            throw ScimException.mutability("\"" + a.name() + "\" is required and cannot be removed");
        }
        if (!a.multiValued()) {
            c.remove(a.name());
            return;
        }
        List<JsonValue> current = new ArrayList<>(ScimFilter.flatten(c.get(a.name())));
        if (t.filter() != null) {
            current.removeIf(t.filter());
        } else if (value != null && value != JsonValue.NULL) {
            // Identity providers remove listed values this way (value = the values to drop).
            List<JsonValue> drop = ScimFilter.flatten(value);
            current.removeIf(existing -> drop.stream().anyMatch(d -> same(existing, d)));
        } else {
            current.clear();
        }
        c.put(a.name(), array(current));
    }

    /**
     * Microsoft Entra ID sends booleans as the strings "True"/"False" in PATCH values (its
     * documented SCIM behaviour); anything else must already have the attribute's type.
     */
    private static JsonValue single(Attribute a, JsonValue value) {
        if (a.type() == Type.BOOLEAN && value instanceof JsonString s) {
            if ("true".equalsIgnoreCase(s.getString())) {
                return JsonValue.TRUE;
            }
            if ("false".equalsIgnoreCase(s.getString())) {
                return JsonValue.FALSE;
            }
        }
        return value;
    }

    /** Equal values; a key is the same key whether or not it carries its (derived) kid. */
    private static boolean same(JsonValue a, JsonValue b) {
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            return withoutKid(x).equals(withoutKid(y));
        }
        return a.equals(b);
    }

    private static Map<String, JsonValue> withoutKid(JsonObject o) {
        Map<String, JsonValue> m = new LinkedHashMap<>(o);
        m.remove("kid");
        return m;
    }

    private static JsonValue array(List<JsonValue> values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        values.forEach(b::add);
        return b.build();
    }

    private JsonObject result() {
        JsonObjectBuilder e = Json.createObjectBuilder();
        ext.forEach(e::add);
        JsonObjectBuilder b = Json.createObjectBuilder();
        root.forEach((k, v) -> {
            if (!k.equals(ScimSchemas.AGENT)) {
                b.add(k, v);
            }
        });
        return b.add(ScimSchemas.AGENT, e).build();
    }
}
