package dev.asp.domain.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

/** Every vector of trust.json reproduced by the pure model, within the file's tolerance. */
class TrustVectorsTest {
    static final JsonObject V = TrustVectors.load();
    static final double TOL = V.getJsonNumber("tolerance").doubleValue();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static double num(JsonObject o, String k) {
        return o.getJsonNumber(k).doubleValue();
    }

    static Map<String, Double> components(JsonObject o) {
        Map<String, Double> c = new HashMap<>();
        o.forEach((k, v) -> c.put(k, ((JsonNumber) v).doubleValue()));
        return c;
    }

    @Test
    void weightsAreTheSpecs() {
        V.getJsonObject("weights").forEach((code, w) -> assertEquals(((JsonNumber) w).doubleValue(), TrustMath.WEIGHTS.get(code), 1e-12, code));
        assertEquals(8, TrustMath.WEIGHTS.size());
    }

    @Test
    void communicationHistory() {
        for (JsonObject v : V.getJsonArray("communicationHistory").getValuesAs(JsonObject.class)) {
            assertEquals(num(v, "score"), TrustMath.communicationHistory(v.getInt("sessions")), TOL, v.toString());
        }
    }

    @Test
    void communicationHistoryThresholds() {
        for (JsonObject v : V.getJsonArray("communicationHistoryThresholds").getValuesAs(JsonObject.class)) {
            int n = 0;
            while (TrustMath.communicationHistory(n) < num(v, "CH")) {
                n++;
            }
            assertEquals(v.getInt("firstSessions"), n, v.toString());
        }
    }

    @Test
    void decay() {
        for (JsonObject v : V.getJsonArray("decay").getValuesAs(JsonObject.class)) {
            assertEquals(num(v, "factor"), TrustMath.decay(v.getInt("days")), 1e-6, v.toString());
        }
    }

    @Test
    void breachMultipliesTheScore() {
        for (JsonObject v : V.getJsonArray("breach").getValuesAs(JsonObject.class)) {
            double d = TrustMath.breach(1, v.getInt("severity"));
            assertEquals(num(v, "after"), TrustMath.score(num(v, "score"), d, 0), TOL, v.toString());
        }
    }

    @Test
    void compositeAndScore() {
        for (JsonObject v : V.getJsonArray("composite").getValuesAs(JsonObject.class)) {
            assertEquals(num(v, "score"), TrustMath.base(components(v.getJsonObject("components"))), TOL);
        }
        for (JsonObject v : V.getJsonArray("score").getValuesAs(JsonObject.class)) {
            double base = TrustMath.base(components(v.getJsonObject("components")));
            assertEquals(num(v, "base"), base, TOL, v.toString());
            assertEquals(num(v, "score"), TrustMath.score(base, num(v, "penalty"), v.getInt("idleDays")), TOL, v.toString());
        }
    }

    @Test
    void levelsAndTheirLimits() {
        for (JsonObject v : V.getJsonArray("levels").getValuesAs(JsonObject.class)) {
            TrustLevel l = TrustLevel.ofWire(v.getString("level"));
            assertEquals(num(v, "min"), l.min(), 0);
            assertEquals(v.isNull("ceilingUSD") ? null : new BigDecimal(v.getString("ceilingUSD")), l.ceilingUsd());
            assertEquals(v.isNull("sessionsPerDay") ? null : v.getInt("sessionsPerDay"), l.sessionsPerDay());
            assertEquals(v.getString("escrow"), l.escrow());
        }
        for (JsonObject v : V.getJsonArray("levelOf").getValuesAs(JsonObject.class)) {
            assertEquals(v.getString("level"), TrustLevel.of(num(v, "score")).wire(), v.toString());
        }
    }

    @Test
    void endorsementWeights() {
        for (JsonObject v : V.getJsonArray("endorsementWeight").getValuesAs(JsonObject.class)) {
            if (v.containsKey("refused")) {
                assertTrue(num(v, "endorserScore") < TrustMath.MIN_ENDORSER_SCORE, v.toString());
                continue;
            }
            assertEquals(num(v, "weight"), TrustMath.endorsementWeight(num(v, "endorserScore"), v.getInt("rating"), v.getBoolean("sameOrganization")),
                    TOL, v.toString());
        }
    }

    @Test
    void peerEndorsements() {
        for (JsonObject v : V.getJsonArray("peerEndorsements").getValuesAs(JsonObject.class)) {
            List<Double> weights = new ArrayList<>();
            for (JsonObject e : v.getJsonArray("endorsements").getValuesAs(JsonObject.class)) {
                weights.add(TrustMath.endorsementWeight(num(e, "endorserScore"), e.getInt("rating"), e.getBoolean("sameOrganization")));
            }
            double pe = TrustMath.peerEndorsements(weights);
            assertEquals(num(v, "PE"), pe, TOL, v.toString());
            if (v.containsKey("points")) {
                assertEquals(num(v, "points"), pe * TrustMath.WEIGHTS.get("PE"), TOL);
            }
        }
    }

    @Test
    void penaltyBreachRecoveryAndDecayFold() {
        JsonObject p = V.getJsonObject("penalty");
        assertEquals(num(p, "delta"), TrustMath.RECOVERY, 0);
        for (JsonObject v : p.getJsonArray("breach").getValuesAs(JsonObject.class)) {
            assertEquals(num(v, "penaltyAfter"), TrustMath.breach(num(v, "penaltyBefore"), v.getInt("severity")), 1e-6);
        }
        for (JsonObject v : p.getJsonArray("decayFold").getValuesAs(JsonObject.class)) {
            assertEquals(num(v, "penaltyAfter"), TrustMath.foldIdle(num(v, "penaltyBefore"), v.getInt("idleDays")), 1e-6);
        }
        double d = TrustMath.breach(1, 3);
        int done = 0;
        for (JsonObject v : p.getJsonArray("recoveryFromSeverity3AtBase82").getValuesAs(JsonObject.class)) {
            while (done < v.getInt("successfulSessions")) {
                d = TrustMath.recover(d);
                done++;
            }
            assertEquals(num(v, "penalty"), d, 1e-6, v.toString());
            assertEquals(num(v, "score"), TrustMath.score(82, d, 0), TOL, v.toString());
        }
    }

    @Test
    void directional() {
        for (JsonObject v : V.getJsonArray("directional").getValuesAs(JsonObject.class)) {
            List<Integer> ratings = v.getJsonArray("ratings").getValuesAs(JsonNumber.class).stream().map(JsonNumber::intValue).toList();
            List<Integer> breaches = v.getJsonArray("breachSeverities").getValuesAs(JsonNumber.class).stream().map(JsonNumber::intValue).toList();
            assertEquals(num(v, "score"), TrustMath.directional(v.getInt("honoredDeals"), ratings, breaches), TOL, v.toString());
        }
    }

    /** The replay vector through the fold: causes applied once, D and the score after each event, then a projection. */
    @Test
    void replay() {
        JsonObject r = V.getJsonObject("replay");
        double base = num(r, "base");
        TrustState s = TrustState.initial();
        for (JsonObject e : r.getJsonArray("events").getValuesAs(JsonObject.class)) {
            Instant at = at(num(e, "atDays"));
            TrustFact fact = switch (e.getString("type")) {
                case "activity" -> new TrustFact.Activity(e.getString("cause"));
                case "breach" -> new TrustFact.Breach(e.getString("cause"), null, "ses_x", "agt_c", 3);
                case "session" -> new TrustFact.SessionClosed(e.getString("cause"), "success", true, true, List.of("agt_c"), 60);
                default -> throw new AssertionError(e.getString("type"));
            };
            assertEquals(e.getBoolean("applied"), !s.applied(fact.cause()), e.toString());
            s = s.apply(at, fact);
            assertEquals(num(e, "penalty"), s.penalty(), 1e-6, e.toString());
            assertEquals(num(e, "score"), TrustMath.score(base, s.penalty(), TrustMath.idleDays(s.lastActivity(), at)), TOL, e.toString());
        }
        for (JsonObject v : r.getJsonArray("scoreAt").getValuesAs(JsonObject.class)) {
            Instant at = at(num(v, "atDays"));
            assertEquals(num(v, "score"), TrustMath.score(base, s.penalty(), TrustMath.idleDays(s.lastActivity(), at)), TOL);
        }
    }

    static Instant at(double days) {
        return T0.plus(Duration.ofMillis(Math.round(days * 86_400_000)));
    }

    @Test
    void everyVectorGroupIsRead() {
        List<String> read = List.of("description", "weights", "communicationHistory", "decay", "breach", "composite", "levels", "levelOf",
                "tolerance", "endorsementWeight", "peerEndorsements", "penalty", "directional", "communicationHistoryThresholds", "score", "replay");
        for (Map.Entry<String, JsonValue> e : V.entrySet()) {
            assertTrue(read.contains(e.getKey()), "a vector group this test does not read: " + e.getKey());
        }
    }
}
