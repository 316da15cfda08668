package dev.asp.it.live;

import static dev.asp.it.support.Asp.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;
import dev.asp.it.support.TestAgent;
import dev.asp.it.support.TestSession;

/** Spec 4.7/6.2: a session's close changes its participants' trust, and its subscribers hear of it as an {@code event}. */
class LiveTrustIT {
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    @Test
    void aCloseIsFollowedByATrustEventForEachParticipant() throws Exception {
        TestAgent buyer = Live.agent(adminA);
        TestAgent seller = Live.agent(adminB);
        TestSession s = Live.joined(buyer, seller);
        try (SseClient sse = SseClient.open(BASE, buyer, s.id, null, null)) {
            sse.messages(3, 30);
            s.send(buyer, "CLOSE", Jsonp.object().add("outcome", "cancelled").add("ratings", Jsonp.object().add(seller.id, 4)).build(), null)
                    .then().statusCode(201);
            JsonObject first = sse.event("trust", 30);
            assertEquals(s.id, first.getString("sessionId"));
            assertEquals("session", first.getJsonObject("cause").getString("type"));
            assertFalse(first.containsKey("seq"), "a trust update does not move the transcript");
            assertEquals("infrastructure", first.getString("level"));
        }
        String path = "/v1/asp/trust/" + seller.id + "/history";
        var events = json(as(buyer, "GET", path).get(path)).getJsonArray("events").getValuesAs(JsonObject.class);
        assertTrue(events.stream().anyMatch(e -> e.getJsonObject("cause").getString("type").equals("rating")), events.toString());
    }
}
