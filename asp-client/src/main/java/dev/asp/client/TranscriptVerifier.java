package dev.asp.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Verifies a transcript locally, trusting no server (spec 4.1): seqs 1, 2, 3…; each {@code prevHash}
 * the hash before it ({@code null} for seq 1); each {@code hash} recomputed from the RFC 8785 bytes;
 * each {@code signature} verified with the sender's key. Keys are given by the caller — the agents'
 * JWKs it knows, the service's JWKS for {@code asp:system} messages.
 */
public final class TranscriptVerifier {
    /**
     * The outcome, shaped like the service's {@code GET …/verify} answer.
     *
     * @param head the last hash (when valid)
     * @param brokenSeq the first seq that does not verify (when not valid), with {@code reason}
     */
    public record Result(boolean valid, int messages, String head, Long brokenSeq, String reason) {
    }

    private final Map<String, byte[]> byKid = new HashMap<>();
    private final Map<String, List<byte[]>> bySender = new HashMap<>();

    /** An Ed25519 JWK, known by its {@code kid} member or else its RFC 7638 thumbprint. */
    public TranscriptVerifier key(JsonObject jwk) {
        byKid.put(jwk.getString("kid", AgentKey.thumbprint(jwk)), AgentKey.publicKeyOf(jwk));
        return this;
    }

    /** A key of {@code sender}, for envelopes that come without a {@code kid} beside them. */
    public TranscriptVerifier key(String sender, JsonObject jwk) {
        key(jwk);
        bySender.computeIfAbsent(sender, s -> new ArrayList<>()).add(AgentKey.publicKeyOf(jwk));
        return this;
    }

    /** An agent's key held locally. */
    public TranscriptVerifier key(AgentKey key) {
        return key(key.publicJwk());
    }

    /** Every Ed25519 key of a JWKS ({@code {"keys":[…]}}), e.g. the service's. */
    public TranscriptVerifier jwks(JsonObject jwks) {
        for (JsonValue k : jwks.getJsonArray("keys")) {
            JsonObject jwk = k.asJsonObject();
            if ("OKP".equals(jwk.getString("kty", null)) && "Ed25519".equals(jwk.getString("crv", null))) {
                key(jwk);
            }
        }
        return this;
    }

    /**
     * Verifies {@code entries} in order: transcript page entries ({@code {envelope, kid, …}}, as
     * {@link Session#transcript()} answers them) or bare envelopes (keys then found by sender).
     */
    public Result verify(List<JsonObject> entries) {
        String prev = null;
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.get(i);
            JsonObject e = entry.containsKey("envelope") ? entry.getJsonObject("envelope") : entry;
            long seq = i + 1;
            if (!(e.get("seq") instanceof jakarta.json.JsonNumber n) || n.longValue() != seq) {
                return broken(i, seq, "seq is not " + seq);
            }
            String prevHash = e.isNull("prevHash") ? null : e.getString("prevHash", null);
            if (!Objects.equals(prev, prevHash)) {
                return broken(i, seq, "prevHash does not link to message " + (seq - 1));
            }
            byte[] canonical = Envelopes.canonical(e);
            String hash = Codec.sha256Hex(canonical);
            if (!hash.equals(e.getString("hash", null))) {
                return broken(i, seq, "hash does not match the canonical envelope");
            }
            if (!signed(entry, e, canonical)) {
                return broken(i, seq, "signature does not verify with the sender's key");
            }
            prev = hash;
        }
        return new Result(true, entries.size(), prev, null, null);
    }

    private boolean signed(JsonObject entry, JsonObject e, byte[] canonical) {
        byte[] signature;
        try {
            signature = Codec.unb64(e.getString("signature", ""));
        } catch (IllegalArgumentException bad) {
            return false;
        }
        List<byte[]> candidates = new ArrayList<>();
        String kid = entry.getString("kid", null);
        if (kid != null && byKid.containsKey(kid)) {
            candidates.add(byKid.get(kid));
        } else if (kid == null) {
            candidates.addAll(bySender.getOrDefault(e.getString("sender", ""), List.of()));
        }
        return candidates.stream().anyMatch(k -> AgentKey.verify(k, canonical, signature));
    }

    private static Result broken(int verified, long seq, String reason) {
        return new Result(false, verified, null, seq, reason);
    }
}
