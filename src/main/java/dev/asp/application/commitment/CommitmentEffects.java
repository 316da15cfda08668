package dev.asp.application.commitment;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import dev.asp.application.session.TranscriptAppended;
import dev.asp.domain.session.Effect;

/**
 * Hands a message's commitment effects (COMMIT, FULFILL, a REJECT of a delivery) to the commitments
 * service inside the transaction that stores it. Messages without them pass by with a scan of their
 * effects and no transaction, so the group commit's path gains nothing. Notified after the default
 * observers, so the live delivery of the message itself is queued before any system message that
 * settling it appends (a session closing itself).
 */
@ApplicationScoped
public class CommitmentEffects {
    @Inject
    CommitmentService commitments;

    void apply(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) TranscriptAppended appended) {
        for (Effect effect : appended.effects()) {
            if (effect instanceof Effect.CommitmentsRequested || effect instanceof Effect.FulfilmentClaimed
                    || effect instanceof Effect.DeliveryRejected) {
                commitments.apply(appended);
                return;
            }
        }
    }
}
