package dev.asp.infrastructure.timers;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.audit.Sealing;

/**
 * Seals closed sessions that became due (spec 4.5, 8) every {@code ASP_SEAL_INTERVAL}. Not persistent:
 * every server runs its own, and sealing is idempotent under the session's row lock, so a missed or
 * doubled run changes nothing. Each session in its own transaction.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class SealingTimer {
    private static final Logger LOG = Logger.getLogger(SealingTimer.class.getName());
    private static final int BATCH = 1_000;

    @Resource
    TimerService timers;

    @Inject
    Sealing sealing;

    @Inject
    @ConfigProperty(name = "ASP_SEAL_INTERVAL", defaultValue = "PT1M")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("seal-sessions", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        for (String sessionId : sealing.candidates(BATCH)) {
            try {
                sealing.sealIfDue(sessionId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sealing " + sessionId + " failed; the next sweep retries", e);
            }
        }
    }
}
