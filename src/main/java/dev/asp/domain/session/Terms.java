package dev.asp.domain.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;

/**
 * Spec 4.4: what a PROPOSE or COUNTER offers. {@code currency} and {@code parties} may be absent
 * on the wire; a proposal's terms are always {@link #withDefaults resolved} before they are kept.
 */
public record Terms(List<Item> items, BigDecimal total, String currency, Instant deliverBy, List<String> parties,
        Integer breachSeverity, BigDecimal penalty, boolean escrow, List<String> conditions) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public record Item(String description, BigDecimal quantity, BigDecimal unitPrice, String unit) {
        static Item parse(JsonObject o) {
            String description = Members.string(o, "description");
            Members.value(o, "quantity");
            BigDecimal quantity = JsonFields.optionalNumber(o, "quantity").orElseThrow();
            if (quantity.signum() <= 0) {
                throw DomainException.protocol("an item's \"quantity\" must be positive");
            }
            BigDecimal unitPrice = JsonFields.optionalMoney(o, "unitPrice").orElse(null);
            if (unitPrice != null && unitPrice.signum() < 0) {
                throw DomainException.protocol("an item's \"unitPrice\" must not be negative");
            }
            return new Item(description, quantity, unitPrice, JsonFields.optionalString(o, "unit").orElse(null));
        }

        JsonObject toJson() {
            JsonObjectBuilder b = Json.createObjectBuilder().add("description", description).add("quantity", quantity);
            if (unitPrice != null) {
                b.add("unitPrice", unitPrice.toPlainString());
            }
            if (unit != null) {
                b.add("unit", unit);
            }
            return b.build();
        }
    }

    public Terms {
        items = List.copyOf(items);
        parties = List.copyOf(parties);
        conditions = List.copyOf(conditions);
    }

    public static Terms parse(JsonObject o) {
        List<Item> items = new ArrayList<>();
        JsonFields.optionalArray(o, "items").ifPresent(a -> a.forEach(v -> items.add(Item.parse(Members.element(v, "items")))));
        Members.value(o, "total");
        BigDecimal total = JsonFields.optionalMoney(o, "total").orElseThrow();
        if (total.signum() < 0) {
            throw DomainException.protocol("\"total\" must not be negative");
        }
        requireTotalIsSumOfItems(items, total);
        String currency = JsonFields.optionalString(o, "currency").map(Terms::currency).orElse(null);
        Instant deliverBy = JsonFields.optionalString(o, "deliverBy").map(s -> Times.deadline(s, "deliverBy")).orElse(null);
        List<String> parties = JsonFields.optionalStrings(o, "parties").orElse(List.of());
        parties.forEach(p -> Members.agent(p, "parties"));
        if (new LinkedHashSet<>(parties).size() != parties.size()) {
            throw DomainException.protocol("\"parties\" names an agent twice");
        }
        Integer severity = JsonFields.optionalInteger(o, "breachSeverity").map(s -> {
            if (s < 1 || s > 10) {
                throw DomainException.protocol("\"breachSeverity\" must be 1 to 10");
            }
            return s.intValue();
        }).orElse(null);
        BigDecimal penalty = JsonFields.optionalMoney(o, "penalty").orElse(null);
        if (penalty != null && penalty.signum() < 0) {
            throw DomainException.protocol("\"penalty\" must not be negative");
        }
        boolean escrow = JsonFields.optionalBoolean(o, "escrow").orElse(false);
        List<String> conditions = JsonFields.optionalStrings(o, "conditions").orElse(List.of());
        return new Terms(items, total, currency, deliverBy, parties, severity, penalty, escrow, conditions);
    }

    static String currency(String code) {
        if (!CURRENCY.matcher(code).matches()) {
            throw DomainException.malformed("a currency is an ISO 4217 code such as USD, not \"" + code + "\"");
        }
        return code;
    }

    /** Spec 4.4: total MUST equal Σ quantity × unitPrice when the items carry prices. */
    private static void requireTotalIsSumOfItems(List<Item> items, BigDecimal total) {
        long priced = items.stream().filter(i -> i.unitPrice() != null).count();
        if (priced == 0) {
            return;
        }
        if (priced != items.size()) {
            throw DomainException.protocol("either every item carries a \"unitPrice\" or none does");
        }
        BigDecimal sum = items.stream().map(i -> i.quantity().multiply(i.unitPrice())).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(total) != 0) {
            throw DomainException.protocol("\"total\" " + total.toPlainString() + " is not the sum of the items ("
                    + sum.stripTrailingZeros().toPlainString() + ")");
        }
    }

    /** Spec 4.4: currency defaults to the session's, parties to the proposer and the recipients. */
    public Terms withDefaults(String sessionCurrency, List<String> defaultParties) {
        return new Terms(items, total, currency == null ? sessionCurrency : currency, deliverBy,
                parties.isEmpty() ? defaultParties : parties, breachSeverity, penalty, escrow, conditions);
    }

    public JsonObject toJson() {
        JsonArrayBuilder itemArray = Json.createArrayBuilder();
        items.forEach(i -> itemArray.add(i.toJson()));
        JsonObjectBuilder b = Json.createObjectBuilder().add("items", itemArray).add("total", total.toPlainString());
        if (currency != null) {
            b.add("currency", currency);
        }
        if (deliverBy != null) {
            b.add("deliverBy", deliverBy.toString());
        }
        b.add("parties", Json.createArrayBuilder(parties));
        if (breachSeverity != null) {
            b.add("breachSeverity", breachSeverity);
        }
        if (penalty != null) {
            b.add("penalty", penalty.toPlainString());
        }
        return b.add("escrow", escrow).add("conditions", Json.createArrayBuilder(conditions)).build();
    }
}
