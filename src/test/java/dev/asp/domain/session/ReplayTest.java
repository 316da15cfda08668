package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A session whose snapshot is older than its head (group commits write one every few seqs) is
 * loaded by replaying the messages after it: the result is the negotiation the messages made.
 */
class ReplayTest {
    private static Envelope sent(Talk t, List<Envelope> log, String sender, String performative, jakarta.json.JsonObject body, Long replyTo) {
        Envelope e = t.envelope(sender, performative, body, replyTo, List.of());
        t.keep(t.n.decide(e));
        log.add(e);
        return e;
    }

    @Test
    void anOldSnapshotAndTheMessagesAfterItMakeTheSameNegotiation() {
        Talk t = Talk.invite("agt_buyer", json("{'tokenBudget':25000}"), "agt_buyer", "buyer", "agt_seller", "seller").allJoin();
        Negotiation snapshot = Negotiation.fromJson(t.n.toJson());
        List<Envelope> after = new ArrayList<>();
        long first = sent(t, after, "agt_buyer", "PROPOSE", terms("2.40", 1000), null).seq();
        long counter = sent(t, after, "agt_seller", "COUNTER", terms("2.80", 1000), first).seq();
        sent(t, after, "agt_buyer", "QUERY", json("{'question':'delivery by when?'}"), counter);
        long proposal = sent(t, after, "agt_buyer", "PROPOSE", terms("2.55", 1000), null).seq();
        sent(t, after, "agt_seller", "ACCEPT", json("{'note':'deal'}"), proposal);

        Negotiation replayed = snapshot;
        for (Envelope e : after) {
            replayed = replayed.replay(e);
        }
        assertEquals(t.n, replayed);
        assertEquals(t.n.toJson(), replayed.toJson());
        assertEquals(SessionState.AGREED, replayed.state());
    }

    @Test
    void aMessageThatBroughtSystemMessagesIsNotReplayed() {
        Talk t = Talk.invite("agt_buyer", "agt_buyer", "buyer", "agt_seller", "seller");
        Negotiation beforeJoin = t.n;
        Envelope join = t.envelope("agt_seller", "ACCEPT", json("{'note':'joining'}"), 1L, List.of());
        assertEquals(false, beforeJoin.decide(join).systemMessages().isEmpty(), "the last join brings the service's introduction");
        assertThrows(IllegalStateException.class, () -> beforeJoin.replay(join));
    }

    @Test
    void aMessageTheNegotiationRefusesDoesNotReplay() {
        Talk t = Talk.invite("agt_buyer", "agt_buyer", "buyer", "agt_seller", "seller").allJoin();
        Envelope accept = t.envelope("agt_seller", "ACCEPT", json("{'note':'nothing is open'}"), 3L, List.of());
        assertThrows(IllegalStateException.class, () -> t.n.replay(accept));
    }
}
