package dev.asp.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.asp.infrastructure.pubsub.CommittedMessages;

/** Appended messages go live once their transaction has committed, and only then: a rolled-back append is never seen. */
@ApplicationScoped
class LiveDelivery {
    @Inject
    CommittedMessages live;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranscriptAppended appended) {
        live.deliver(appended.sessionId(), appended.messages(), appended.effects(), appended.announced());
    }
}
