package dev.asp.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * One session as one participant drives it (spec 4): typed calls per performative that build the
 * envelope on the head, hash and sign it, send it and move the head.
 *
 * <ul>
 * <li>{@code 409 stale-head} (someone, or the service, wrote first): the envelope is re-signed on the
 * head the refusal names, keeping its {@code id}, up to {@link #maxStaleRetries} times.</li>
 * <li>A timeout or lost connection: the same envelope is sent again (the service stores an
 * {@code id} once and answers a resend with the stored message, spec 4.1).</li>
 * <li>Other refusals: {@link AspProblemException} with the spec's code; nothing was stored.</li>
 * </ul>
 * Not thread-safe: one thread drives one participant's view of a session.
 */
public final class Session {
    private final AspAgent agent;
    private final String id;
    private long headSeq = -1;
    private String headHash;
    private String state;
    private int maxStaleRetries = 5;

    Session(AspAgent agent, String id) {
        this.agent = agent;
        this.id = id;
    }

    public String id() {
        return id;
    }

    public AspAgent agent() {
        return agent;
    }

    /** The head this participant last saw (-1 before it looked). */
    public long headSeq() {
        return headSeq;
    }

    public String headHash() {
        return headHash;
    }

    /** The state after the last message sent or read (null before). */
    public String state() {
        return state;
    }

    /** How many times a stale-head refusal is answered by re-signing (default 5). */
    public Session maxStaleRetries(int retries) {
        this.maxStaleRetries = retries;
        return this;
    }

    /** GET the session (spec 4.7): state, participants, head, open proposals, agreement…; moves the head here. */
    public JsonObject fetch() {
        JsonObject view = agent.get("/v1/asp/sessions/" + id);
        update(view);
        return view;
    }

    void update(JsonObject view) {
        JsonObject head = view.getJsonObject("head");
        headSeq = head.getJsonNumber("seq").longValue();
        headHash = head.getString("hash");
        state = view.getString("state", state);
    }

    /** Any performative; {@code replyTo} null when it needs none, {@code to} null for every participant. */
    public SentMessage send(String performative, JsonObject body, Long replyTo, List<String> to) {
        if (headSeq < 0) {
            fetch();
        }
        String messageId = Codec.newId("msg_");
        for (int attempt = 0;; attempt++) {
            JsonObject envelope = Envelopes.seal(Envelopes.unsigned(messageId, id, headSeq + 1, headHash, agent.id(), to, performative, replyTo, body,
                    Instant.now()), agent.key());
            AspResponse r = agent.send("POST", "/v1/asp/sessions/" + id + "/messages", envelope.toString(), true);
            if (r.ok()) {
                SentMessage sent = SentMessage.of(r.status(), r.json());
                if (sent.seq() > headSeq) {
                    headSeq = sent.seq();
                    headHash = sent.hash();
                }
                state = sent.state();
                return sent;
            }
            AspProblemException problem = new AspProblemException(performative + " in " + id, r);
            if (!"stale-head".equals(problem.code()) || attempt >= maxStaleRetries) {
                throw problem;
            }
            JsonObject head = problem.document().getJsonObject("head");
            headSeq = head.getJsonNumber("seq").longValue();
            headHash = head.getString("hash");
        }
    }

    public SentMessage send(String performative, JsonObject body, Long replyTo) {
        return send(performative, body, replyTo, null);
    }

    /** PROPOSE: opens a proposal (supersedes this sender's earlier open one). */
    public SentMessage propose(Terms terms) {
        return send("PROPOSE", Json.createObjectBuilder().add("terms", terms.toJson()).build(), null);
    }

    /** COUNTER to the open proposal at {@code proposal}. */
    public SentMessage counter(long proposal, Terms terms) {
        return send("COUNTER", Json.createObjectBuilder().add("terms", terms.toJson()).build(), proposal);
    }

    /** ACCEPT the INVITE (join: seq 1), a DELEGATE naming this agent, or another party's open proposal. */
    public SentMessage accept(long replyTo, String note) {
        return send("ACCEPT", note == null ? JsonValue.EMPTY_JSON_OBJECT : Json.createObjectBuilder().add("note", note).build(), replyTo);
    }

    /** REJECT the INVITE, a DELEGATE, an open proposal, or (as creditor) a delivery claim. */
    public SentMessage reject(long replyTo, String reason) {
        return send("REJECT", Json.createObjectBuilder().add("reason", reason).build(), replyTo);
    }

    public SentMessage query(String question) {
        return send("QUERY", Json.createObjectBuilder().add("question", question).build(), null);
    }

    /** INFORM with {@code facts} (any JSON); {@code replyTo} optional. */
    public SentMessage inform(JsonValue facts, Long replyTo) {
        return send("INFORM", Json.createObjectBuilder().add("facts", facts).build(), replyTo);
    }

    public SentMessage clarify(long replyTo, String question) {
        return send("CLARIFY", Json.createObjectBuilder().add("question", question).build(), replyTo);
    }

    /** COMMIT to the agreed proposal at {@code proposal}: this agent's {@code obligations} (empty when it owes nothing). */
    public SentMessage commit(long proposal, JsonArray obligations) {
        return send("COMMIT", Json.createObjectBuilder().add("proposal", proposal).add("obligations", obligations).build(), null);
    }

    /** FULFILL a commitment: the debtor claims delivery (or pays), the creditor confirms; {@code evidence} may be null. */
    public SentMessage fulfill(String commitment, JsonObject evidence) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("commitment", commitment);
        if (evidence != null) {
            b.add("evidence", evidence);
        }
        return send("FULFILL", b.build(), null);
    }

    public SentMessage delegate(String to, String scope) {
        return send("DELEGATE", Json.createObjectBuilder().add("to", to).add("scope", scope).build(), null);
    }

    public SentMessage escalate(String reason) {
        return send("ESCALATE", Json.createObjectBuilder().add("reason", reason).build(), null);
    }

    /** WITHDRAW this agent's own open proposal or counter at {@code proposal}. */
    public SentMessage withdraw(long proposal, String reason) {
        return send("WITHDRAW", reason == null ? JsonValue.EMPTY_JSON_OBJECT : Json.createObjectBuilder().add("reason", reason).build(), proposal);
    }

    /** CLOSE with an outcome and ratings (1..5 per counterpart; may be empty). */
    public SentMessage close(String outcome, Map<String, Integer> ratings) {
        JsonObjectBuilder r = Json.createObjectBuilder();
        ratings.forEach(r::add);
        return send("CLOSE", Json.createObjectBuilder().add("outcome", outcome).add("ratings", r).build(), null);
    }

    /** One page of the transcript after {@code after}: entries {@code {envelope, seq, hash, kid, receivedAt}}. */
    public JsonObject messages(long after, int limit) {
        return agent.get("/v1/asp/sessions/" + id + "/messages?after=" + after + "&limit=" + limit);
    }

    /** The whole transcript, every page. */
    public List<JsonObject> transcript() {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonObject page = messages(after, 100);
            List<JsonObject> entries = page.getJsonArray("messages").getValuesAs(JsonObject.class);
            all.addAll(entries);
            if (entries.isEmpty() || !(page.get("next") instanceof jakarta.json.JsonNumber next)) {
                return all;
            }
            after = next.longValue();
        }
    }

    /** Streams this session's envelopes after {@code after} over SSE (replay, then live) to {@code onEnvelope}, on a thread of its own. */
    public SseStream stream(long after, java.util.function.Consumer<JsonObject> onEnvelope) {
        return new SseStream(agent, id, after, onEnvelope).start();
    }

    /** The service's own check ({@code GET …/verify}); compare with {@link TranscriptVerifier}, which trusts nothing. */
    public JsonObject verifyOnServer() {
        return agent.get("/v1/asp/sessions/" + id + "/verify");
    }
}
