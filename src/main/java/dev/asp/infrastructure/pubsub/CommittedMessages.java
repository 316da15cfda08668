package dev.asp.infrastructure.pubsub;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.domain.session.Effect;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * The end of one message's path (STYLE: … → persistence → pubsub): once the append has committed,
 * and only then (application.session.LiveDelivery calls it after the commit), its messages and
 * events go to this server's consumers and the other servers hear of it. A rolled-back append is
 * never seen by anyone.
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

    /** @param announced whether the other servers were told already (the group commit's NOTIFY) */
    public void deliver(String sessionId, List<MessageRecord> records, List<Effect> effects, boolean announced) {
        if (records.isEmpty()) {
            return;
        }
        long first = records.get(0).seq();
        long last = records.get(records.size() - 1).seq();
        List<Frame.Event> events = LiveEvents.of(sessionId, effects, last);
        List<Frame> frames = new ArrayList<>(records.size() + events.size());
        records.forEach(m -> frames.add(new Frame.Message(m.sessionId(), m.seq(), m.envelope())));
        frames.addAll(events);
        hub.publish(sessionId, frames);
        if (!announced) {
            announcer.announce(sessionId, first, last, events);
        }
    }

    /**
     * The NOTIFY payload that tells the other servers of an append, for a writer that sends
     * it in the append's own transaction; null when there are no other servers to tell (not
     * PostgreSQL, or none listens: {@link ListeningServers}) or it is not known yet (then
     * {@link #deliver} announces after the commit, if there is anyone to tell).
     */
    public String announcement(String sessionId, List<MessageRecord> records, List<Effect> effects) {
        if (!Boolean.TRUE.equals(database.known()) || records.isEmpty() || !servers.others()) {
            return null;
        }
        long last = records.get(records.size() - 1).seq();
        List<Frame.Event> events = LiveEvents.of(sessionId, effects, last);
        return new Announcement(PgAnnouncer.ORIGIN, sessionId, records.get(0).seq(), last,
                events.stream().map(Frame.Event::json).toList()).encode();
    }
}
