package dev.asp.domain.session;

import dev.asp.domain.shared.Jsonp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.domain.shared.Canonical;
import dev.asp.domain.shared.Digests;

/**
 * One signed message of a session (spec 4.1), read strictly and kept exactly as received so its
 * hash can be recomputed from the same bytes the sender signed.
 */
public final class Envelope {
    public static final String VERSION = "1.0";
    /** The sender of the service's own messages (introductions, timeouts, decisions). */
    public static final String SYSTEM = "asp:system";

    private static final Set<String> MEMBERS = Set.of("asp", "id", "sessionId", "seq", "prevHash", "sender", "to",
            "performative", "replyTo", "body", "sentAt", "hash", "signature");
    private static final Set<String> REQUIRED = Set.of("asp", "id", "sessionId", "seq", "prevHash", "sender",
            "performative", "body", "sentAt", "hash", "signature");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_[A-Za-z0-9_-]+");
    private static final Pattern SESSION_ID = Pattern.compile("ses_[A-Za-z0-9_-]+");
    private static final Pattern ROLE = Pattern.compile("role:\\S+");

    private final JsonObject json;
    private final String id;
    private final String sessionId;
    private final long seq;
    private final String prevHash;
    private final String sender;
    private final List<String> to;
    private final Performative performative;
    private final Long replyTo;
    private final JsonObject body;
    private final Instant sentAt;
    private final String hash;
    private final String signature;

    private Envelope(JsonObject json) {
        for (String name : json.keySet()) {
            if (!MEMBERS.contains(name)) {
                throw DomainException.malformed("the envelope has an unknown member \"" + name + "\"");
            }
        }
        for (String name : REQUIRED) {
            if (!json.containsKey(name)) {
                throw DomainException.malformed("the envelope needs \"" + name + "\"");
            }
        }
        this.json = json;
        if (!VERSION.equals(JsonFields.string(json, "asp"))) {
            throw DomainException.malformed("\"asp\" must be \"1.0\"");
        }
        this.id = matching(JsonFields.string(json, "id"), MESSAGE_ID, "id", "a message id (msg_…)");
        this.sessionId = matching(JsonFields.string(json, "sessionId"), SESSION_ID, "sessionId", "a session id (ses_…)");
        this.seq = JsonFields.optionalInteger(json, "seq").orElseThrow(() -> DomainException.malformed("\"seq\" is required"));
        if (seq < 1) {
            throw DomainException.malformed("\"seq\" starts at 1");
        }
        this.prevHash = JsonFields.optionalString(json, "prevHash").orElse(null);
        if ((seq == 1) != (prevHash == null)) {
            throw DomainException.malformed("\"prevHash\" is null for seq 1 and only then");
        }
        if (prevHash != null) {
            matching(prevHash, HEX64, "prevHash", "64 lowercase hex digits");
        }
        this.sender = JsonFields.string(json, "sender");
        if (!SYSTEM.equals(sender)) {
            Members.agent(sender, "sender");
        }
        this.to = JsonFields.optionalStrings(json, "to").orElse(List.of());
        for (String recipient : to) {
            if (!ROLE.matcher(recipient).matches()) {
                Members.agent(recipient, "to");
            }
        }
        String performativeName = JsonFields.string(json, "performative");
        this.replyTo = JsonFields.optionalInteger(json, "replyTo").orElse(null);
        this.body = JsonFields.optionalObject(json, "body").orElseThrow(() -> DomainException.malformed("\"body\" must be an object"));
        this.sentAt = Times.instant(JsonFields.string(json, "sentAt"), "sentAt");
        this.hash = JsonFields.string(json, "hash");
        this.signature = JsonFields.string(json, "signature");
        this.performative = Performative.parse(performativeName).orElseThrow(() ->
                DomainException.protocol("unknown performative \"" + performativeName + "\""));
    }

    private static String matching(String value, Pattern pattern, String name, String what) {
        if (!pattern.matcher(value).matches()) {
            throw DomainException.malformed("\"" + name + "\" must be " + what);
        }
        return value;
    }

    public static Envelope parse(JsonObject json) {
        return new Envelope(json);
    }

    /**
     * Whether {@code text} is at most {@code maxBytes} in UTF-8, counting only when it could be
     * over: a UTF-16 char takes at most 3 bytes.
     */
    public static boolean fits(String text, int maxBytes) {
        return (long) text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    /** Refuses with 413 an envelope over the server's limit (ASP_MAX_ENVELOPE_BYTES). */
    public static void requireFits(String text, int maxBytes) {
        if (!fits(text, maxBytes)) {
            throw new DomainException(ProblemCode.PAYLOAD_TOO_LARGE, "an envelope may be at most " + maxBytes + " bytes");
        }
    }

    public static Envelope parse(String text) {
        return new Envelope(JsonFields.parseObject(text));
    }

    /**
     * Completes an envelope written without {@code hash} and {@code signature} (the service's own
     * messages): the hash of its canonical bytes and {@code signer}'s base64url signature over them.
     */
    public static Envelope seal(JsonObject unsigned, Function<byte[], String> signer) {
        byte[] bytes = canonical(unsigned);
        return parse(Jsonp.object(unsigned)
                .add("hash", Digests.sha256Hex(bytes))
                .add("signature", signer.apply(bytes))
                .build());
    }

    private static byte[] canonical(JsonObject withoutHashAndSignature) {
        return Canonical.bytes(withoutHashAndSignature.toString());
    }

    /** Spec 4.1: RFC 8785 bytes of the envelope without {@code hash} and {@code signature}. */
    public byte[] signingBytes() {
        return canonical(Jsonp.object(json).remove("hash").remove("signature").build());
    }

    public String computedHash() {
        return Digests.sha256Hex(signingBytes());
    }

    /** The object exactly as received: served and exported unchanged (4.7). */
    public JsonObject json() {
        return json;
    }

    public boolean fromService() {
        return SYSTEM.equals(sender);
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public long seq() {
        return seq;
    }

    public Optional<String> prevHash() {
        return Optional.ofNullable(prevHash);
    }

    public String sender() {
        return sender;
    }

    /** The {@code to} entries as sent; empty means every participant (4.1). */
    public List<String> to() {
        return to;
    }

    public Performative performative() {
        return performative;
    }

    public OptionalLong replyTo() {
        return replyTo == null ? OptionalLong.empty() : OptionalLong.of(replyTo);
    }

    public JsonObject body() {
        return body;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String hash() {
        return hash;
    }

    public String signature() {
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && json.equals(e.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Envelope[" + sessionId + " #" + seq + " " + performative + " from " + sender + "]";
    }
}
