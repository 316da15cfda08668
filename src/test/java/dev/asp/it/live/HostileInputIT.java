package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static dev.asp.it.support.ProblemAssertions.assertNoInternals;
import static dev.asp.it.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.IJson;
import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.AspServer;
import dev.asp.it.support.Reply;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestDatabase;
import dev.asp.it.support.TestSession;

/**
 * Issue 27 items 1, 3 and 4 through the running server (spec 10 as revised 2026-12-07): hostile
 * JSON, bytes, numbers and parameters are refused with the spec's code before anything is checked
 * or stored, no answer names an internal, and the server is healthy afterwards.
 */
class HostileInputIT {
    static String adminA;
    static String adminB;
    static String orgA;
    static String scimA;
    static TestAgent buyer;
    static TestAgent seller;

    @BeforeAll
    static void parties() {
        JsonObject a = newOrg(true);
        adminA = a.getString("adminApiKey");
        orgA = a.getString("id");
        scimA = a.getString("scimToken");
        adminB = newOrg(false).getString("adminApiKey");
        buyer = Live.agent(adminA);
        seller = Live.agent(adminB);
    }

    /** After every case: ready, and an ordinary signed message is still taken. */
    @AfterEach
    void serverStaysHealthy() {
        assertEquals(200, AspServer.get("/health/ready").status());
        TestSession s = Live.joined(buyer, seller);
        s.send(buyer, "QUERY", Live.question("still there?"), null).then().statusCode(201);
    }

    // ---- 27.1: one signed message, one meaning ----

    @Test
    void aDuplicatePerformativeIsRefusedBeforeTheSignatureIsLookedAt() {
        TestSession s = Live.joined(buyer, seller);
        String signed = s.envelope(buyer, "QUERY", Live.question("q"), null).toString();
        refusedAndNothingStored(s, "{\"performative\":\"INFORM\"," + signed.substring(1), 400, "malformed");
    }

    @Test
    void aDuplicateBodySenderOrInnerMemberIsRefused() {
        TestSession s = Live.joined(buyer, seller);
        String signed = s.envelope(buyer, "QUERY", Live.question("q"), null).toString();
        refusedAndNothingStored(s, "{\"body\":{\"question\":\"other\"}," + signed.substring(1), 400, "malformed");
        refusedAndNothingStored(s, "{\"sender\":\"" + seller.id + "\"," + signed.substring(1), 400, "malformed");
        String inner = s.envelope(buyer, "QUERY", TestSession.quoted("{'question':'q','a':2}"), null).toString();
        refusedAndNothingStored(s, inner.replace("\"a\":2", "\"a\":1,\"a\":2"), 400, "malformed");
    }

    @Test
    void aLoneSurrogateIsRefusedEscapedOrNot() {
        TestSession s = Live.joined(buyer, seller);
        String signed = s.envelope(buyer, "QUERY", TestSession.quoted("{'question':'?'}"), null).toString();
        refusedAndNothingStored(s, signed.replace("\"question\":\"?\"", "\"question\":\"\\ud800\""), 400, "malformed");
        byte[] raw = signed.replace("\"question\":\"?\"", "\"question\":\"#\"").getBytes(StandardCharsets.UTF_8);
        refusedAndNothingStored(s, replaced(raw, (byte) '#', new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "application/json", 400, "malformed");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        TestSession s = Live.joined(buyer, seller);
        byte[] raw = s.envelope(buyer, "QUERY", TestSession.quoted("{'question':'#'}"), null).toString().getBytes(StandardCharsets.UTF_8);
        refusedAndNothingStored(s, replaced(raw, (byte) '#', new byte[] {(byte) 0xFF}), "application/json", 400, "malformed");
        refusedAndNothingStored(s, replaced(raw, (byte) '#', new byte[] {(byte) 0xC0, (byte) 0xAF}), "application/json", 400, "malformed");
        byte[] latin = s.envelope(buyer, "QUERY", TestSession.quoted("{'question':'é'}"), null).toString().getBytes(StandardCharsets.ISO_8859_1);
        refusedAndNothingStored(s, latin, "application/json; charset=ISO-8859-1", 400, "malformed");
    }

    @Test
    void aSignatureWithNonZeroPadBitsIsRefused() {
        TestSession s = Live.joined(buyer, seller);
        JsonObject env = s.envelope(buyer, "QUERY", Live.question("q"), null);
        String sig = env.getString("signature"); // 64 bytes: 86 characters, the last carrying 4 pad bits
        char last = sig.charAt(sig.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String padded = sig.substring(0, sig.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
        refusedAndNothingStored(s, Jsonp.object(env).add("signature", padded).build().toString(), 422, "invalid-signature");
    }

    // ---- 27.3: nothing without credentials hurts the service ----

    @Test
    void deepNestingIsMalformedEverywhere() {
        String deep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        TestSession s = Live.joined(buyer, seller);
        refusedAndNothingStored(s, deep, 400, "malformed");
        assertProblem(signed(buyer, "POST", "/v1/asp/sessions", deep.getBytes(StandardCharsets.UTF_8), "application/json"), 400, "malformed");
        assertProblem(body("POST", "/v1/asp/orgs", deep, AspServer.asOperator()), 400, "malformed");
        assertProblem(body("POST", "/v1/asp/registry", deep, "Authorization", "Bearer " + adminA), 400, "malformed");
        assertProblem(body("POST", "/v1/asp/registry/search", deep), 400, "malformed");
        assertProblem(body("PUT", "/v1/asp/orgs/" + orgA + "/policy", deep, "Authorization", "Bearer " + adminA), 400, "malformed");
        assertProblem(body("POST", "/v1/asp/orgs/" + orgA + "/credits", deep, AspServer.asOperator()), 400, "malformed");
        Reply scim = AspServer.send(AspServer.request("/scim/v2/Users").header("Authorization", "Bearer " + scimA)
                .header("Content-Type", "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(deep)));
        assertEquals(400, scim.status(), scim::toString);
        assertNoInternals(scim);
    }

    @Test
    void aNumberBeyondDoubleRangeIsMalformed() {
        TestSession s = Live.joined(buyer, seller);
        String signed = s.envelope(buyer, "QUERY", TestSession.quoted("{'question':'q','n':7}"), null).toString();
        refusedAndNothingStored(s, signed.replace("\"n\":7", "\"n\":1e400"), 400, "malformed");
        assertProblem(body("POST", "/v1/asp/orgs", "{\"name\":\"n\",\"region\":\"eu-west\",\"n\":1e400}", AspServer.asOperator()), 400, "malformed");
    }

    @Test
    void aDpopProofWithAHeaderNestedFourThousandDeepIsACredentialRefusal() {
        String header = "{\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}";
        String proof = b64(header) + "." + b64("{}") + ".AAAA";
        Reply r = AspServer.get("/v1/asp/sessions", "Authorization", "DPoP " + buyer.accessToken, "DPoP", proof);
        assertProblem(r, 401, "invalid_dpop_proof");
        Reply token = AspServer.send(AspServer.request("/v1/asp/token").header("DPoP", proof).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertEquals(400, token.status(), token::toString);
        assertEquals("invalid_dpop_proof", token.json().getString("error"));
        assertNoInternals(token);
    }

    @Test
    void aSearchTakesAtMostThirtyTwoCapabilities() {
        var many = Jsonp.array();
        for (int i = 0; i < 2000; i++) {
            many.add("cap.c" + i);
        }
        assertProblem(body("POST", "/v1/asp/registry/search", Jsonp.object().add("capabilities", many).build().toString()), 400, "malformed");
        StringBuilder query = new StringBuilder("/v1/asp/registry?capability=cap.c0");
        for (int i = 1; i < 33; i++) {
            query.append("&capability=cap.c").append(i);
        }
        assertProblem(AspServer.get(query.toString()), 400, "malformed");
        assertEquals(200, AspServer.get(query.substring(0, query.lastIndexOf("&"))).status());
    }

    @Test
    void aBodyWithoutCredentialsIsNotReadBeyondSixtyFourKiB() throws Exception {
        // declared: refused before a byte of it is read
        String declared = raw("POST /v1/asp/orgs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 67108864\r\n\r\n",
                "{\"name\":\"" + "x".repeat(1000), 10);
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        // chunked, no length: refused once 64 KiB are read
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            chunks.append("1000\r\n").append("x".repeat(4096)).append("\r\n");
        }
        String chunked = raw("POST /v1/asp/orgs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunks + "0\r\n\r\n", 10);
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
        assertFalse(chunked.contains("Exception"), chunked);
    }

    @Test
    void aStalledBodyIsAnswered408WithinThirtySeconds() throws Exception {
        long start = System.nanoTime();
        String answer = raw("POST /v1/asp/registry/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n",
                "{\"capabilities\":", 40);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(answer.contains("request-timeout"), answer);
        assertTrue(seconds <= 30, "answered after " + seconds + " s");
        assertFalse(answer.contains("Exception"), answer);
    }

    // ---- 27.4: numbers and parameters ----

    @Test
    void aDpopIatOfNowPlusTwoToTheSixtyFourIsRefused() {
        String path = "/v1/asp/sessions";
        BigInteger iat = BigInteger.valueOf(Instant.now().getEpochSecond()).add(BigInteger.TWO.pow(64));
        JsonObject header = Jsonp.object().add("typ", "dpop+jwt").add("alg", "EdDSA").add("jwk", buyer.jwk.toJson()).build();
        JsonObject claims = Jsonp.object().add("jti", UUID.randomUUID().toString()).add("htm", "GET").add("htu", BASE + path).add("iat", iat)
                .add("ath", dev.asp.domain.shared.Digests.sha256Base64Url(buyer.accessToken.getBytes(StandardCharsets.US_ASCII))).build();
        Reply r = AspServer.get(path, "Authorization", "DPoP " + buyer.accessToken, "DPoP", TestAgent.jws(header, claims, buyer.seed));
        assertProblem(r, 401, "invalid_dpop_proof");
    }

    @Test
    void aClientAssertionExpiringAfterTwoToTheSixtyFourObtainsNoToken() {
        String url = BASE + "/v1/asp/token";
        BigInteger exp = BigInteger.valueOf(Instant.now().getEpochSecond() + 120).add(BigInteger.TWO.pow(64));
        JsonObject header = Jsonp.object().add("alg", "EdDSA").add("kid", buyer.kid()).build();
        JsonObject claims = Jsonp.object().add("iss", buyer.id).add("sub", buyer.id).add("aud", url).add("jti", UUID.randomUUID().toString())
                .add("exp", exp).build();
        String form = "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=" + TestAgent.jws(header, claims, buyer.seed);
        Reply r = AspServer.send(AspServer.request("/v1/asp/token").header("DPoP", buyer.proof("POST", url, null))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(401, r.status(), r::toString);
        assertEquals("invalid_client", r.json().getString("error"));
    }

    @Test
    void pageParametersThatAreNotTheirIntegersAreMalformedNotMissing() {
        TestSession s = Live.joined(buyer, seller);
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        for (String query : new String[] {"after=abc", "after=1e3", "after=-1", "limit=abc", "limit=99999999999", "after=18446744073709551617"}) {
            Reply r = AspServer.get(path + "?" + query, "Authorization", "DPoP " + buyer.accessToken, "DPoP", buyer.proof("GET", BASE + path, buyer.accessToken));
            assertProblem(r, 400, "malformed");
        }
    }

    @Test
    void htmIsComparedCaseSensitively() {
        String path = "/v1/asp/sessions";
        Reply r = AspServer.get(path, "Authorization", "DPoP " + buyer.accessToken, "DPoP", buyer.proof("get", BASE + path, buyer.accessToken));
        assertProblem(r, 401, "invalid_dpop_proof");
    }

    // ---- WebSocket frames: the same reader ----

    @Test
    void aSocketRefusesHostileFramesAndStaysUsable() throws Exception {
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            c.socket.sendText("{\"type\":\"subscribe\",\"sessionId\":\"" + s.id + "\",\"after\":18446744073709551617}", true).join();
            assertEquals("malformed", c.expect("error", 30).getJsonObject("problem").getString("code"));

            String signed = s.envelope(buyer, "QUERY", Live.question("q"), null).toString();
            c.socket.sendText("{\"type\":\"send\",\"envelope\":{\"performative\":\"INFORM\"," + signed.substring(1) + "}", true).join();
            assertEquals("malformed", c.expect("error", 30).getJsonObject("problem").getString("code"));
            c.socket.sendText("{\"type\":\"send\",\"envelope\":" + signed.replace("\"question\":\"q\"", "\"question\":\"\\ud800\"") + "}", true).join();
            assertEquals("malformed", c.expect("error", 30).getJsonObject("problem").getString("code"));
            c.socket.sendText("{\"type\":\"send\",\"type\":\"subscribe\",\"envelope\":" + signed + "}", true).join();
            assertEquals("malformed", c.expect("error", 30).getJsonObject("problem").getString("code"));
            c.socket.sendText("{\"type\":\"send\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}", true).join();
            JsonObject deep = c.expect("error", 30);
            assertEquals("malformed", deep.getJsonObject("problem").getString("code"));
            assertFalse(deep.toString().contains("Exception"), deep::toString);

            long before = s.headSeq;
            s.refresh(buyer);
            assertEquals(before, s.headSeq, "nothing stored from a hostile frame");
            c.subscribe(s.id, 0);
            c.expect("subscribed", 30);
        }
    }

    // ---- what is stored ----

    @Test
    void noStoredEnvelopeHoldsADuplicateOrALoneSurrogate() throws Exception {
        try (Connection db = TestDatabase.connect()) {
            if (db == null) {
                return; // the embedded database is the server's own file; the PostgreSQL run reads the rows
            }
            try (ResultSet rows = db.createStatement().executeQuery("select envelope from messages")) {
                int read = 0;
                while (rows.next()) {
                    IJson.object(rows.getString(1)); // throws on a duplicate, a lone surrogate, depth or range
                    read++;
                }
                assertTrue(read > 0, "the suite stored messages");
            }
        }
    }

    private static void refusedAndNothingStored(TestSession s, String body, int status, String code) {
        refusedAndNothingStored(s, body.getBytes(StandardCharsets.UTF_8), "application/json", status, code);
    }

    private static void refusedAndNothingStored(TestSession s, byte[] body, String contentType, int status, String code) {
        long head = s.headSeq;
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        assertProblem(signed(buyer, "POST", path, body, contentType), status, code);
        s.refresh(buyer);
        assertEquals(head, s.headSeq, "nothing stored");
    }

    private static Reply signed(TestAgent agent, String method, String path, byte[] body, String contentType) {
        return AspServer.send(AspServer.request(path).header("Content-Type", contentType).header("Authorization", "DPoP " + agent.accessToken)
                .header("DPoP", agent.proof(method, BASE + path, agent.accessToken)).method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Reply body(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = AspServer.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return AspServer.send(b);
    }

    /** {@code raw} with its first {@code marker} byte replaced by {@code with}. */
    private static byte[] replaced(byte[] raw, byte marker, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done = false;
        for (byte b : raw) {
            if (b == marker && !done) {
                out.writeBytes(with);
                done = true;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Writes a request by hand (a body that ends early or never) and answers the status line and what followed, up to {@code seconds}. */
    private static String raw(String head, String body, int seconds) throws Exception {
        URI base = URI.create(BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(seconds * 1000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before it has all of a body it refused
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0 && !answer.toString(StandardCharsets.UTF_8).contains("\"code\"");) {
                    answer.write(buf, 0, n);
                }
            } catch (java.io.IOException endedOrTimedOut) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
