package dev.asp.domain.session;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;

/** Spec 4.2: the limits an INVITE sets for its session, with the spec's defaults filled in. */
public record Constraints(Duration maxDuration, BigDecimal minTrustScore, BigDecimal minDirectionalScore,
        Set<Performative> allowedPerformatives, OptionalLong tokenBudget, String currency) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Constraints {
        allowedPerformatives = Set.copyOf(allowedPerformatives);
    }

    public static Constraints defaults() {
        return new Constraints(Duration.ofHours(24), BigDecimal.ZERO, BigDecimal.ZERO,
                EnumSet.copyOf(Performative.negotiation()), OptionalLong.empty(), "USD");
    }

    public static Constraints parse(JsonObject o) {
        Duration maxDuration = JsonFields.optionalString(o, "maxDuration").map(s -> Times.duration(s, "maxDuration"))
                .orElse(Duration.ofHours(24));
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw DomainException.protocol("\"maxDuration\" must be positive");
        }
        BigDecimal minTrust = score(o, "minTrustScore");
        BigDecimal minDirectional = score(o, "minDirectionalScore");
        Set<Performative> allowed = JsonFields.optionalStrings(o, "allowedPerformatives").map(Constraints::performatives)
                .orElseGet(() -> EnumSet.copyOf(Performative.negotiation()));
        OptionalLong budget = JsonFields.optionalInteger(o, "tokenBudget").map(b -> {
            if (b < 1) {
                throw DomainException.protocol("\"tokenBudget\" must be at least 1");
            }
            return OptionalLong.of(b);
        }).orElse(OptionalLong.empty());
        String currency = JsonFields.optionalString(o, "currency").map(Terms::currency).orElse("USD");
        return new Constraints(maxDuration, minTrust, minDirectional, allowed, budget, currency);
    }

    private static BigDecimal score(JsonObject o, String name) {
        BigDecimal score = JsonFields.optionalNumber(o, name).orElse(BigDecimal.ZERO);
        if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
            throw DomainException.protocol("\"" + name + "\" must be 0 to 100");
        }
        return score;
    }

    private static Set<Performative> performatives(List<String> names) {
        Set<Performative> out = EnumSet.noneOf(Performative.class);
        for (String name : names) {
            Performative p = Performative.parse(name).filter(Performative.negotiation()::contains).orElseThrow(() ->
                    DomainException.malformed("\"allowedPerformatives\" names \"" + name + "\", not one of the thirteen performatives"));
            out.add(p);
        }
        return out;
    }

    public boolean allows(Performative performative) {
        return allowedPerformatives.contains(performative);
    }

    /** Whether {@code used + more} tokens stay within the budget (4.2); an unlimited budget always does. */
    public boolean budgetAllows(long used, long more) {
        return tokenBudget.isEmpty() || used + more <= tokenBudget.getAsLong();
    }

    public JsonObject toJson() {
        JsonArrayBuilder allowed = Json.createArrayBuilder();
        Performative.negotiation().stream().filter(allowedPerformatives::contains).forEach(p -> allowed.add(p.name()));
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("maxDuration", maxDuration.toString())
                .add("minTrustScore", minTrustScore)
                .add("minDirectionalScore", minDirectionalScore)
                .add("allowedPerformatives", allowed);
        if (tokenBudget.isPresent()) {
            b.add("tokenBudget", tokenBudget.getAsLong());
        } else {
            b.addNull("tokenBudget");
        }
        return b.add("currency", currency).build();
    }
}
