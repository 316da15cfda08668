package dev.asp.application.session;

import java.util.List;

import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Negotiation;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * Published (CDI) when messages are durably appended: the effects go to the domain services that
 * own them (escalations now; commitments, trust and disputes as they arrive) and the messages to
 * live delivery once the transaction has committed.
 *
 * @param session the session after the append
 * @param announced whether the other servers were told already (the group commit's NOTIFY)
 */
public record TranscriptAppended(String sessionId, List<MessageRecord> messages, List<Effect> effects, Negotiation session, boolean announced) {
    public TranscriptAppended(List<MessageRecord> messages, List<Effect> effects, Negotiation session) {
        this(session.sessionId(), messages, effects, session, false);
    }

    public TranscriptAppended announcedAlready() {
        return new TranscriptAppended(sessionId, messages, effects, session, true);
    }
}
