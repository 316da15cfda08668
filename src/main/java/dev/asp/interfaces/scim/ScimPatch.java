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
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;

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
    /** Each extension's object, by its canonical URN. */
    private final Map<String, Map<String, JsonValue>> extensions = new LinkedHashMap<>();

    private ScimPatch(JsonObject doc) {
        this.root = new LinkedHashMap<>(doc);
        for (String urn : ScimSchemas.EXTENSIONS) {
            JsonValue e = doc.get(urn);
            extensions.put(urn, new LinkedHashMap<>(e instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT));
        }
    }

    private enum Op {
        ADD, REPLACE, REMOVE
    }

    /**
     * Where an operation lands: an attribute of the core object ({@code schema} null) or of an
     * extension, possibly narrowed by a value filter ({@code valueFilter} as parsed), possibly one
     * sub-attribute of it ({@code sub}: {@code name.givenName}, {@code emails[type eq "work"].value}).
     */
    private record Target(Attribute attribute, String schema, Predicate<JsonValue> filter, Filter valueFilter, Attribute sub) {
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
                Optional<String> extension = ScimSchemas.extension(m.getKey());
                if (extension.isPresent()) {
                    extensionObject(op, extension.get(), m.getValue());
                } else {
                    Optional<Target> t = target(m.getKey(), true);
                    t.ifPresent(target -> set(op, target, m.getValue()));
                }
            }
            return;
        }
        Optional<String> wholeExtension = ScimSchemas.extension(path);
        if (wholeExtension.isPresent()) {
            if (op == Op.REMOVE) {
                extensions.get(wholeExtension.get()).clear();
            } else {
                extensionObject(op, wholeExtension.get(),
                        value.orElseThrow(() -> ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " needs a \"value\"")));
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

    private void extensionObject(Op op, String urn, JsonValue v) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ScimException.invalidValue("\"" + urn + "\" must be an object");
        }
        for (Map.Entry<String, JsonValue> m : v.asJsonObject().entrySet()) {
            target(urn + ":" + m.getKey(), true).ifPresent(t -> set(op, t, m.getValue()));
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
        Optional<ScimSchemas.Located> located;
        if (ScimSchemas.extension(urn).isPresent()) {
            located = ScimSchemas.locate(urn, name);
            if (located.isEmpty()) {
                throw ScimException.invalidPath(ScimSchemas.extension(urn).get() + " has no attribute \"" + name + "\"");
            }
        } else {
            // another schema's attribute, or one of the core schema this service does not keep: ignored like it in a POST
            located = urn == null || urn.equalsIgnoreCase(ScimSchemas.USER) ? ScimSchemas.locate(urn, name) : Optional.empty();
        }
        if (located.isEmpty()) {
            return Optional.empty();
        }
        Attribute a = located.get().attribute();
        if (a.mutability() == Mutability.READ_ONLY) {
            if (inValue) {
                return Optional.empty();
            }
            throw ScimException.mutability("\"" + a.name() + "\" is read-only");
        }
        Attribute sub = null;
        if (p.size() == 2) {
            String subName = p.getElement(1).getAttribute();
            sub = a.sub(subName).orElseThrow(() -> ScimException.invalidPath("\"" + a.name() + "\" has no sub-attribute \"" + subName + "\""));
            if (sub.mutability() != Mutability.READ_WRITE) {
                throw ScimException.mutability("\"" + a.name() + "." + sub.name() + "\" cannot be changed: a key is replaced as a whole");
            }
        }
        Predicate<JsonValue> filter = null;
        Filter valueFilter = p.getElement(0).getValueFilter();
        if (valueFilter != null) {
            if (!a.multiValued()) {
                throw ScimException.invalidPath("\"" + a.name() + "\" is single-valued: it takes no value filter");
            }
            filter = ScimFilter.compile(valueFilter, a);
        }
        return Optional.of(new Target(a, located.get().schema(), filter, valueFilter, sub));
    }

    private Map<String, JsonValue> container(Target t) {
        return t.schema() == null ? root : extensions.get(t.schema());
    }

    private void set(Op op, Target t, JsonValue value) {
        Attribute a = t.attribute();
        Map<String, JsonValue> c = container(t);
        if (value == JsonValue.NULL) {
            // RFC 7644 3.5.2.3 (via RFC 7643 2.5): null is the same as unassigned.
            remove(t, null);
            return;
        }
        if (t.sub() != null) {
            setSub(op, t, single(t.sub(), value));
            return;
        }
        if (!a.multiValued()) {
            JsonValue v = single(a, value);
            // RFC 7644 3.5.2.1, 3.5.2.3: a complex value's sub-attributes are set, the others left as they are
            c.put(a.name(), a.type() == Type.COMPLEX && c.get(a.name()) instanceof JsonObject current && v instanceof JsonObject given
                    ? merged(current, given) : v);
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
        if (t.sub() != null) {
            setSub(Op.REMOVE, t, null);
            return;
        }
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
        // Entra ID sends the enterprise manager as its id alone: {"value": id} is meant
        if (a.type() == Type.COMPLEX && value instanceof JsonString s && a.sub("value").isPresent()) {
            return Json.createObjectBuilder().add("value", s).build();
        }
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

    /**
     * One sub-attribute of a complex attribute set ({@code subValue}) or removed (null). In a
     * multi-valued one, of the values the filter selects (all without one); when an add or replace
     * selects none and the filter is an equality ({@code emails[type eq "work"].value}), a value
     * with that sub-attribute is added, as Entra ID and Okta expect; otherwise noTarget (3.5.2.3).
     */
    private void setSub(Op op, Target t, JsonValue subValue) {
        Attribute a = t.attribute();
        String sub = t.sub().name();
        Map<String, JsonValue> c = container(t);
        if (!a.multiValued()) {
            JsonObject current = c.get(a.name()) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            JsonObject changed = withMember(current, sub, subValue);
            if (changed.isEmpty()) {
                c.remove(a.name());
            } else {
                c.put(a.name(), changed);
            }
            return;
        }
        List<JsonValue> values = new ArrayList<>(ScimFilter.flatten(c.get(a.name())));
        boolean selected = false;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof JsonObject o && (t.filter() == null || t.filter().test(o))) {
                values.set(i, withMember(o, sub, subValue));
                selected = true;
            }
        }
        if (!selected && subValue != null) {
            JsonObject seed = seed(t).orElse(t.filter() == null ? JsonValue.EMPTY_JSON_OBJECT : null);
            if (seed == null) {
                throw ScimException.noTarget("no value of \"" + a.name() + "\" matches the filter");
            }
            values.add(withMember(seed, sub, subValue));
        } else if (!selected && op == Op.REMOVE && t.filter() != null) {
            throw ScimException.noTarget("no value of \"" + a.name() + "\" matches the filter");
        }
        c.put(a.name(), array(values));
    }

    /** The value an equality filter describes ({@code type eq "work"} → {"type":"work"}), if it is one. */
    private static Optional<JsonObject> seed(Target t) {
        Filter f = t.valueFilter();
        if (f == null || f.getFilterType() != FilterType.EQUAL || f.getAttributePath().size() != 1) {
            return Optional.empty();
        }
        Optional<Attribute> by = t.attribute().sub(f.getAttributePath().getElement(0).getAttribute());
        var v = f.getComparisonValue();
        if (by.isEmpty() || v == null || !(v.isTextual() || v.isBoolean())) {
            return Optional.empty();
        }
        JsonValue wanted = v.isTextual() ? Json.createValue(v.textValue()) : v.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
        return Optional.of(Json.createObjectBuilder().add(by.get().name(), wanted).build());
    }

    private static JsonObject withMember(JsonObject o, String name, JsonValue value) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        o.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                b.add(k, v);
            }
        });
        if (value != null) {
            b.add(name, value);
        }
        return b.build();
    }

    private static JsonObject merged(JsonObject current, JsonObject given) {
        JsonObject out = current;
        for (Map.Entry<String, JsonValue> m : given.entrySet()) {
            out = withMember(out, m.getKey(), m.getValue() == JsonValue.NULL ? null : m.getValue());
        }
        return out;
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
        JsonObjectBuilder b = Json.createObjectBuilder();
        root.forEach((k, v) -> {
            if (ScimSchemas.extension(k).isEmpty()) {
                b.add(k, v);
            }
        });
        extensions.forEach((urn, members) -> {
            JsonObjectBuilder e = Json.createObjectBuilder();
            members.forEach(e::add);
            b.add(urn, e);
        });
        return b.build();
    }
}
