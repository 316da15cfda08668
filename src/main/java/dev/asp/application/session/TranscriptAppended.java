package dev.asp.application.session;

import java.util.List;

import dev.asp.domain.session.Effect;
import dev.asp.domain.session.SessionState;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * Published (CDI) when messages are durably appended: the effects go to the domain services that
 * own them (escalations now; commitments, trust and disputes as they arrive) and the messages to
 * live delivery once the transaction has committed.
 */
public record TranscriptAppended(String sessionId, List<MessageRecord> messages, List<Effect> effects, SessionState state) {
}
