package dev.asp.verify;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Verifies one session export (spec 8) against the JWKS: the JWS, then every envelope from seq 1 —
 * its RFC 8785 hash, its link to the one before, its signature (an agent's with the key beside it, whose
 * thumbprint is its kid; {@code asp:system}'s with the JWKS key) — then that the session's head is the
 * last envelope, and that commitments and ledger entries cite what the bundle holds.
 */
public final class SessionExport {
    private static final String SYSTEM = "asp:system";

    private final Jwks jwks;
    private final Report report;

    public SessionExport(Jwks jwks, Report report) {
        this.jwks = jwks;
        this.report = report;
    }

    /** The verified bundle's session id and head, for the org manifest to compare with. */
    public record Verified(String sessionId, long headSeq, String headHash) {
    }

    public Verified verify(String compactJws, String name) throws Failure {
        Jwks.Verified jws = jwks.verify(compactJws, name);
        report.ok(name + ": JWS signature by service key " + jws.kid());
        JsonObject bundle = Jwks.parse(new String(jws.payload(), StandardCharsets.UTF_8), name + "'s payload");
        for (String member : new String[] {"session", "envelopes", "commitments", "disputes", "trustEvents", "ledgerEntries", "exportedAt"}) {
            if (!bundle.containsKey(member)) {
                throw new Failure(name + "'s bundle lacks \"" + member + "\"");
            }
        }
        JsonObject session = bundle.getJsonObject("session");
        String sessionId = session.getString("id");
        JsonArray envelopes = bundle.getJsonArray("envelopes");
        Map<Long, JsonObject> bySeq = new HashMap<>();
        String prevHash = null;
        for (int i = 0; i < envelopes.size(); i++) {
            long expected = i + 1L;
            JsonObject entry = envelopes.getJsonObject(i);
            JsonObject envelope = entry.getJsonObject("envelope");
            long seq = envelope.getJsonNumber("seq").longValueExact();
            if (seq != expected) {
                throw new Failure(expected, "envelope " + (i + 1) + " has seq " + seq + " (one is missing or out of order)");
            }
            if (!sessionId.equals(envelope.getString("sessionId", null))) {
                throw new Failure(seq, "envelope of another session");
            }
            String linked = envelope.isNull("prevHash") ? null : envelope.getString("prevHash");
            if (seq == 1 ? linked != null : !java.util.Objects.equals(linked, prevHash)) {
                throw new Failure(seq, "prevHash " + linked + " does not link to seq " + (seq - 1) + "'s hash " + prevHash);
            }
            byte[] canonical = canonical(envelope);
            String hash = HexFormat.of().formatHex(PublicKeys.sha256(canonical));
            if (!hash.equals(envelope.getString("hash", ""))) {
                throw new Failure(seq, "hash mismatch: the RFC 8785 bytes hash to " + hash + ", the envelope says " + envelope.getString("hash", ""));
            }
            checkSignature(seq, envelope, entry, canonical);
            bySeq.put(seq, envelope);
            prevHash = hash;
        }
        report.ok(name + ": " + envelopes.size() + " envelopes from seq 1: hashes, links and signatures");
        JsonObject head = session.getJsonObject("head");
        long headSeq = head.getJsonNumber("seq").longValueExact();
        if (headSeq != envelopes.size() || !head.getString("hash").equals(prevHash)) {
            throw new Failure(headSeq, "the session's head (" + headSeq + ", " + head.getString("hash") + ") is not the last envelope ("
                    + envelopes.size() + ", " + prevHash + ")");
        }
        checkSeal(bundle, headSeq, prevHash);
        report.ok(name + ": session head is seq " + headSeq);
        Set<String> causes = checkCommitments(bundle.getJsonArray("commitments"), sessionId, bySeq);
        bundle.getJsonArray("disputes").forEach(d -> causes.add(d.asJsonObject().getString("id", "")));
        for (JsonValue v : bundle.getJsonArray("ledgerEntries")) {
            JsonObject e = v.asJsonObject();
            String cause = e.getJsonObject("cause").getString("id", "");
            if (!causes.contains(cause)) {
                throw new Failure("ledger entry " + e.getString("id", "?") + " cites " + cause + ", which is not in the bundle");
            }
        }
        report.ok(name + ": " + bundle.getJsonArray("commitments").size() + " commitments and " + bundle.getJsonArray("ledgerEntries").size()
                + " ledger entries cite messages of the bundle");
        return new Verified(sessionId, headSeq, prevHash);
    }

    private void checkSignature(long seq, JsonObject envelope, JsonObject entry, byte[] canonical) throws Failure {
        String sender = envelope.getString("sender", "");
        String kid = entry.getString("kid", "");
        JsonObject key;
        if (SYSTEM.equals(sender)) {
            key = jwks.key(kid);
            if (key == null) {
                throw new Failure(seq, "asp:system message signed with kid " + kid + ", which the JWKS does not publish");
            }
        } else {
            key = entry.getJsonObject("jwk");
            if (!PublicKeys.thumbprint(key).equals(kid)) {
                throw new Failure(seq, "the key beside the envelope has thumbprint " + PublicKeys.thumbprint(key) + ", not kid " + kid);
            }
        }
        byte[] signature;
        try {
            signature = PublicKeys.b64u(envelope.getString("signature", ""));
        } catch (IllegalArgumentException e) {
            throw new Failure(seq, "signature is not base64url");
        }
        if (!PublicKeys.verify(key, canonical, signature)) {
            throw new Failure(seq, "signature of " + sender + " does not verify with " + (SYSTEM.equals(sender) ? "service key " : "key ") + kid);
        }
    }

    private static void checkSeal(JsonObject bundle, long headSeq, String headHash) throws Failure {
        if (bundle.containsKey("seal") && !bundle.isNull("seal")) {
            JsonObject sealed = bundle.getJsonObject("seal").getJsonObject("head");
            if (sealed.getJsonNumber("seq").longValueExact() != headSeq || !sealed.getString("hash").equals(headHash)) {
                throw new Failure(headSeq, "the sealed head is not the transcript's head");
            }
        }
    }

    /** Each commitment belongs to this session and was made by a COMMIT of the bundle, sent by its debtor. */
    private static Set<String> checkCommitments(JsonArray commitments, String sessionId, Map<Long, JsonObject> bySeq) throws Failure {
        Set<String> ids = new HashSet<>();
        for (JsonValue v : commitments) {
            JsonObject c = v.asJsonObject();
            String id = c.getString("id", "?");
            long by = c.getJsonNumber("createdBy").longValueExact();
            JsonObject commit = bySeq.get(by);
            if (!sessionId.equals(c.getString("session", ""))) {
                throw new Failure("commitment " + id + " is of another session");
            }
            if (commit == null || !"COMMIT".equals(commit.getString("performative", "")) || !c.getString("debtor", "").equals(commit.getString("sender", ""))) {
                throw new Failure(by, "commitment " + id + " cites seq " + by + ", which is not a COMMIT of its debtor in the bundle");
            }
            ids.add(id);
        }
        return ids;
    }

    /** RFC 8785 bytes of the envelope without {@code hash} and {@code signature} (spec 4.1). */
    static byte[] canonical(JsonObject envelope) throws Failure {
        JsonObjectBuilder b = Json.createObjectBuilder(envelope);
        b.remove("hash");
        b.remove("signature");
        try {
            return new JsonCanonicalizer(b.build().toString()).getEncodedUTF8();
        } catch (java.io.IOException | RuntimeException e) {
            throw new Failure(envelope.getInt("seq", 0) * 1L, "not canonicalizable: " + e.getMessage());
        }
    }
}
