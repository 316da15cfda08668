package dev.asp.it.audit;

import static dev.asp.it.support.Asp.*;
import static dev.asp.it.support.CommitmentChecks.*;
import static dev.asp.it.support.Deals.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.it.support.Deals.Deal;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/**
 * Spec 8 through the running server: a settled, closed session's signed export, read by an auditor of a
 * participant's org, verifies with the offline verifier against the published JWKS; one changed payload
 * byte, a removed envelope, or another service's JWKS each fail naming what broke.
 */
class SessionExportIT {
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    static JsonObject buyerOrg;
    static JsonObject sellerOrg;
    static TestAgent buyer;
    static TestAgent seller;
    static TestSession session;

    @BeforeAll
    static void aSettledClosedSession() throws Exception {
        buyerOrg = newOrg(true);
        sellerOrg = newOrg(true);
        buyer = agent(buyerOrg.getString("adminApiKey"), true);
        seller = agent(sellerOrg.getString("adminApiKey"), true);
        credit(buyerOrg.getString("id"), "100.00");
        Deal deal = agreed(buyer, seller, "60.00", true);
        session = deal.session();
        String delivery = made(session.send(seller, "COMMIT", commit(deal.agreement(), obligation("delivery", buyer, "Deliver", null, null, null)),
                null));
        made(session.send(buyer, "COMMIT", commit(deal.agreement(), obligation("payment", seller, "Pay on delivery", "60.00", null, delivery)),
                null));
        session.send(seller, "FULFILL", fulfil(delivery), null).then().statusCode(201);
        session.send(buyer, "FULFILL", fulfil(delivery), null).then().statusCode(201);
        assertEquals("CLOSED", session.get(buyer).getString("state"), "every commitment settled: the session closed itself");
        session.send(buyer, "CLOSE", close(seller), null).then().statusCode(201);
        session.send(seller, "CLOSE", close(buyer), null).then().statusCode(201);
    }

    @Test
    void anAuditorsExportVerifiesOfflineAndIsSealed() throws Exception {
        JsonObject bundle = payload(awaitSealed());
        assertEquals(session.id, bundle.getJsonObject("session").getString("id"));
        assertEquals(session.headSeq, bundle.getJsonArray("envelopes").size());
        assertTrue(bundle.getJsonArray("envelopes").stream().anyMatch(e -> "asp:system".equals(e.asJsonObject().getJsonObject("envelope")
                .getString("sender"))), "the service's own messages travel too");
        assertEquals(2, bundle.getJsonArray("commitments").size());
        assertEquals(3, bundle.getJsonArray("ledgerEntries").size(), "the hold, its release and the seller's receipt");
        assertFalse(bundle.getJsonArray("trustEvents").isEmpty(), "fulfilments and the close moved trust");
        assertEquals(session.headSeq, bundle.getJsonObject("seal").getJsonObject("head").getInt("seq"));

        Exports.Verdict v = Exports.verify(export(buyerOrg.getString("auditorApiKey")).asByteArray(), "session.jws", Exports.jwks());
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains(session.headSeq + " envelopes from seq 1"), v.output());
    }

    @Test
    void aParticipantMayExportAndAnyoneElseGetsTheMissingSessions404() {
        as(seller, "GET", path()).accept("application/jose").get(path()).then().statusCode(200).contentType("application/jose");
        String stranger = newOrg(true).getString("auditorApiKey");
        String missing = bearer(stranger).get("/v1/asp/audit/sessions/ses_nosuchsession/export").then().statusCode(404).extract().asString();
        String unrelated = bearer(stranger).get(path()).then().statusCode(404).extract().asString();
        assertEquals(Json.createReader(new java.io.StringReader(missing)).readObject().getString("code"),
                Json.createReader(new java.io.StringReader(unrelated)).readObject().getString("code"));
        bearer(buyerOrg.getString("adminApiKey")).get(path()).then().statusCode(404);
    }

    /** Spec 8's regulator export: a zip of session exports and a signed manifest, every file verified offline. */
    @Test
    void anOrgExportStreamsAZipThatVerifiesOffline() throws Exception {
        String orgId = buyerOrg.getString("id");
        String range = "?from=" + java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "&to="
                + java.time.Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response zip = bearer(buyerOrg.getString("auditorApiKey")).get("/v1/asp/audit/orgs/" + orgId + "/export" + range);
        zip.then().statusCode(200).contentType("application/zip");
        Exports.Verdict v = Exports.verify(zip.asByteArray(), "org.zip", Exports.jwks());
        assertEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("sessions/" + session.id + ".jws: JWS signature"), v.output());
        assertTrue(v.output().contains("manifest.jws: 1 session files"), v.output());

        bearer(sellerOrg.getString("auditorApiKey")).get("/v1/asp/audit/orgs/" + orgId + "/export" + range).then().statusCode(404);
        bearer(buyerOrg.getString("adminApiKey")).get("/v1/asp/audit/orgs/" + orgId + "/export" + range).then().statusCode(404);
        bearer(buyerOrg.getString("auditorApiKey")).get("/v1/asp/audit/orgs/" + orgId + "/export?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z")
                .then().statusCode(422).body("code", equalTo("protocol-violation"));
        bearer(buyerOrg.getString("auditorApiKey")).get("/v1/asp/audit/orgs/" + orgId + "/export?from=yesterday&to=2026-01-03T00:00:00Z")
                .then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void aChangedPayloadByteFailsTheJws() throws Exception {
        String[] parts = export(buyerOrg.getString("auditorApiKey")).asString().split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        int at = new String(payload, StandardCharsets.UTF_8).indexOf("\"purpose\"") + 12;
        payload[at] ^= 0x01;
        String tampered = parts[0] + "." + B64U.encodeToString(payload) + "." + parts[2];
        Exports.Verdict v = Exports.verify(tampered.getBytes(StandardCharsets.US_ASCII), "session.jws", Exports.jwks());
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.output().contains("FAIL  session.jws's JWS signature does not verify"), v.output());
    }

    /** Even re-signed by a key the verifier is told to trust, a transcript missing an envelope fails at that seq. */
    @Test
    void aRemovedEnvelopeFailsAtItsSeq() throws Exception {
        JsonObject bundle = payload(export(buyerOrg.getString("auditorApiKey")));
        JsonArrayBuilder kept = Json.createArrayBuilder();
        for (int i = 0; i < bundle.getJsonArray("envelopes").size(); i++) {
            if (i != 2) {
                kept.add(bundle.getJsonArray("envelopes").get(i));
            }
        }
        JsonObject without = Json.createObjectBuilder(bundle).add("envelopes", kept).build();
        Ed25519PrivateKeyParameters forger = new Ed25519PrivateKeyParameters(new SecureRandom());
        JsonObject forgerJwk = jwk(forger);
        String kid = dev.asp.verify.PublicKeys.thumbprint(forgerJwk);
        JsonObject published = Json.createReader(new java.io.StringReader(Exports.jwks())).readObject();
        String jwks = Json.createObjectBuilder().add("keys", Json.createArrayBuilder(published.getJsonArray("keys"))
                .add(Json.createObjectBuilder(forgerJwk).add("kid", kid))).build().toString();
        Exports.Verdict v = Exports.verify(jws(without.toString(), kid, forger).getBytes(StandardCharsets.US_ASCII), "session.jws", jwks);
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.output().contains("FAIL  seq 3: envelope 3 has seq 4"), v.output());
    }

    @Test
    void anotherServicesJwksFails() throws Exception {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(new SecureRandom());
        JsonObject otherJwk = jwk(other);
        String jwks = Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder(otherJwk)
                .add("kid", dev.asp.verify.PublicKeys.thumbprint(otherJwk)))).build().toString();
        Exports.Verdict v = Exports.verify(export(buyerOrg.getString("auditorApiKey")).asByteArray(), "session.jws", jwks);
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.output().contains("which the JWKS does not publish"), v.output());
    }

    private static Response awaitSealed() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            Response r = export(buyerOrg.getString("auditorApiKey"));
            if (!payload(r).isNull("seal")) {
                return r;
            }
            Thread.sleep(500);
        }
        fail("the session was not sealed within 30 s (ASP_SEAL_INTERVAL=PT2S on the IT server)");
        return null;
    }

    private static Response export(String auditorKey) {
        Response r = bearer(auditorKey).get(path());
        r.then().statusCode(200).contentType("application/jose");
        return r;
    }

    private static String path() {
        return "/v1/asp/audit/sessions/" + session.id + "/export";
    }

    private static JsonObject payload(Response r) {
        String payload = new String(Base64.getUrlDecoder().decode(r.asString().split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(payload)).readObject();
    }

    private static JsonObject close(TestAgent counterpart) {
        return Json.createObjectBuilder().add("outcome", "success").add("ratings", Json.createObjectBuilder().add(counterpart.id, 5)).build();
    }

    private static JsonObject jwk(Ed25519PrivateKeyParameters key) {
        return Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", B64U.encodeToString(key.generatePublicKey().getEncoded()))
                .build();
    }

    private static String jws(String payload, String kid, Ed25519PrivateKeyParameters key) {
        String input = B64U.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + B64U.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        s.update(data, 0, data.length);
        return input + "." + B64U.encodeToString(s.generateSignature());
    }
}
