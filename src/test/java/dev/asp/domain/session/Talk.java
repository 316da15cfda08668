package dev.asp.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * A session driven the way the service drives it: each envelope built on the current head and
 * sealed, each decision kept, each requested system message appended. Public for the application
 * layer's tests, which start from a negotiation in a given state.
 */
public final class Talk {
    static final String SESSION = "ses_test0001";
    static final String SIGNATURE = "c2lnbmF0dXJl";
    /** Cached: each jakarta.json.JSON.create… call looks the provider up again. */
    static final JsonProvider JSON = JsonProvider.provider();

    public Negotiation n;
    Decision last;
    private Instant clock = Instant.parse("2026-03-15T10:00:00Z");
    private int ids;

    /** Single quotes instead of double ones keep test JSON readable. */
    public static JsonObject json(String text) {
        try (var reader = JSON.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    public static Talk invite(String inviter, String... agentRolePairs) {
        return invite(inviter, json("{}"), agentRolePairs);
    }

    static Talk invite(String inviter, JsonObject constraints, String... agentRolePairs) {
        JsonArrayBuilder participants = JSON.createArrayBuilder();
        for (int i = 0; i < agentRolePairs.length; i += 2) {
            participants.add(JSON.createObjectBuilder().add("agent", agentRolePairs[i]).add("role", agentRolePairs[i + 1]));
        }
        JsonObject body = JSON.createObjectBuilder().add("purpose", "test negotiation").add("participants", participants)
                .add("constraints", constraints).build();
        Talk t = new Talk();
        t.last = Negotiation.open(t.envelope(inviter, "INVITE", body, null, List.of(), 1, null));
        t.n = t.last.next();
        return t;
    }

    /** Everyone but the inviter accepts the INVITE: the session is CONVERSING after the introduction. */
    public Talk allJoin() {
        for (String agent : n.pendingInvitees()) {
            send(agent, "ACCEPT", json("{'note':'joining'}"), 1L);
        }
        return this;
    }

    public Envelope envelope(String sender, String performative, JsonObject body, Long replyTo, List<String> to) {
        return envelope(sender, performative, body, replyTo, to, n.head().seq() + 1, n.head().hash());
    }

    private Envelope envelope(String sender, String performative, JsonObject body, Long replyTo, List<String> to,
            long seq, String prevHash) {
        clock = clock.plusSeconds(60);
        JsonObjectBuilder b = JSON.createObjectBuilder().add("asp", "1.0").add("id", "msg_t" + (++ids))
                .add("sessionId", SESSION).add("seq", seq);
        if (prevHash == null) {
            b.addNull("prevHash");
        } else {
            b.add("prevHash", prevHash);
        }
        b.add("sender", sender);
        if (!to.isEmpty()) {
            b.add("to", JSON.createArrayBuilder(to));
        }
        b.add("performative", performative);
        if (replyTo != null) {
            b.add("replyTo", replyTo);
        }
        b.add("body", body).add("sentAt", clock.toString());
        return Envelope.seal(b.build(), bytes -> SIGNATURE);
    }

    Decision send(String sender, String performative, JsonObject body) {
        return send(sender, performative, body, null);
    }

    public Decision send(String sender, String performative, JsonObject body, Long replyTo, String... to) {
        return keep(n.decide(envelope(sender, performative, body, replyTo, List.of(to))));
    }

    Decision sendRunning(String sender, String performative, JsonObject body, Long replyTo) {
        return keep(n.decide(envelope(sender, performative, body, replyTo, List.of()), true));
    }

    /** Keeps a decision as the service would: the next negotiation, then its system messages appended and signed. */
    public Decision keep(Decision d) {
        last = d;
        n = d.next();
        for (SystemMessage m : d.systemMessages()) {
            Envelope sealed = Envelope.seal(m.unsigned("msg_sys" + (++ids), SESSION, n.head(), clock), bytes -> SIGNATURE);
            n = n.appended(sealed);
        }
        return d;
    }

    public long seq() {
        return n.head().seq();
    }

    /** Asserts the refusal's code and that the negotiation is exactly as before (spec: nothing stored). */
    DomainException refused(ProblemCode code, String sender, String performative, JsonObject body, Long replyTo, String... to) {
        Envelope e = envelope(sender, performative, body, replyTo, List.of(to));
        return refused(code, () -> n.decide(e));
    }

    DomainException refused(ProblemCode code, org.junit.jupiter.api.function.Executable action) {
        JsonObject before = n.toJson();
        DomainException ex = assertThrows(DomainException.class, action);
        assertEquals(code, ex.code(), ex.getMessage());
        assertEquals(before, n.toJson());
        return ex;
    }

    public static JsonObject terms(String unitPrice, int quantity, String... parties) {
        String total = new java.math.BigDecimal(unitPrice).multiply(java.math.BigDecimal.valueOf(quantity))
                .setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        JsonObjectBuilder t = JSON.createObjectBuilder()
                .add("items", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("description", "GPU hours")
                        .add("quantity", quantity).add("unitPrice", unitPrice).add("unit", "hour")))
                .add("total", total);
        if (parties.length > 0) {
            t.add("parties", JSON.createArrayBuilder(List.of(parties)));
        }
        return JSON.createObjectBuilder().add("terms", t).build();
    }
}
