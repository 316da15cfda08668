package dev.asp.it.support;

import static dev.asp.it.support.Asp.as;
import static dev.asp.it.support.Asp.json;
import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.restassured.response.Response;

/** A session as a client drives it: builds envelopes on the current head, signs and sends them. */
public final class TestSession {
    /** The server the session lives on: the one under test unless the test started another. */
    public final String base;
    public final String id = "ses_" + UUID.randomUUID().toString().replace("-", "");
    public long headSeq;
    /** A participant who can always read the session (the inviter). */
    public TestAgent reader;
    public String headHash;

    public TestSession() {
        this(Asp.BASE);
    }

    public TestSession(String base) {
        this.base = base;
    }

    /** Sends the INVITE (seq 1) from {@code inviter}; participants as agent/role pairs. */
    public Response open(TestAgent inviter, String purpose, JsonObject constraints, Object... agentRolePairs) {
        JsonArrayBuilder participants = Json.createArrayBuilder();
        for (int i = 0; i < agentRolePairs.length; i += 2) {
            participants.add(Json.createObjectBuilder().add("agent", ((TestAgent) agentRolePairs[i]).id).add("role", (String) agentRolePairs[i + 1]));
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("purpose", purpose).add("participants", participants);
        if (constraints != null) {
            body.add("constraints", constraints);
        }
        reader = inviter;
        JsonObject env = inviter.seal(unsigned(inviter.id, "INVITE", body.build(), null, 1, null));
        Response r = as(base, inviter, "POST", "/v1/asp/sessions").body(env.toString()).post("/v1/asp/sessions");
        if (r.statusCode() == 201) {
            refresh(inviter);
        }
        return r;
    }

    public JsonObject envelope(TestAgent sender, String performative, JsonObject body, Long replyTo) {
        return sender.seal(unsigned(sender.id, performative, body, replyTo, headSeq + 1, headHash));
    }

    public Response post(TestAgent sender, JsonObject envelope) {
        return postTo(base, sender, envelope);
    }

    /** As {@link #post}, to the server at {@code base} (another server on the same database). */
    public Response postTo(String base, TestAgent sender, JsonObject envelope) {
        String path = "/v1/asp/sessions/" + id + "/messages";
        return as(base, sender, "POST", path).body(envelope.toString()).post(path);
    }

    /** Builds on the head, sends, and on success moves the head (system messages included). */
    public Response send(TestAgent sender, String performative, JsonObject body, Long replyTo) {
        return sendTo(base, sender, performative, body, replyTo);
    }

    /** As {@link #send}, to the server at {@code base}. */
    public Response sendTo(String base, TestAgent sender, String performative, JsonObject body, Long replyTo) {
        Response r = postTo(base, sender, envelope(sender, performative, body, replyTo));
        if (r.statusCode() == 201) {
            refresh(sender);
        }
        return r;
    }

    public JsonObject get(TestAgent reader) {
        String path = "/v1/asp/sessions/" + id;
        Response r = as(base, reader, "GET", path).get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET session: " + r.statusCode() + " " + r.asString());
        }
        return json(r);
    }

    public void refresh(TestAgent reader) {
        JsonObject head = get(reader).getJsonObject("head");
        headSeq = head.getJsonNumber("seq").longValue();
        headHash = head.getString("hash");
    }

    public JsonObject unsigned(String sender, String performative, JsonObject body, Long replyTo, long seq, String prevHash) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("asp", "1.0").add("id", "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .add("sessionId", id).add("seq", seq);
        if (prevHash == null) {
            b.addNull("prevHash");
        } else {
            b.add("prevHash", prevHash);
        }
        b.add("sender", sender).add("performative", performative);
        if (replyTo != null) {
            b.add("replyTo", replyTo);
        }
        return b.add("body", body).add("sentAt", Instant.now().toString()).build();
    }

    /** JSON with single quotes for readability in tests. */
    public static JsonObject quoted(String singleQuoted) {
        return Json.createReader(new java.io.StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }

    public static JsonObject terms(String description, int quantity, String unitPrice, String total, String unit) {
        return Json.createObjectBuilder().add("terms", Json.createObjectBuilder()
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", description).add("quantity", quantity)
                        .add("unitPrice", unitPrice).add("unit", unit)))
                .add("total", total).add("currency", "USD")).build();
    }
}
