package dev.asp.application.dispute;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.commitment.CommitmentService;
import dev.asp.application.session.SessionService;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentBreached;
import dev.asp.domain.commitment.DeliveryRejected;
import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Opening disputes (spec 7): a participant's filing, validated before anything is stored, and the
 * automatic ones on a deadline breach and on a creditor's REJECT of a delivery claim, written in the
 * transaction of their cause. Each announces {@link DisputeFiled}; the queue hears of it only after commit.
 */
@ApplicationScoped
public class DisputeFiling {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    SessionService sessions;

    @Inject
    CommitmentService commitments;

    @Inject
    Event<DisputeFiled> filed;

    @Inject
    Clock clock;

    /** A filing by {@code agentId}; a non-participant gets the 404 of a missing session. */
    @InTransaction
    public Dispute file(String agentId, JsonObject in) {
        String sessionId = string(in, "session", true);
        Negotiation n = sessions.readable(sessionId, agentId).negotiation();
        if (!n.isParticipant(agentId)) {
            throw DomainException.notFound("session " + sessionId);
        }
        String claim = string(in, "claim", true);
        String resolution = string(in, "requestedResolution", false);
        String commitmentId = string(in, "commitment", false);
        Commitment c = null;
        if (commitmentId != null) {
            c = em.find(Commitment.class, commitmentId);
            if (c == null || !c.sessionId().equals(sessionId)) {
                throw DomainException.protocol("\"commitment\" " + commitmentId + " is not a commitment of " + sessionId);
            }
        }
        JsonArray refs = references(in, n.head().seq());
        JsonArray evidence = evidence(in);
        return open(new Dispute(sessionId, commitmentId, Dispute.Origin.FILED, agentId, claim, resolution, refs.toString(), evidence.toString(),
                amountAtStake(sessionId, c), clock.instant()));
    }

    /** Spec 5, 7: a deadline breach opens a dispute (a dispute's own breach does not). */
    void breached(@Observes CommitmentBreached b) {
        if (!"deadline".equals(b.cause())) {
            return;
        }
        Commitment c = em.find(Commitment.class, b.commitmentId());
        open(new Dispute(b.sessionId(), b.commitmentId(), Dispute.Origin.BREACH, Dispute.SYSTEM,
                b.commitmentId() + " of " + b.debtorAgentId() + " passed its deadline unfulfilled", null, "[]", "[]",
                amountAtStake(b.sessionId(), c), b.at()));
    }

    /** Spec 5: the creditor's REJECT of a delivery claim is a dispute filed by the creditor, citing the REJECT. */
    void rejected(@Observes DeliveryRejected r) {
        Commitment c = em.find(Commitment.class, r.commitmentId());
        open(new Dispute(r.sessionId(), r.commitmentId(), Dispute.Origin.REJECTION, r.creditorAgentId(),
                r.creditorAgentId() + " rejected the delivery claimed for " + r.commitmentId(), null, "[" + r.rejectSeq() + "]", "[]",
                amountAtStake(r.sessionId(), c), r.at()));
    }

    private Dispute open(Dispute d) {
        em.persist(d);
        filed.fire(new DisputeFiled(d.id()));
        return d;
    }

    /** What the dispute is about in USD: the commitment's amount, else the session's payments (for escalateDisputesAbove). */
    private BigDecimal amountAtStake(String sessionId, Commitment c) {
        if (c != null && c.amountUsd() != null) {
            return c.amountUsd();
        }
        List<Commitment> all = commitments.ofSession(sessionId);
        return all.stream().map(Commitment::amountUsd).filter(a -> a != null).reduce(BigDecimal::add).orElse(null);
    }

    private static JsonArray references(JsonObject in, long headSeq) {
        JsonValue v = in.get("references");
        if (v == null || v == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw DomainException.malformed("\"references\" must be an array of message seqs");
        }
        for (JsonValue r : v.asJsonArray()) {
            if (r.getValueType() != JsonValue.ValueType.NUMBER || !((jakarta.json.JsonNumber) r).isIntegral()) {
                throw DomainException.malformed("\"references\" must be an array of message seqs");
            }
            long seq = ((jakarta.json.JsonNumber) r).longValue();
            if (seq < 1 || seq > headSeq) {
                throw DomainException.protocol("reference " + seq + " is not a seq of the session (1-" + headSeq + ")");
            }
        }
        return v.asJsonArray();
    }

    private static JsonArray evidence(JsonObject in) {
        JsonValue v = in.get("evidence");
        if (v == null || v == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw DomainException.malformed("\"evidence\" must be an array of {type, uri, sha256, description}");
        }
        var out = Jsonp.array();
        for (JsonValue e : v.asJsonArray()) {
            if (e.getValueType() != JsonValue.ValueType.OBJECT) {
                throw DomainException.malformed("\"evidence\" must be an array of {type, uri, sha256, description}");
            }
            JsonObject o = e.asJsonObject();
            String sha = string(o, "sha256", false);
            if (sha != null && !SHA256_HEX.matcher(sha).matches()) {
                throw DomainException.malformed("evidence \"sha256\" must be 64 lowercase hex digits");
            }
            string(o, "type", false);
            string(o, "uri", false);
            string(o, "description", false);
            out.add(o);
        }
        return out.build();
    }

    private static String string(JsonObject in, String name, boolean required) {
        JsonValue v = in.get(name);
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                throw DomainException.malformed("\"" + name + "\" is required");
            }
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw DomainException.malformed("\"" + name + "\" must be a string");
        }
        String s = ((jakarta.json.JsonString) v).getString();
        if (required && s.isBlank()) {
            throw DomainException.malformed("\"" + name + "\" is required");
        }
        return s;
    }
}
