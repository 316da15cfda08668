package dev.asp.infrastructure.timers;

import java.util.Date;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.asp.application.commitment.CommitmentDeadlines;
import dev.asp.domain.commitment.CommitmentMade;
import dev.asp.domain.commitment.DeliveryClaimed;

/**
 * Spec 5 deadlines and the grace period on EJB persistent timers: created in the transaction that
 * makes the commitment or records its delivery (the domain events {@link CommitmentMade} and
 * {@link DeliveryClaimed}), so a rollback takes the timer with it, and kept in
 * the database, so they fire after a restart and on whichever server holds them. A timer only names
 * the commitment; whether anything happens is decided under the commitment's row lock, so a late,
 * repeated or concurrent firing changes nothing twice.
 */
@Stateless
public class CommitmentTimers {
    static final String DEADLINE = "commitment-deadline:";
    static final String GRACE = "commitment-grace:";

    @Resource
    TimerService timers;

    @Inject
    CommitmentDeadlines commitments;

    public void deadline(@Observes CommitmentMade made) {
        if (made.deadline() != null) {
            timers.createSingleActionTimer(Date.from(made.deadline()), new TimerConfig(DEADLINE + made.commitmentId(), true));
        }
    }

    public void gracePeriod(@Observes DeliveryClaimed claimed) {
        timers.createSingleActionTimer(Date.from(claimed.confirmedBy()), new TimerConfig(GRACE + claimed.commitmentId(), true));
    }

    @Timeout
    void fire(Timer timer) {
        String info = String.valueOf(timer.getInfo());
        if (info.startsWith(DEADLINE)) {
            commitments.deadlinePassed(info.substring(DEADLINE.length()));
        } else if (info.startsWith(GRACE)) {
            commitments.gracePeriodEnded(info.substring(GRACE.length()));
        }
    }
}
