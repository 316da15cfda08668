package dev.asp.domain.trust;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.asp.domain.shared.Jsonp;

/**
 * Facts and states as the service stores them. Doubles are written as their shortest exact decimal
 * (BigDecimal.valueOf), so a stored state reads back equal to the fold it caches.
 */
public final class TrustJson {
    private TrustJson() {
    }

    public static JsonObject fact(TrustFact f) {
        JsonObjectBuilder b = Jsonp.object();
        if (f instanceof TrustFact.Activity a) {
            b.add("kind", "activity").add("message", a.message());
        } else if (f instanceof TrustFact.SessionClosed s) {
            b.add("kind", "session").add("session", s.session()).add("outcome", s.outcome()).add("agreement", s.agreement())
                    .add("successful", s.successful()).add("counterparts", Jsonp.array(s.counterparts())).add("durationSeconds", s.durationSeconds());
        } else if (f instanceof TrustFact.Breach br) {
            b.add("kind", "breach").add("severity", br.severity());
            opt(b, "commitment", br.commitment());
            opt(b, "dispute", br.dispute());
            opt(b, "session", br.session());
            opt(b, "creditor", br.creditor());
        } else if (f instanceof TrustFact.Fulfilment ff) {
            b.add("kind", "fulfilment").add("commitment", ff.commitment()).add("sameOrganization", ff.sameOrganization())
                    .add("payment", ff.payment()).add("onTime", ff.onTime());
            opt(b, "session", ff.session());
            opt(b, "creditor", ff.creditor());
            if (ff.amountUsd() != null) {
                b.add("amountUsd", ff.amountUsd());
            }
        } else if (f instanceof TrustFact.Rating r) {
            b.add("kind", "rating").add("message", r.message()).add("session", r.session()).add("rater", r.rater())
                    .add("sameOrganization", r.sameOrganization()).add("rating", r.rating());
        } else if (f instanceof TrustFact.Endorsement e) {
            b.add("kind", "endorsement").add("endorsement", e.endorsement()).add("endorser", e.endorser()).add("weight", e.weight());
        } else if (f instanceof TrustFact.Decay d) {
            b.add("kind", "decay").add("since", d.since().toString()).add("days", d.days());
        }
        return b.build();
    }

    public static TrustFact fact(JsonObject o) {
        return switch (o.getString("kind")) {
            case "activity" -> new TrustFact.Activity(o.getString("message"));
            case "session" -> new TrustFact.SessionClosed(o.getString("session"), o.getString("outcome"), o.getBoolean("agreement"),
                    o.getBoolean("successful"), o.getJsonArray("counterparts").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                    o.getJsonNumber("durationSeconds").longValue());
            case "breach" -> new TrustFact.Breach(str(o, "commitment"), str(o, "dispute"), str(o, "session"), str(o, "creditor"), o.getInt("severity"));
            case "fulfilment" -> new TrustFact.Fulfilment(o.getString("commitment"), str(o, "session"), str(o, "creditor"),
                    o.getBoolean("sameOrganization"), o.getBoolean("payment"),
                    o.containsKey("amountUsd") ? o.getJsonNumber("amountUsd").doubleValue() : null, o.getBoolean("onTime"));
            case "rating" -> new TrustFact.Rating(o.getString("message"), o.getString("session"), o.getString("rater"),
                    o.getBoolean("sameOrganization"), o.getInt("rating"));
            case "endorsement" -> new TrustFact.Endorsement(o.getString("endorsement"), o.getString("endorser"),
                    o.getJsonNumber("weight").doubleValue());
            case "decay" -> new TrustFact.Decay(Instant.parse(o.getString("since")), o.getJsonNumber("days").longValue());
            default -> throw new IllegalArgumentException("unknown trust fact " + o.getString("kind"));
        };
    }

    public static JsonObject state(TrustState s) {
        JsonObjectBuilder b = Jsonp.object().add("penalty", s.penalty()).add("sessionsClosed", s.sessionsClosed())
                .add("successfulSessions", s.successfulSessions()).add("idleDaysFolded", s.idleDaysFolded());
        if (s.lastActivity() != null) {
            b.add("lastActivity", s.lastActivity().toString());
        }
        b.add("causes", Jsonp.array(s.causes().stream().sorted().toList()));
        JsonArrayBuilder breaches = Jsonp.array();
        s.breaches().forEach(x -> breaches.add(Jsonp.object().add("cause", x.cause()).add("severity", x.severity())));
        b.add("breaches", breaches).add("fulfilments", credits(s.fulfilments())).add("payments", credits(s.payments()));
        JsonObjectBuilder ratings = Jsonp.object();
        s.ratings().forEach((k, v) -> ratings.add(k, Jsonp.object().add("count", v.count()).add("quality", v.quality())
                .add("sameOrganization", v.sameOrganization())));
        b.add("ratings", ratings);
        b.add("durations", Jsonp.object().add("count", s.durations().count()).add("mean", s.durations().mean()).add("m2", s.durations().m2()));
        JsonObjectBuilder endorsements = Jsonp.object();
        s.endorsements().forEach((k, v) -> endorsements.add(k, Jsonp.object().add("endorsement", v.endorsement()).add("weight", v.weight())));
        return b.add("endorsements", endorsements).build();
    }

    public static TrustState state(JsonObject o) {
        Set<String> causes = new HashSet<>();
        o.getJsonArray("causes").getValuesAs(JsonString.class).forEach(c -> causes.add(c.getString()));
        List<TrustState.BreachRecord> breaches = o.getJsonArray("breaches").getValuesAs(JsonObject.class).stream()
                .map(x -> new TrustState.BreachRecord(x.getString("cause"), x.getInt("severity"))).toList();
        Map<String, TrustState.Ratings> ratings = new HashMap<>();
        o.getJsonObject("ratings").forEach((k, v) -> {
            JsonObject r = v.asJsonObject();
            ratings.put(k, new TrustState.Ratings(r.getJsonNumber("count").longValue(), dbl(r, "quality"), r.getBoolean("sameOrganization")));
        });
        JsonObject d = o.getJsonObject("durations");
        Map<String, TrustState.Endorsed> endorsements = new HashMap<>();
        o.getJsonObject("endorsements").forEach((k, v) -> endorsements.put(k,
                new TrustState.Endorsed(v.asJsonObject().getString("endorsement"), dbl(v.asJsonObject(), "weight"))));
        return new TrustState(dbl(o, "penalty"), o.containsKey("lastActivity") ? Instant.parse(o.getString("lastActivity")) : null, causes,
                o.getJsonNumber("sessionsClosed").longValue(), o.getJsonNumber("successfulSessions").longValue(),
                o.getJsonNumber("idleDaysFolded").longValue(), breaches, credits(o.getJsonObject("fulfilments")),
                credits(o.getJsonObject("payments")), ratings,
                new TrustState.Durations(d.getJsonNumber("count").longValue(), dbl(d, "mean"), dbl(d, "m2")), endorsements);
    }

    private static JsonObject credits(Map<String, TrustState.Credit> m) {
        JsonObjectBuilder b = Jsonp.object();
        m.forEach((k, v) -> b.add(k, Jsonp.object().add("count", v.count()).add("onTime", v.onTime()).add("credit", v.credit())));
        return b.build();
    }

    private static Map<String, TrustState.Credit> credits(JsonObject o) {
        Map<String, TrustState.Credit> m = new HashMap<>();
        o.forEach((k, v) -> {
            JsonObject c = v.asJsonObject();
            m.put(k, new TrustState.Credit(c.getJsonNumber("count").longValue(), c.getJsonNumber("onTime").longValue(), dbl(c, "credit")));
        });
        return m;
    }

    private static double dbl(JsonObject o, String k) {
        return ((JsonNumber) o.get(k)).doubleValue();
    }

    private static String str(JsonObject o, String k) {
        JsonValue v = o.get(k);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static void opt(JsonObjectBuilder b, String k, String v) {
        if (v != null) {
            b.add(k, v);
        }
    }
}
