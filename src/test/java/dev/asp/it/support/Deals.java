package dev.asp.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Sessions brought to an agreement, and the COMMIT and FULFILL bodies of spec 5, for commitment tests. */
public final class Deals {
    private Deals() {
    }

    /** A session in AGREED: {@code agreement} is the seq of the agreed proposal. */
    public record Deal(TestSession session, long agreement) {
    }

    /**
     * {@code buyer} invites {@code seller}, the seller proposes one item at {@code total} (with
     * {@code "escrow":escrow}), the buyer accepts.
     */
    public static Deal agreed(TestAgent buyer, TestAgent seller, String total, boolean escrow) {
        TestSession s = new TestSession();
        s.open(buyer, "commitments", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        s.send(seller, "ACCEPT", note("joining"), 1L).then().statusCode(201);
        JsonObject terms = Json.createObjectBuilder().add("terms", Json.createObjectBuilder()
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", "USB-C adapter").add("quantity", 1)
                        .add("unitPrice", total).add("unit", "lot")))
                .add("total", total).add("currency", "USD").add("escrow", escrow)).build();
        s.send(seller, "PROPOSE", terms, null).then().statusCode(201);
        long proposal = s.headSeq;
        s.send(buyer, "ACCEPT", note("deal"), proposal).then().statusCode(201);
        return new Deal(s, proposal);
    }

    public static JsonObject note(String text) {
        return Json.createObjectBuilder().add("note", text).build();
    }

    /** One obligation; {@code amount}, {@code deadline} and {@code condition} (a cmt_ id) may be null. */
    public static JsonObject obligation(String type, TestAgent creditor, String description, String amount, String deadline, String condition) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type).add("creditor", creditor.id).add("description", description);
        if (amount != null) {
            b.add("amount", amount);
        }
        if (deadline != null) {
            b.add("deadline", deadline);
        }
        if (condition != null) {
            b.add("condition", condition + " fulfilled");
        }
        return b.build();
    }

    public static JsonObject commit(long proposal, JsonObject... obligations) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject o : obligations) {
            a.add(o);
        }
        return Json.createObjectBuilder().add("proposal", proposal).add("obligations", a).build();
    }

    public static JsonObject fulfil(String commitmentId) {
        return Json.createObjectBuilder().add("commitment", commitmentId)
                .add("evidence", Json.createObjectBuilder().add("note", "see the attached receipt")).build();
    }
}
