package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.Jsonp;

class AnnouncementTest {

    private static JsonObject state(String to) {
        return Jsonp.object().add("type", "event").add("sessionId", "ses_1").add("event", "state").add("state", to).add("seq", 3).build();
    }

    @Test
    void roundTripsThroughThePayload() {
        Announcement a = new Announcement("srv-1", "ses_1", 2, 3, List.of(state("CONVERSING")));
        Announcement back = Announcement.decode(a.encode());
        assertEquals(a, back);
        assertEquals(List.of(new Frame.Event("ses_1", state("CONVERSING"))), back.eventFrames());
    }

    @Test
    void eventsThatWouldNotFitAreLeftOut() {
        List<JsonObject> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(state("CONVERSING"));
        }
        String payload = new Announcement("srv-1", "ses_1", 2, 3, many).encode();
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < 8000, "PostgreSQL refuses payloads of 8000 bytes");
        Announcement back = Announcement.decode(payload);
        assertEquals(2, back.first());
        assertEquals(3, back.last());
        assertTrue(back.events().isEmpty());
    }

    @Test
    void aServerTellsItsOwnAnnouncementsWithoutParsingThem() {
        String payload = new Announcement("srv-1", "ses_1", 2, 3, List.of(state("CONVERSING"))).encode();
        assertTrue(Announcement.isFrom("srv-1", payload));
        assertFalse(Announcement.isFrom("srv-", payload));
        assertFalse(Announcement.isFrom("srv-2", payload));
    }

    @Test
    void foreignPayloadsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Announcement.decode("ses_1:3"));
        assertThrows(IllegalArgumentException.class, () -> Announcement.decode("{\"o\":\"x\",\"s\":\"ses_1\"}"));
        assertThrows(IllegalArgumentException.class, () -> Announcement.decode("{\"o\":\"x\",\"s\":\"ses_1\",\"f\":3,\"l\":2}"));
    }
}
