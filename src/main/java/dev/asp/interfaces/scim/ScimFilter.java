package dev.asp.interfaces.scim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;

import dev.asp.interfaces.scim.ScimSchemas.Attribute;
import dev.asp.interfaces.scim.ScimSchemas.Type;

/**
 * RFC 7644 3.4.2.2 filters. The UnboundID SCIM 2 SDK parses the text (operators, precedence,
 * parentheses, attribute paths with schema URNs); this compiles the tree against
 * {@link ScimSchemas}, refusing unknown attributes and type mismatches up front (400
 * invalidFilter, even when no resource would be compared), and evaluates it on the JSON
 * representation of a User, exactly as the client sees it.
 */
public final class ScimFilter {
    private static final Pattern POSITION = Pattern.compile("at position \\d+");

    private final Predicate<JsonValue> predicate;

    private ScimFilter(Predicate<JsonValue> predicate) {
        this.predicate = predicate;
    }

    public static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidFilter("the filter is empty");
        }
        return new ScimFilter(compile(libraryParse(text), null));
    }

    public boolean matches(JsonObject user) {
        return predicate.test(user);
    }

    static Filter libraryParse(String text) {
        try {
            return Filter.fromString(text);
        } catch (BadRequestException e) {
            throw ScimException.invalidFilter(clean(e.getMessage()));
        }
    }

    /** The SDK's messages can quote its JSON parser's internals; the client gets the position and reason only. */
    static String clean(String message) {
        if (message == null) {
            return "the filter is not valid";
        }
        String first = message.lines().findFirst().orElse(message);
        Matcher m = POSITION.matcher(first);
        if (m.find()) {
            int colon = first.indexOf(':', m.end());
            if (colon >= 0) {
                first = first.substring(0, colon);
            }
        }
        int source = first.indexOf("[Source");
        return (source >= 0 ? first.substring(0, source) : first).trim();
    }

    /**
     * Compiles {@code f}; {@code element} is null at the top of a User, else the multi-valued
     * attribute whose values a value filter ({@code publicKeys[kty eq "OKP"]}) looks into.
     */
    static Predicate<JsonValue> compile(Filter f, Attribute element) {
        FilterType type = f.getFilterType();
        switch (type) {
            case AND:
            case OR: {
                List<Predicate<JsonValue>> parts = new ArrayList<>();
                f.getCombinedFilters().forEach(c -> parts.add(compile(c, element)));
                return type == FilterType.AND ? v -> parts.stream().allMatch(p -> p.test(v)) : v -> parts.stream().anyMatch(p -> p.test(v));
            }
            case NOT:
                return compile(f.getInvertedFilter(), element).negate();
            case COMPLEX_VALUE:
                return complexValue(f, element);
            case PRESENT: {
                Resolved r = resolve(f.getAttributePath(), element);
                return v -> r.values(v).stream().anyMatch(ScimFilter::present);
            }
            default:
                return comparison(type, resolve(f.getAttributePath(), element), f.getComparisonValue());
        }
    }

    private static Predicate<JsonValue> complexValue(Filter f, Attribute element) {
        if (element != null) {
            throw ScimException.invalidFilter("value filters cannot be nested");
        }
        Resolved r = resolve(f.getAttributePath(), null);
        if (!r.attribute().multiValued() || r.sub()) {
            throw ScimException.invalidFilter("\"" + r.attribute().name() + "\" is not multi-valued: a value filter needs a multi-valued attribute");
        }
        Predicate<JsonValue> inner = compile(f.getValueFilter(), r.attribute());
        return v -> r.values(v).stream().anyMatch(inner);
    }

    /** An attribute path resolved against the schema: its definition and how to read its values (flattened). */
    record Resolved(Attribute attribute, boolean sub, Function<JsonValue, List<JsonValue>> reader) {
        List<JsonValue> values(JsonValue context) {
            return reader.apply(context);
        }
    }

    static Resolved resolve(Path path, Attribute element) {
        if (path.size() == 0 || path.size() > 2) {
            throw ScimException.invalidFilter("\"" + path + "\" is not an attribute path");
        }
        for (Path.Element e : path) {
            if (e.getValueFilter() != null) {
                throw ScimException.invalidFilter("\"" + path + "\": a value filter belongs in attr[...] form only");
            }
        }
        String name = path.getElement(0).getAttribute();
        if (element != null) {
            return resolveInElement(path, element, name);
        }
        ScimSchemas.Located located = ScimSchemas.locate(path.getSchemaUrn(), name)
                .orElseThrow(() -> ScimException.invalidFilter("unknown attribute \"" + path + "\"; filterable: " + FILTERABLE));
        Attribute top = located.attribute();
        Function<JsonValue, List<JsonValue>> topValues = v -> {
            JsonValue container = located.schema() == null ? v : member(v, located.schema());
            return flatten(member(container, top.name()));
        };
        if (path.size() == 1) {
            return new Resolved(top, false, topValues);
        }
        String subName = path.getElement(1).getAttribute();
        Attribute sub = top.sub(subName)
                .orElseThrow(() -> ScimException.invalidFilter("\"" + top.name() + "\" has no sub-attribute \"" + subName + "\""));
        return new Resolved(sub, true, v -> {
            List<JsonValue> out = new ArrayList<>();
            topValues.apply(v).forEach(item -> out.addAll(flatten(member(item, sub.name()))));
            return out;
        });
    }

    private static Resolved resolveInElement(Path path, Attribute element, String name) {
        if (path.getSchemaUrn() != null || path.size() != 1) {
            throw ScimException.invalidFilter("inside " + element.name() + "[...] name a sub-attribute only");
        }
        if (element.type() != Type.COMPLEX) {
            // RFC 7644 3.5.2: the values of a multi-valued primitive attribute are addressed as "value".
            if (!"value".equalsIgnoreCase(name)) {
                throw ScimException.invalidFilter("the values of \"" + element.name() + "\" are addressed as \"value\"");
            }
            Attribute single = new Attribute(element.name(), element.type(), false, false, element.caseExact(), element.mutability(),
                    element.returned(), element.uniqueness(), element.description(), List.of());
            return new Resolved(single, true, ScimFilter::flatten);
        }
        Attribute sub = element.sub(name)
                .orElseThrow(() -> ScimException.invalidFilter("\"" + element.name() + "\" has no sub-attribute \"" + name + "\""));
        return new Resolved(sub, true, v -> flatten(member(v, sub.name())));
    }

    private static final String FILTERABLE = "id, externalId, userName, active, displayName, name.givenName, name.familyName, name.formatted, "
            + "emails.value, emails.type, emails.primary, meta.created, meta.lastModified, meta.version, "
            + ScimSchemas.AGENT + ":capabilities, :regions, :protocols, :publicKeys.kid, "
            + ScimSchemas.ENTERPRISE + ":organization, :department, :manager.value";

    private static Predicate<JsonValue> comparison(FilterType op, Resolved r, ValueNode value) {
        Attribute a = r.attribute();
        if (a.type() == Type.COMPLEX) {
            throw ScimException.invalidFilter("\"" + a.name() + "\" is complex: compare one of its sub-attributes");
        }
        if (value == null || value.isNull()) {
            // RFC 7644 3.4.2.2 compares with null only for (in)equality: "eq null" is "not present".
            if (op == FilterType.EQUAL) {
                return v -> r.values(v).stream().noneMatch(ScimFilter::present);
            }
            if (op == FilterType.NOT_EQUAL) {
                return v -> r.values(v).stream().anyMatch(ScimFilter::present);
            }
            throw ScimException.invalidFilter(op.getStringValue() + " cannot compare with null");
        }
        Predicate<JsonValue> one = switch (a.type()) {
            case BOOLEAN -> booleanTest(op, a, value);
            case DATE_TIME -> dateTest(op, a, value);
            default -> stringTest(op, a, value);
        };
        // For ne the typed tests compare for equality; no value may match (RFC 7644 3.4.2.2, multi-valued: "any value").
        return op == FilterType.NOT_EQUAL ? v -> r.values(v).stream().noneMatch(one) : v -> r.values(v).stream().anyMatch(one);
    }

    private static Predicate<JsonValue> booleanTest(FilterType op, Attribute a, ValueNode value) {
        if (!value.isBoolean()) {
            throw ScimException.invalidFilter("\"" + a.name() + "\" is a boolean: compare it with true or false");
        }
        if (op != FilterType.EQUAL && op != FilterType.NOT_EQUAL) {
            // RFC 7644 3.4.2.2: gt/ge/lt/le on booleans fail with invalidFilter; so do substring operators.
            throw ScimException.invalidFilter(op.getStringValue() + " does not apply to the boolean \"" + a.name() + "\"");
        }
        boolean wanted = value.booleanValue();
        return v -> v == (wanted ? JsonValue.TRUE : JsonValue.FALSE);
    }

    private static Predicate<JsonValue> dateTest(FilterType op, Attribute a, ValueNode value) {
        if (!value.isTextual()) {
            throw ScimException.invalidFilter("\"" + a.name() + "\" is a dateTime: compare it with a quoted RFC 3339 time");
        }
        Instant wanted = instant(value.textValue())
                .orElseThrow(() -> ScimException.invalidFilter("\"" + value.textValue() + "\" is not an RFC 3339 date-time"));
        return switch (op) {
            case EQUAL, NOT_EQUAL -> v -> instantOf(v).map(wanted::equals).orElse(false);
            case GREATER_THAN -> v -> instantOf(v).map(i -> i.isAfter(wanted)).orElse(false);
            case GREATER_OR_EQUAL -> v -> instantOf(v).map(i -> !i.isBefore(wanted)).orElse(false);
            case LESS_THAN -> v -> instantOf(v).map(i -> i.isBefore(wanted)).orElse(false);
            case LESS_OR_EQUAL -> v -> instantOf(v).map(i -> !i.isAfter(wanted)).orElse(false);
            default -> throw ScimException.invalidFilter(op.getStringValue() + " does not apply to the dateTime \"" + a.name() + "\"");
        };
    }

    private static Predicate<JsonValue> stringTest(FilterType op, Attribute a, ValueNode value) {
        if (!value.isTextual()) {
            throw ScimException.invalidFilter("\"" + a.name() + "\" is a string: compare it with a quoted string");
        }
        boolean exact = a.caseExact();
        String wanted = exact ? value.textValue() : ScimSchemas.lower(value.textValue());
        Function<JsonValue, String> text = v -> v instanceof JsonString s ? (exact ? s.getString() : ScimSchemas.lower(s.getString())) : null;
        Predicate<String> test = switch (op) {
            case EQUAL, NOT_EQUAL -> wanted::equals;
            case CONTAINS -> s -> s.contains(wanted);
            case STARTS_WITH -> s -> s.startsWith(wanted);
            case ENDS_WITH -> s -> s.endsWith(wanted);
            case GREATER_THAN -> s -> s.compareTo(wanted) > 0;
            case GREATER_OR_EQUAL -> s -> s.compareTo(wanted) >= 0;
            case LESS_THAN -> s -> s.compareTo(wanted) < 0;
            case LESS_OR_EQUAL -> s -> s.compareTo(wanted) <= 0;
            default -> throw ScimException.invalidFilter("unsupported operator " + op.getStringValue());
        };
        return v -> {
            String s = text.apply(v);
            return s != null && test.test(s);
        };
    }

    /** RFC 7644 3.4.2.2 "pr": a non-empty value. */
    static boolean present(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return false;
        }
        return switch (v.getValueType()) {
            case STRING -> !((JsonString) v).getString().isEmpty();
            case ARRAY -> !v.asJsonArray().isEmpty();
            case OBJECT -> !v.asJsonObject().isEmpty();
            default -> true;
        };
    }

    static JsonValue member(JsonValue container, String name) {
        if (container instanceof JsonObject o) {
            return o.get(name);
        }
        return null;
    }

    static List<JsonValue> flatten(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            return List.copyOf(v.asJsonArray());
        }
        return List.of(v);
    }

    private static Optional<Instant> instantOf(JsonValue v) {
        return v instanceof JsonString s ? instant(s.getString()) : Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
