package dev.asp.application.trust;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveHub;

/**
 * Trust updates pushed to the subscribers of the session that caused them (spec 4.7, 4.8):
 * {@code {"type":"event","sessionId","event":"trust","agent","cause","score","level"}}, after the
 * change has committed, to this server's subscribers (the server that records a trust change is the
 * one that stored its cause; subscribers on other servers see it in GET trust, not live, in this
 * version). No seq: the transcript did not move.
 */
@ApplicationScoped
public class TrustUpdates {
    @Inject
    LiveHub hub;

    void push(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrustChanged changed) {
        if (changed.sessionId() == null || changed.cause() == null) {
            return;
        }
        Frame.Event event = new Frame.Event(changed.sessionId(), Jsonp.object().add("type", "event").add("sessionId", changed.sessionId())
                .add("event", "trust").add("agent", changed.agentId()).add("cause", changed.cause())
                .add("score", TrustLedger.wire(changed.after().score())).add("level", changed.after().level().wire()).build());
        hub.publish(changed.sessionId(), List.of(event));
    }
}
