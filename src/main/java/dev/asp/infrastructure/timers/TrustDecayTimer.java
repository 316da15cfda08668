package dev.asp.infrastructure.timers;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.asp.application.trust.TrustLedger;
import dev.asp.domain.shared.DomainException;

/**
 * Spec 6.2's daily timer: records a {@code decay} event for each agent whose whole idle days grew
 * (keyed by its last activity and d, so a second run, or a second server's, records nothing) and so
 * refreshes the score the registry ranks by. Persistent: kept in the timer store every server shares.
 * Each agent in a transaction of its own, so one agent's failure stops nobody else's.
 */
@Stateless
public class TrustDecayTimer {
    private static final Logger LOG = Logger.getLogger(TrustDecayTimer.class.getName());

    @Inject
    TrustLedger ledger;

    @Schedule(hour = "0", minute = "10", persistent = true, info = "trust-decay")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void daily() {
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
