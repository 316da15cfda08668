package dev.asp.infrastructure.persistence.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Talk;

/**
 * Loading a session from its snapshot and the rows after it ({@link TranscriptStore#replayed}):
 * when the row's head and the stored messages agree, the negotiation they make; when they do not
 * (a database that lost part of a commit, docs/durability.md), what is stored, logged once, and a
 * head the next append's compare-and-set can still move.
 */
class TranscriptStoreReplayTest {
    private final TranscriptStore store = new TranscriptStore();
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel() == Level.WARNING) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Talk talk;
    private Negotiation snapshot;
    private final List<MessageRecord> rows = new ArrayList<>();

    @BeforeEach
    void sessionWithAnOldSnapshot() {
        Logger.getLogger(TranscriptStore.class.getName()).addHandler(capture);
        talk = Talk.invite("agt_buyer", "agt_buyer", "buyer", "agt_seller", "seller").allJoin();
        snapshot = talk.n;
        for (int i = 0; i < 5; i++) {
            Envelope e = talk.envelope(i % 2 == 0 ? "agt_buyer" : "agt_seller", "QUERY", json("{'question':'number " + i + "'}"), null, List.of());
            talk.keep(talk.n.decide(e));
            rows.add(new MessageRecord(e.sessionId(), e.seq(), e.id(), e.sender(), e.performative().name(), e.json().toString(), e.hash(), "kid",
                    "{}", Instant.EPOCH));
        }
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(TranscriptStore.class.getName()).removeHandler(capture);
    }

    @Test
    void aHeadAndItsRowsThatAgreeReplayToTheHead() {
        TranscriptStore.Loaded loaded = store.replayed(snapshot, talk.n.head().seq(), this::after);
        assertEquals(talk.n, loaded.negotiation());
        assertEquals(talk.n.head().seq(), loaded.headSeq());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aHeadAheadOfItsRowsAnswersWhatIsStoredAndIsLoggedOnce() {
        long head = talk.n.head().seq();
        rows.remove(rows.size() - 1); // the head's own row is lost
        for (int load = 0; load < 3; load++) {
            TranscriptStore.Loaded loaded = store.replayed(snapshot, head, this::after);
            assertEquals(head - 1, loaded.negotiation().head().seq(), "what the stored messages make");
            assertEquals(rows.get(rows.size() - 1).hash(), loaded.negotiation().head().hash());
            assertEquals(head, loaded.headSeq(), "the next append's compare-and-set expects the row's head");
        }
        assertEquals(1, warnings.size(), "logged once per session");
    }

    @Test
    void aGapInTheRowsStopsTheReplayBeforeIt() {
        long head = talk.n.head().seq();
        MessageRecord missing = rows.remove(2);
        TranscriptStore.Loaded loaded = store.replayed(snapshot, head, this::after);
        assertEquals(missing.seq() - 1, loaded.negotiation().head().seq());
        assertEquals(head, loaded.headSeq());
        assertEquals(1, warnings.size());
    }

    @Test
    void aSnapshotAheadOfItsRowsHeadIsAnsweredAsStored() {
        TranscriptStore.Loaded loaded = store.replayed(talk.n, snapshot.head().seq(), this::after);
        assertEquals(talk.n, loaded.negotiation());
        assertEquals(snapshot.head().seq(), loaded.headSeq());
        assertEquals(1, warnings.size());
    }

    private List<MessageRecord> after(long seq, int limit) {
        return rows.stream().filter(m -> m.seq() > seq).limit(limit).toList();
    }
}
