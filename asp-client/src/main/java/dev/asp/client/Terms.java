package dev.asp.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The terms of a proposal (spec 4.4), with {@code total} computed as Σ quantity × unitPrice, so a
 * proposal is never refused for a sum that does not add up. Money is a decimal string, 2 digits.
 */
public final class Terms {
    /** One line: what, how many, the price of one, the unit. */
    public record Item(String description, long quantity, BigDecimal unitPrice, String unit) {
        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    private final List<Item> items = new ArrayList<>();
    private String currency = "USD";
    private Instant deliverBy;
    private final List<String> parties = new ArrayList<>();

    /** Terms of one item. */
    public static Terms of(String description, long quantity, String unitPrice, String unit) {
        return new Terms().item(description, quantity, unitPrice, unit);
    }

    public Terms item(String description, long quantity, String unitPrice, String unit) {
        items.add(new Item(description, quantity, money(new BigDecimal(unitPrice)), unit));
        return this;
    }

    public Terms currency(String currency) {
        this.currency = currency;
        return this;
    }

    public Terms deliverBy(Instant deliverBy) {
        this.deliverBy = deliverBy;
        return this;
    }

    /** The parties of the agreement (default: the proposer and the recipients). */
    public Terms parties(String... agents) {
        parties.addAll(List.of(agents));
        return this;
    }

    public BigDecimal total() {
        return money(items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    public String currency() {
        return currency;
    }

    /** The {@code terms} object. */
    public JsonObject toJson() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Item i : items) {
            list.add(Json.createObjectBuilder().add("description", i.description()).add("quantity", i.quantity())
                    .add("unitPrice", i.unitPrice().toPlainString()).add("unit", i.unit()));
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("items", list).add("total", total().toPlainString()).add("currency", currency);
        if (deliverBy != null) {
            b.add("deliverBy", deliverBy.toString());
        }
        if (!parties.isEmpty()) {
            JsonArrayBuilder p = Json.createArrayBuilder();
            parties.forEach(p::add);
            b.add("parties", p);
        }
        return b.build();
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }
}
