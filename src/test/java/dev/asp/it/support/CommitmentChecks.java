package dev.asp.it.support;

import static dev.asp.it.support.Asp.as;
import static dev.asp.it.support.Asp.json;
import static dev.asp.it.support.Asp.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import io.restassured.response.Response;

/** Reading commitments and what they left in a transcript and a ledger, as a client would (spec 5). */
public final class CommitmentChecks {
    private CommitmentChecks() {
    }

    public static String made(Response commit) {
        commit.then().statusCode(201);
        return json(commit).getJsonArray("commitments").getJsonObject(0).getString("id");
    }

    public static JsonObject commitment(TestAgent reader, String id) {
        String path = "/v1/asp/commitments/" + id;
        Response r = as(reader, "GET", path).get(path);
        r.then().statusCode(200);
        return json(r);
    }

    public static JsonObject await(TestAgent reader, String id, Predicate<JsonObject> done, int seconds) throws InterruptedException {
        JsonObject c = commitment(reader, id);
        for (int i = 0; i < seconds * 2 && !done.test(c); i++) {
            Thread.sleep(500);
            c = commitment(reader, id);
        }
        assertTrue(done.test(c), c.toString());
        return c;
    }

    public static List<JsonObject> systemFacts(TestSession s, TestAgent reader, String event) {
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        Response r = as(reader, "GET", path).queryParam("limit", 500).get(path);
        r.then().statusCode(200);
        return json(r).getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getJsonObject("envelope"))
                .filter(e -> "asp:system".equals(e.getString("sender")) && "INFORM".equals(e.getString("performative")))
                .map(e -> e.getJsonObject("body").getJsonObject("facts")).filter(f -> event.equals(f.getString("event", ""))).toList();
    }

    public static void verifies(TestSession s, TestAgent reader) {
        String path = "/v1/asp/sessions/" + s.id + "/verify";
        as(reader, "GET", path).get(path).then().statusCode(200).body("valid", equalTo(true));
    }

    /** Exactly one breach: one system message, one refund of the conditioned payment's escrow, the chain intact. */
    public static void assertBreachedOnce(TestSession s, TestAgent reader, String deliveryId, String paymentId, String debtorOrg) {
        List<JsonObject> breaches = systemFacts(s, reader, "commitment-breached");
        assertEquals(1, breaches.size(), breaches.toString());
        assertEquals(deliveryId, breaches.get(0).getString("commitment"));
        assertEquals(List.of(paymentId), breaches.get(0).getJsonArray("cancelled").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        JsonObject delivery = commitment(reader, deliveryId);
        assertEquals(1, delivery.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(h -> "breached".equals(h.getString("status"))).count());
        operator().get("/v1/asp/orgs/" + debtorOrg + "/ledger?cause=" + paymentId).then().statusCode(200)
                .body("entries.kind", equalTo(List.of("hold", "refund")));
        verifies(s, reader);
    }

    /** Balance + held = credits + receipts - releases - payments: every cent has an entry. */
    public static void assertSumsToCredits(JsonObject ledger) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonObject e : ledger.getJsonArray("entries").getValuesAs(JsonObject.class)) {
            BigDecimal amount = new BigDecimal(e.getString("amount"));
            sum = switch (e.getString("kind")) {
                case "credit", "receipt" -> sum.add(amount);
                case "release", "payment", "penalty" -> sum.subtract(amount);
                default -> sum;
            };
        }
        assertEquals(0, sum.compareTo(new BigDecimal(ledger.getString("balance")).add(new BigDecimal(ledger.getString("held")))), ledger.toString());
    }
}
