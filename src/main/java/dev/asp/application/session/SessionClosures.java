package dev.asp.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Participant;
import dev.asp.domain.session.Performative;
import dev.asp.domain.session.SessionClosed;
import dev.asp.domain.session.SessionRated;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * Turns a stored CLOSE into the domain events other areas consume (trust: CH, recovery, ratings). A
 * CLOSE never joins the group commit, so this runs inside the transaction that stores it.
 */
@ApplicationScoped
public class SessionClosures {
    @Inject
    Event<SessionClosed> closed;

    @Inject
    Event<SessionRated> rated;

    void publish(@Observes TranscriptAppended appended) {
        for (Effect effect : appended.effects()) {
            if (effect instanceof Effect.SessionClosed c) {
                MessageRecord close = closeOf(appended, c.by());
                closed.fire(new SessionClosed(appended.sessionId(), c.outcome(), appended.session().agreement().isPresent(),
                        appended.session().participants().stream().filter(Participant::joined).map(Participant::agent).toList(),
                        appended.session().startedAt(), close.receivedAt(), close.id()));
            }
        }
        for (Effect effect : appended.effects()) {
            if (effect instanceof Effect.CloseRecorded r && !r.ratings().isEmpty()) {
                MessageRecord close = closeOf(appended, r.by());
                rated.fire(new SessionRated(appended.sessionId(), close.id(), r.by(), r.ratings(), close.receivedAt()));
            }
        }
    }

    private static MessageRecord closeOf(TranscriptAppended appended, String by) {
        return appended.messages().stream().filter(m -> m.performative().equals(Performative.CLOSE.name()) && m.sender().equals(by)).findFirst()
                .orElse(appended.messages().get(appended.messages().size() - 1));
    }
}
