package dev.asp.infrastructure.timers;

import java.time.Duration;

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

import dev.asp.application.dispute.DisputeSweep;
import dev.asp.infrastructure.messaging.DisputeQueue;

/**
 * Every {@code ASP_DISPUTE_SWEEP_INTERVAL}, enqueues again the disputes whose message was lost (spec 7;
 * {@link DisputeSweep} decides which). Not persistent: every server sweeps, and the rows' locks keep two
 * sweeps from taking the same dispute.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class DisputeSweeper {
    @Resource
    TimerService timers;

    @Inject
    DisputeSweep sweep;

    @Inject
    DisputeQueue queue;

    @Inject
    @ConfigProperty(name = "ASP_DISPUTE_SWEEP_INTERVAL", defaultValue = "PT1M")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("dispute-sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        sweep.due().forEach(queue::send);
    }
}
