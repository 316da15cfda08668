package dev.asp.infrastructure.pubsub;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.asp.application.session.TranscriptAppended;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * The end of one message's path (STYLE: … → persistence → pubsub): once the append has committed,
 * and only then, its messages and events go to this server's consumers and the other servers hear
 * of it. A rolled-back append is never seen by anyone.
 */
@ApplicationScoped
public class CommittedMessages {
    @Inject
    LiveHub hub;

    @Inject
    PgAnnouncer announcer;

    @Inject
    DatabaseKind database;

    @Inject
    ListeningServers servers;

    void deliver(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranscriptAppended appended) {
        if (appended.messages().isEmpty()) {
            return;
        }
        List<MessageRecord> records = appended.messages();
        long first = records.get(0).seq();
        long last = records.get(records.size() - 1).seq();
        List<Frame.Event> events = LiveEvents.of(appended.sessionId(), appended.effects(), last);
        List<Frame> frames = new ArrayList<>(records.size() + events.size());
        records.forEach(m -> frames.add(new Frame.Message(m.sessionId(), m.seq(), m.envelope())));
        frames.addAll(events);
        hub.publish(appended.sessionId(), frames);
        if (!appended.announced()) {
            announcer.announce(appended.sessionId(), first, last, events);
        }
    }

    /**
     * The NOTIFY payload that tells the other servers of {@code appended}, for a writer that sends
     * it in the append's own transaction; null when there are no other servers to tell (not
     * PostgreSQL, or none listens: {@link ListeningServers}) or it is not known yet (then
     * {@link #deliver} announces after the commit, if there is anyone to tell).
     */
    public String announcement(TranscriptAppended appended) {
        if (!Boolean.TRUE.equals(database.known()) || appended.messages().isEmpty() || !servers.others()) {
            return null;
        }
        List<MessageRecord> records = appended.messages();
        long last = records.get(records.size() - 1).seq();
        List<Frame.Event> events = LiveEvents.of(appended.sessionId(), appended.effects(), last);
        return new Announcement(PgAnnouncer.ORIGIN, appended.sessionId(), records.get(0).seq(), last,
                events.stream().map(Frame.Event::json).toList()).encode();
    }
}
