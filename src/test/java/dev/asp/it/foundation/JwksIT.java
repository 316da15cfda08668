package dev.asp.it.foundation;

import static dev.asp.it.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.AspServer;
import dev.asp.it.support.Reply;

/** Spec 8: the JWKS publishes the service's Ed25519 keys, current and retired, across an operator rotation. */
class JwksIT {
    private static final String ROTATE = "/v1/asp/admin/service-keys/rotate";

    private static List<JsonObject> keys() {
        Reply reply = AspServer.get("/.well-known/jwks.json");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        return reply.json().getJsonArray("keys").getValuesAs(JsonValue::asJsonObject);
    }

    private static JsonObject active() {
        List<JsonObject> active = keys().stream().filter(k -> k.getString("status").equals("active")).toList();
        assertEquals(1, active.size(), () -> "exactly one active key: " + active);
        return active.get(0);
    }

    private static JsonObject key(String kid) {
        return keys().stream().filter(k -> k.getString("kid").equals(kid)).findFirst()
                .orElseThrow(() -> new AssertionError(kid + " is not in the JWKS"));
    }

    // RFC 7638 computed here, independently of the service's code.
    private static String thumbprint(String x) throws Exception {
        byte[] members = ("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(members));
    }

    @Test
    void everyKeyIsAPublicEd25519KeyWhoseKidIsItsThumbprint() throws Exception {
        active();
        for (JsonObject k : keys()) {
            assertEquals("OKP", k.getString("kty"), k::toString);
            assertEquals("Ed25519", k.getString("crv"), k::toString);
            assertEquals(32, Base64.getUrlDecoder().decode(k.getString("x")).length, k::toString);
            assertEquals(thumbprint(k.getString("x")), k.getString("kid"), k::toString);
            assertEquals("sig", k.getString("use"));
            assertEquals("EdDSA", k.getString("alg"));
            assertTrue(Set.of("active", "retired").contains(k.getString("status")), k::toString);
            Instant.parse(k.getString("createdAt"));
            for (String privateMember : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
                assertFalse(k.containsKey(privateMember), () -> "private member " + privateMember + " published: " + k);
            }
        }
    }

    @Test
    void rotationRetiresTheOldKeyAndPublishesTheNewOneActive() throws Exception {
        String before = active().getString("kid");

        Reply reply = AspServer.post(ROTATE, AspServer.asOperator());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        JsonObject rotated = reply.json();
        String kid = rotated.getString("kid");
        assertNotEquals(before, kid);
        assertEquals("active", rotated.getString("status"));
        assertEquals(thumbprint(rotated.getJsonObject("jwk").getString("x")), kid);

        JsonObject now = active();
        assertEquals(kid, now.getString("kid"));
        assertEquals(rotated.getJsonObject("jwk").getString("x"), now.getString("x"));
        JsonObject old = key(before);
        assertEquals("retired", old.getString("status"), "the old key stays published so its signatures verify");
        assertFalse(Instant.parse(old.getString("retiredAt")).isAfter(Instant.parse(now.getString("createdAt")).plusSeconds(1)));
        assertEquals(kid, keys().get(0).getString("kid"), "newest first");
    }

    @Test
    void twoRotationsKeepEveryEarlierKeyPublished() {
        String first = AspServer.post(ROTATE, AspServer.asOperator()).json().getString("kid");
        String second = AspServer.post(ROTATE, AspServer.asOperator()).json().getString("kid");
        assertEquals("retired", key(first).getString("status"));
        assertEquals("active", key(second).getString("status"));
    }

    @Test
    void rotationWithoutTheOperatorTokenIsRefusedAndChangesNothing() {
        String before = active().getString("kid");
        List<String[]> refused = List.of(
                new String[] {},
                new String[] {"Authorization", "Bearer not-the-operator-token"},
                new String[] {"Authorization", "Bearer "},
                new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:" + AspServer.operatorToken()).getBytes())},
                new String[] {"Authorization", AspServer.operatorToken()});
        for (String[] headers : refused) {
            Reply reply = AspServer.post(ROTATE, headers);
            // no credential: unauthorized; a wrong or unusable one: invalid_token (RFC 6750 §3.1)
            assertProblem(reply, 401, headers.length == 0 ? "unauthorized" : "invalid_token");
            assertTrue(reply.header("WWW-Authenticate").orElse("").startsWith("Bearer"), reply::toString);
        }
        assertEquals(before, active().getString("kid"), "no key was rotated");
    }

    @Test
    void rotationIsPostOnly() {
        assertProblem(AspServer.get(ROTATE, AspServer.asOperator()), 405, "method-not-allowed");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        Reply reply = AspServer.post(ROTATE, "Authorization", "bearer " + AspServer.operatorToken());
        assertEquals(200, reply.status(), reply::toString);
    }
}
