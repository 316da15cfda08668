package dev.asp.infrastructure.timers;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.asp.application.trust.TrustLedger;
import dev.asp.domain.shared.DomainException;

/**
 * Spec 6.2's daily timer: records a {@code decay} event for each agent whose whole idle days grew
 * (keyed by its last activity and d, so a second run, or a second server's, records nothing) and so
 * refreshes the score the registry ranks by. A persistent calendar timer in the store every server
 * shares, created after the schema exists (an automatic {@code @Schedule} timer is created before the
 * migrations run). Each agent in a transaction of its own, so one agent's failure stops nobody else's.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class TrustDecayTimer {
    private static final Logger LOG = Logger.getLogger(TrustDecayTimer.class.getName());
    static final String INFO = "trust-decay";

    @Resource
    TimerService timers;

    @Inject
    TrustLedger ledger;

    @PostConstruct
    void schedule() {
        if (timers.getTimers().stream().noneMatch(t -> INFO.equals(t.getInfo()))) {
            timers.createCalendarTimer(new ScheduleExpression().hour("0").minute("10"), new TimerConfig(INFO, true));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        int recorded = 0;
        for (String agentId : ledger.agentsWithTrustEvents()) {
            try {
                recorded += ledger.recordDecay(agentId);
            } catch (DomainException gone) {
                // a deprovisioned agent has no trust to show
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "trust decay of " + agentId + " failed", e);
            }
        }
        LOG.info("trust decay: " + recorded + " decay events recorded");
    }
}
