package dev.asp.application.session;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.SessionOpened;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * The write of an accepted message, in one transaction: the transcript rows, the session's new
 * head (compare-and-set), the session's timer at creation ({@link SessionOpened}), and the effects handed to their
 * services. A message is acknowledged only after this commits.
 */
@ApplicationScoped
public class TranscriptWriter {
    @Inject
    TranscriptStore store;

    @Inject
    Event<SessionOpened> opened;

    @Inject
    Event<TranscriptAppended> appended;

    @InTransaction
    public void create(Negotiation session, List<MessageRecord> records, List<Effect> effects, Instant now) {
        store.create(session, records, now);
        opened.fire(new SessionOpened(session.sessionId(), session.expiresAt()));
        appended.fire(new TranscriptAppended(records, effects, session));
    }

    /** @return false, with nothing written, when another message took the head first */
    @InTransaction
    public boolean append(Negotiation next, long expectedHeadSeq, List<MessageRecord> records, List<Effect> effects, boolean membersChanged,
            Instant now) {
        // a new envelope reusing a stored message's id: the store refuses it (409), nothing written
        if (!store.append(next, expectedHeadSeq, records, membersChanged, now)) {
            return false;
        }
        appended.fire(new TranscriptAppended(records, effects, next));
        return true;
    }
}
