package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;

/** Spec 4.8 through the running server: /v1/asp/ws authentication, multiplexing, send and push. */
class LiveSocketIT {
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    @Test
    void upgradeHeadersAuthenticateWithEitherFormOfTheUrl() throws Exception {
        TestAgent agent = Live.agent(adminA);
        try (SocketClient http = SocketClient.withHeaders(BASE, agent, BASE + "/v1/asp/ws")) {
            assertEquals(agent.id, http.expect("authenticated", 30).getString("agent"));
        }
        try (SocketClient ws = SocketClient.withHeaders(BASE, agent, SocketClient.wsBase(BASE) + "/v1/asp/ws")) {
            assertEquals(agent.id, ws.expect("authenticated", 30).getString("agent"));
        }
    }

    @Test
    void aFirstAuthFrameAuthenticatesABrowser() throws Exception {
        TestAgent agent = Live.agent(adminA);
        try (SocketClient c = SocketClient.anonymous(BASE)) {
            c.send(Jsonp.object().add("type", "auth").add("token", agent.accessToken)
                    .add("dpop", agent.proof("GET", SocketClient.wsBase(BASE) + "/v1/asp/ws", agent.accessToken)).build());
            assertEquals(agent.id, c.expect("authenticated", 30).getString("agent"));
        }
    }

    @Test
    void anyOtherFrameBeforeAuthenticationCloses1008() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.anonymous(BASE)) {
            c.subscribe(s.id, 0);
            assertEquals(1008, c.closed.get(30, TimeUnit.SECONDS).code());
            assertNull(c.next(1), "nothing of the session was sent");
        }
    }

    @Test
    void aBadProofIsAnsweredWithAProblemAnd1008() throws Exception {
        TestAgent agent = Live.agent(adminA);
        try (SocketClient c = SocketClient.withHeaders(BASE, agent, BASE + "/v1/asp/elsewhere")) {
            JsonObject error = c.expect("error", 30);
            assertEquals("invalid_dpop_proof", error.getJsonObject("problem").getString("code"));
            assertEquals(401, error.getJsonObject("problem").getInt("status"));
            assertEquals(1008, c.closed.get(30, TimeUnit.SECONDS).code());
        }
    }

    @Test
    void oneConnectionFollowsAHundredSessionsAndRefusesTheHundredAndFirst() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            TestSession s = new TestSession();
            s.open(buyer, "multiplex " + i, null, buyer, "buyer", seller, "seller").then().statusCode(201);
            ids.add(s.id);
        }
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            for (String id : ids.subList(0, 100)) {
                c.subscribe(id, 0);
            }
            c.subscribe(ids.get(100), 0);
            Set<String> invites = new HashSet<>();
            int subscribed = 0;
            JsonObject refused = null;
            while (invites.size() < 100 || subscribed < 100 || refused == null) {
                JsonObject f = c.next(60);
                assertNotNull(f, "got " + subscribed + " subscribed, " + invites.size() + " INVITEs, refused " + refused);
                switch (f.getString("type")) {
                    case "subscribed" -> subscribed++;
                    case "message" -> {
                        assertEquals(1, f.getJsonObject("envelope").getInt("seq"));
                        invites.add(f.getString("sessionId"));
                    }
                    case "error" -> refused = f;
                    default -> fail("unexpected frame " + f);
                }
            }
            assertEquals(Set.copyOf(ids.subList(0, 100)), invites);
            assertEquals(ids.get(100), refused.getString("sessionId"));
            assertEquals("not-allowed", refused.getJsonObject("problem").getString("code"));
        }
    }

    @Test
    void aSendIsAcknowledgedAndPushedToAnotherSubscriber() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient watcher = SocketClient.authenticated(BASE, seller); SocketClient sender = SocketClient.authenticated(BASE, buyer)) {
            watcher.subscribe(s.id, 3);
            watcher.expect("subscribed", 30);
            JsonObject envelope = s.envelope(buyer, "PROPOSE", TestSession.terms("GPU hours", 10, "2.50", "25.00", "hour"), null);
            sender.send(Jsonp.object().add("type", "send").add("envelope", envelope).build());
            JsonObject ack = sender.expect("ack", 30);
            assertEquals(envelope.getString("id"), ack.getString("id"));
            assertEquals(4, ack.getInt("seq"));
            assertEquals(envelope.getString("hash"), ack.getString("hash"));

            JsonObject pushed = watcher.expect("message", 30);
            assertEquals(s.id, pushed.getString("sessionId"));
            assertEquals(envelope, pushed.getJsonObject("envelope"), "the envelope exactly as signed");
            JsonObject opened = watcher.expect(f -> "event".equals(f.getString("type")) && "proposal-opened".equals(f.getString("event")),
                    "proposal-opened event", 30);
            assertEquals(4, opened.getInt("proposal"));
            assertEquals(buyer.id, opened.getString("by"));
        }
    }

    /** A client may send a session's chain without waiting: each send starts once the one before it is stored. */
    @Test
    void aChainSentWithoutWaitingIsStoredAndAcknowledgedInOrder() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        List<JsonObject> chain = new ArrayList<>();
        String prev = s.headHash;
        for (long seq = 4; seq < 14; seq++) {
            JsonObject e = buyer.seal(s.unsigned(buyer.id, "QUERY", Live.question("part " + seq), null, seq, prev));
            chain.add(e);
            prev = e.getString("hash");
        }
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            chain.forEach(e -> c.send(Jsonp.object().add("type", "send").add("envelope", e).build()));
            for (JsonObject e : chain) {
                JsonObject ack = c.expect(f -> !"message".equals(f.getString("type")) && !"event".equals(f.getString("type")), "ack or error", 30);
                assertEquals("ack", ack.getString("type"), ack.toString());
                assertEquals(e.getString("id"), ack.getString("id"));
                assertEquals(e.getJsonNumber("seq").longValue(), ack.getJsonNumber("seq").longValue());
            }
        }
        s.refresh(buyer);
        assertEquals(13, s.headSeq);
        assertEquals(prev, s.headHash);
    }

    /** Two sends built on one head, from two connections at once: one is stored, the other told the new head. */
    @Test
    void twoConnectionsRacingForOneHeadGetOneAckAndOneStaleHead() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient b = SocketClient.authenticated(BASE, buyer); SocketClient c = SocketClient.authenticated(BASE, seller)) {
            for (int round = 0; round < 10; round++) {
                JsonObject fromBuyer = s.envelope(buyer, "QUERY", Live.question("buyer " + round), null);
                JsonObject fromSeller = s.envelope(seller, "QUERY", Live.question("seller " + round), null);
                CompletableFuture.allOf(CompletableFuture.runAsync(() -> b.send(send(fromBuyer))),
                        CompletableFuture.runAsync(() -> c.send(send(fromSeller)))).join();
                JsonObject toBuyer = b.expect(f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")), "answer", 30);
                JsonObject toSeller = c.expect(f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")), "answer", 30);
                assertEquals(Set.of("ack", "error"), Set.of(toBuyer.getString("type"), toSeller.getString("type")), toBuyer + " " + toSeller);
                JsonObject ack = "ack".equals(toBuyer.getString("type")) ? toBuyer : toSeller;
                JsonObject problem = ("error".equals(toBuyer.getString("type")) ? toBuyer : toSeller).getJsonObject("problem");
                assertEquals("stale-head", problem.getString("code"));
                assertEquals(ack.getJsonNumber("seq").longValue(), problem.getJsonObject("head").getJsonNumber("seq").longValue());
                assertEquals(ack.getString("hash"), problem.getJsonObject("head").getString("hash"));
                s.refresh(buyer);
                assertEquals(ack.getJsonNumber("seq").longValue(), s.headSeq, "one stored, the other not");
            }
        }
    }

    private static JsonObject send(JsonObject envelope) {
        return Jsonp.object().add("type", "send").add("envelope", envelope).build();
    }

    /** Spec 4.7's heartbeat on a WebSocket: a ping after 15 s without frames, and the connection stays open. */
    @Test
    void aQuietConnectionIsPingedAndStaysOpen() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            c.subscribe(s.id, 3);
            c.expect("subscribed", 30);
            long start = System.nanoTime();
            long pinged = c.firstPing.get(25, TimeUnit.SECONDS);
            long waited = TimeUnit.NANOSECONDS.toSeconds(pinged - start);
            assertTrue(waited >= 13, "not before the 15 s of silence (waited " + waited + " s)");
            long asked = Live.ask(s, seller, "still there after the ping?");
            assertEquals(List.of(asked), c.messageSeqs(s.id, 1, 30));
            assertFalse(c.closed.isDone(), "the ping did not end the connection");
        }
    }

    @Test
    void aRefusedSendGetsTheProblemTheRestApiWouldAnswer() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, buyer)) {
            JsonObject stale = buyer.seal(s.unsigned(buyer.id, "QUERY", Live.question("old head?"), null, 2, s.headHash));
            c.send(Jsonp.object().add("type", "send").add("envelope", stale).build());
            JsonObject error = c.expect("error", 30);
            assertEquals(stale.getString("id"), error.getString("id"));
            assertEquals("stale-head", error.getJsonObject("problem").getString("code"));
            assertEquals(3, error.getJsonObject("problem").getJsonObject("head").getInt("seq"));

            // over 64 KiB in UTF-8 though well under it in chars (22,000 three-byte characters)
            JsonObject big = s.envelope(buyer, "QUERY", Live.question("\u20ac".repeat(22_000)), null);
            c.send(Jsonp.object().add("type", "send").add("envelope", big).build());
            JsonObject tooLarge = c.expect("error", 30);
            assertEquals(big.getString("id"), tooLarge.getString("id"));
            assertEquals("payload-too-large", tooLarge.getJsonObject("problem").getString("code"));
            assertEquals(413, tooLarge.getJsonObject("problem").getInt("status"));
        }
        s.refresh(buyer);
        assertEquals(3, s.headSeq, "nothing stored");
    }

    @Test
    void aSubscribeToAnUnreadableSessionIsRefused() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestAgent outsider = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SocketClient c = SocketClient.authenticated(BASE, outsider)) {
            c.subscribe(s.id, 0);
            JsonObject error = c.expect("error", 30);
            assertEquals(s.id, error.getString("sessionId"));
            assertEquals("not-found", error.getJsonObject("problem").getString("code"));
            c.subscribe("ses_doesnotexist", 0);
            assertEquals("not-found", c.expect("error", 30).getJsonObject("problem").getString("code"));
        }
    }

    @Test
    void aClientReconnectingWithItsLastSeqMissesNothing() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        long last;
        try (SocketClient c = SocketClient.authenticated(BASE, seller)) {
            c.subscribe(s.id, 0);
            List<Long> seqs = c.messageSeqs(s.id, 3, 30);
            assertEquals(List.of(1L, 2L, 3L), seqs);
            last = seqs.get(2);
        }
        long a = Live.ask(s, buyer, "gone? (1)");
        long b = Live.ask(s, buyer, "gone? (2)");
        try (SocketClient c = SocketClient.authenticated(BASE, seller)) {
            c.subscribe(s.id, last);
            assertEquals(List.of(a, b), c.messageSeqs(s.id, 2, 30));
            long live = Live.ask(s, buyer, "back!");
            assertEquals(List.of(live), c.messageSeqs(s.id, 1, 30));
            assertNull(nonEvent(c), "no duplicate after the live message");
        }
    }

    private static JsonObject nonEvent(SocketClient c) throws InterruptedException {
        for (JsonObject f = c.next(1); f != null; f = c.next(1)) {
            if (!"event".equals(f.getString("type"))) {
                return f;
            }
        }
        return null;
    }

    @Test
    void killedSubscriberConnectionsLeaveTheServerHealthy() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        // raw TCP subscribers killed mid-stream with a reset: one WebSocket, one SSE stream
        for (int i = 0; i < 3; i++) {
            killAfterUpgrade(seller);
            killSseStream(seller, s);
        }
        try (SocketClient alive = SocketClient.authenticated(BASE, seller)) {
            alive.subscribe(s.id, 3);
            alive.expect("subscribed", 30);
            long asked = Live.ask(s, buyer, "still serving?");
            assertEquals(List.of(asked), alive.messageSeqs(s.id, 1, 30));
        }
        io.restassured.RestAssured.given().baseUri(BASE).get("/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    /** Opens a WebSocket by hand, subscribes, and resets the TCP connection without a close frame. */
    private static void killAfterUpgrade(TestAgent agent) throws Exception {
        try (Socket socket = new Socket()) {
            upgradeByHand(socket, agent);
            socket.setSoLinger(true, 0); // close() now sends RST: the peer vanished
        }
    }

    /**
     * A client that subscribes and then stops reading: the server must neither wait for it nor
     * hold its frames without bound. Publishing goes on at full speed, and the connection is
     * closed once its mailbox overflows, even with its TCP window shut.
     */
    @Test
    void aSubscriberThatStopsReadingIsDroppedAndNobodyWaitsForIt() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (Socket stalled = new Socket(); SocketClient alive = SocketClient.authenticated(BASE, seller)) {
            stalled.setReceiveBufferSize(4096);
            upgradeByHand(stalled, seller);
            String subscribe = "{\"type\":\"subscribe\",\"sessionId\":\"" + s.id + "\",\"after\":3}";
            stalled.getOutputStream().write(maskedTextFrame(subscribe));
            stalled.getOutputStream().flush();
            alive.subscribe(s.id, 3);
            alive.expect("subscribed", 30);
            // more than the socket buffers plus the mailbox (256 frames) hold
            String bulk = "x".repeat(30_000);
            long slowest = 0;
            for (int i = 0; i < 600; i++) {
                long start = System.nanoTime();
                Live.ask(s, buyer, i + " " + bulk);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest) < 10_000, "a send waited " + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
            List<Long> seqs = alive.messageSeqs(s.id, 600, 60);
            assertEquals(603, seqs.get(seqs.size() - 1));
            // the stalled socket was closed by the server: reading it now ends (what it buffered, then EOF)
            stalled.setSoTimeout(60_000);
            InputStream in = stalled.getInputStream();
            byte[] sink = new byte[1 << 16];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline) {
                ended = in.read(sink) < 0;
            }
            assertTrue(ended, "the server kept the stalled connection open");
        }
        io.restassured.RestAssured.given().baseUri(BASE).get("/health/ready").then().statusCode(200);
    }

    private static void upgradeByHand(Socket socket, TestAgent agent) throws Exception {
        URI base = URI.create(BASE);
        socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String upgrade = "GET /v1/asp/ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Authorization: DPoP " + agent.accessToken + "\r\n"
                + "DPoP: " + agent.proof("GET", BASE + "/v1/asp/ws", agent.accessToken) + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = readLine(in);
        assertTrue(status.contains(" 101"), status);
        while (!readLine(in).isEmpty()) {
            // the rest of the upgrade answer's headers
        }
    }

    /** RFC 6455 §5.2: a client's frames are masked; a short text frame (payload under 126 bytes or 16-bit length). */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static void killSseStream(TestAgent agent, TestSession s) throws Exception {
        URI base = URI.create(BASE);
        String path = "/v1/asp/sessions/" + s.id + "/messages";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: DPoP " + agent.accessToken + "\r\n"
                    + "DPoP: " + agent.proof("GET", BASE + path, agent.accessToken) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = readLine(socket.getInputStream());
            assertTrue(status.contains(" 200"), status);
            socket.setSoLinger(true, 0);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            b.append((char) c);
        }
        return b.toString().trim();
    }
}
