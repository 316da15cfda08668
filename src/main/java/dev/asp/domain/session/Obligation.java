package dev.asp.domain.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;

/**
 * Spec 5: one thing a COMMIT's sender (the debtor) owes a creditor; the commitments service
 * turns each into a {@code cmt_…}. {@code condition} names the commitment whose fulfilment
 * releases a conditioned payment; {@code amount}, {@code deadline} and {@code condition} may be null.
 */
public record Obligation(ObligationType type, String creditor, String description, BigDecimal amount,
        Instant deadline, String condition) {

    private static final Pattern CONDITION = Pattern.compile("(cmt_[A-Za-z0-9_-]+) fulfilled");

    public static Obligation parse(JsonObject o) {
        Members.value(o, "type");
        ObligationType type = JsonFields.optionalEnum(o, "type", ObligationType.class).orElseThrow();
        String creditor = Members.agent(Members.string(o, "creditor"), "creditor");
        String description = Members.string(o, "description");
        BigDecimal amount = JsonFields.optionalMoney(o, "amount").orElse(null);
        if (type == ObligationType.PAYMENT && amount == null) {
            throw DomainException.protocol("a payment obligation needs an \"amount\"");
        }
        if (amount != null && amount.signum() <= 0) {
            throw DomainException.protocol("an obligation's \"amount\" must be positive");
        }
        Instant deadline = JsonFields.optionalString(o, "deadline").map(s -> Times.deadline(s, "deadline")).orElse(null);
        String condition = JsonFields.optionalString(o, "condition").map(Obligation::conditionedOn).orElse(null);
        return new Obligation(type, creditor, description, amount, deadline, condition);
    }

    private static String conditionedOn(String text) {
        Matcher m = CONDITION.matcher(text);
        if (!m.matches()) {
            throw DomainException.malformed("\"condition\" must read \"cmt_… fulfilled\", not \"" + text + "\"");
        }
        return m.group(1);
    }

    public boolean isPayment() {
        return type == ObligationType.PAYMENT;
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type.wire()).add("creditor", creditor)
                .add("description", description);
        if (amount != null) {
            b.add("amount", amount.toPlainString());
        }
        if (deadline != null) {
            b.add("deadline", deadline.toString());
        }
        if (condition != null) {
            b.add("condition", condition + " fulfilled");
        }
        return b.build();
    }
}
