package dev.asp.application.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.commitment.CommitmentService;
import dev.asp.domain.session.Negotiation;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * Spec 4.5 / 8 sealing: a closed session is sealed once every participant has closed (or the
 * final-CLOSE window has passed since its last message) and every commitment has settled; its head
 * then goes to the {@link HeadLog}. The session's row lock orders the seal after any late message.
 */
@ApplicationScoped
public class Sealing {
    @Inject
    HeadLog log;

    @Inject
    TranscriptStore store;

    @Inject
    CommitmentService commitments;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "ASP_FINAL_CLOSE_WINDOW", defaultValue = "PT24H")
    Duration finalCloseWindow;

    @InTransaction
    public List<String> candidates(int limit) {
        return log.unsealedClosed(limit);
    }

    /** Seals the session if it is due; true when it was appended to the log now. */
    @InTransaction
    public boolean sealIfDue(String sessionId) {
        store.lock(sessionId);
        Negotiation n = store.load(sessionId).map(TranscriptStore.Loaded::negotiation).orElse(null);
        if (n == null || log.entry(sessionId).isPresent() || commitments.running(sessionId)) {
            return false;
        }
        Instant now = clock.instant();
        if (!n.everyoneClosed() && log.lastChange(sessionId).plus(finalCloseWindow).isAfter(now)) {
            return false;
        }
        log.append(sessionId, n.head(), now);
        return true;
    }
}
