package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;
import io.restassured.response.Response;

/** Spec 4.7 through the running server: the SSE form of a transcript, and long-polling on the JSON form. */
class LiveStreamIT {
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    private static String messagesPath(TestSession s) {
        return "/v1/asp/sessions/" + s.id + "/messages";
    }

    @Test
    void streamReplaysTheTranscriptThenDeliversLiveWithEvents() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = new TestSession();
        s.open(buyer, "stream", null, buyer, "buyer", seller, "seller").then().statusCode(201);
        try (SseClient sse = SseClient.open(BASE, buyer, s.id, null, null)) {
            assertEquals(200, sse.status);
            assertTrue(sse.contentType.startsWith("text/event-stream"), sse.contentType);
            SseClient.Event invite = sse.messages(1, 30).get(0);
            assertEquals("1", invite.id());
            s.send(seller, "ACCEPT", Live.note("joining"), 1L).then().statusCode(201);
            List<SseClient.Event> live = sse.messages(2, 30);
            assertEquals(List.of("2", "3"), live.stream().map(SseClient.Event::id).toList());
            JsonObject state = sse.event("state", 30);
            assertEquals("CONVERSING", state.getString("state"));
            assertEquals("INVITED", state.getString("from"));
            assertEquals(s.id, state.getString("sessionId"));
            assertEquals(3, state.getInt("seq"));

            // the data is the envelope exactly as stored: byte for byte what the JSON page serves
            Response page = as(buyer, "GET", messagesPath(s)).get(messagesPath(s));
            JsonObject stored = json(page).getJsonArray("messages").getJsonObject(1).getJsonObject("envelope");
            assertEquals(stored, live.get(0).json());
            assertEquals(stored.getString("hash"), live.get(0).json().getString("hash"));
        }
    }

    @Test
    void noMessageIsLostAcrossAReconnectWithLastEventId() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String last;
        try (SseClient sse = SseClient.open(BASE, seller, s.id, null, 0L)) {
            last = sse.messages(3, 30).get(2).id();
        }
        assertEquals("3", last);
        long a = Live.ask(s, buyer, "while you were away (1)");
        long b = Live.ask(s, buyer, "while you were away (2)");
        try (SseClient sse = SseClient.open(BASE, seller, s.id, last, 0L)) {
            assertEquals(List.of(Long.toString(a), Long.toString(b)), sse.messages(2, 30).stream().map(SseClient.Event::id).toList());
            long c = Live.ask(s, buyer, "and now live");
            SseClient.Event next = sse.messages(1, 30).get(0);
            assertEquals(Long.toString(c), next.id(), "live after the replay, nothing twice");
        }
    }

    @Test
    void afterParameterStartsTheReplay() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SseClient sse = SseClient.open(BASE, buyer, s.id, null, 2L)) {
            assertEquals("3", sse.messages(1, 30).get(0).id());
        }
    }

    @Test
    void aStreamOnAClosedSessionEndsAfterItsReplay() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        s.send(buyer, "CLOSE", Jsonp.object().add("outcome", "cancelled").build(), null).then().statusCode(201);
        try (SseClient sse = SseClient.open(BASE, seller, s.id, "3", null)) {
            assertEquals("4", sse.messages(1, 30).get(0).id());
            assertEquals("the session is closed", sse.event("end", 30).getString("reason"));
            sse.ended.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void heartbeatCommentsKeepAQuietStreamOpen() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SseClient sse = SseClient.open(BASE, buyer, s.id, "3", null)) {
            SseClient.Event opened = sse.next(10);
            assertTrue(opened != null && opened.comment(), "the stream opens with a comment, committing the response: " + opened);
            long start = System.nanoTime();
            SseClient.Event e = sse.next(25);
            assertNotNull(e, "a heartbeat within 15 s (+ sweep and load) of silence");
            assertTrue(e.comment(), "the first thing on a quiet stream is a heartbeat comment: " + e);
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(waited >= 13, "not before the 15 s of silence (waited " + waited + " s)");
        }
    }

    @Test
    void readersOnlyAndBadResumePointsAreRefused() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestAgent outsider = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SseClient sse = SseClient.open(BASE, outsider, s.id, null, null)) {
            assertEquals(404, sse.status);
        }
        try (SseClient sse = SseClient.open(BASE, buyer, s.id, "three", null)) {
            assertEquals(400, sse.status);
        }
    }

    @Test
    void theJsonPageStaysTheDefault() {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        Response r = as(buyer, "GET", messagesPath(s)).get(messagesPath(s));
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(3, json(r).getJsonArray("messages").size());
    }

    @Test
    void longPollAnswersAsSoonAsAMessageArrives() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = messagesPath(s);
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path + "?after=3&wait=25"))
                .header("Authorization", "DPoP " + seller.accessToken)
                .header("DPoP", seller.proof("GET", BASE + path, seller.accessToken)).GET().build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> polled = SseClient.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1500);
        assertFalse(polled.isDone(), "nothing after seq 3 yet: the request waits");
        long asked = Live.ask(s, buyer, "are you there?");
        HttpResponse<String> r = polled.get(20, TimeUnit.SECONDS);
        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(200, r.statusCode());
        JsonObject page = Jsonp.parse(r.body());
        assertEquals(1, page.getJsonArray("messages").size());
        assertEquals(asked, page.getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue());
        assertTrue(took < 20, "answered when the message arrived, not at the end of the wait (" + took + " s)");
    }

    @Test
    void longPollAnswersAnEmptyPageWhenTheWaitEnds() {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = messagesPath(s);
        long start = System.nanoTime();
        Response r = as(buyer, "GET", path).queryParam("after", 3).queryParam("wait", 2).get(path);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, r.statusCode());
        assertEquals(0, json(r).getJsonArray("messages").size());
        assertTrue(json(r).isNull("next"));
        assertTrue(tookMillis >= 1900, "waited the 2 s (" + tookMillis + " ms)");
    }

    @Test
    void longPollWithMessagesAlreadyThereAnswersAtOnce() {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = messagesPath(s);
        long start = System.nanoTime();
        Response r = as(buyer, "GET", path).queryParam("after", 1).queryParam("wait", 30).get(path);
        assertEquals(200, r.statusCode());
        assertEquals(2, json(r).getJsonArray("messages").size());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10);
    }

    @Test
    void waitsBeyondThirtySecondsAreMalformed() {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        String path = messagesPath(s);
        for (String wait : List.of("31", "-1", "soon")) {
            Response r = as(buyer, "GET", path).queryParam("wait", wait).get(path);
            assertEquals(400, r.statusCode(), wait);
            assertEquals("malformed", json(r).getString("code"), wait);
        }
    }
}
