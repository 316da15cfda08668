package dev.asp.application.session;

import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import dev.asp.application.commitment.CommitmentService;

/**
 * Spec 4.2/4.5 maxDuration on EJB persistent timers: created in the INVITE's transaction, kept in
 * the database, so a session times out even across restarts; a late or second firing changes
 * nothing because the engine ignores a timeout once CLOSED.
 */
@Stateless
public class SessionDeadlines {
    private static final Logger LOG = Logger.getLogger(SessionDeadlines.class.getName());
    static final String PREFIX = "session-timeout:";

    @Resource
    TimerService timers;

    @Inject
    SessionService sessions;

    @Inject
    CommitmentService commitments;

    public void schedule(String sessionId, Instant at) {
        timers.createSingleActionTimer(Date.from(at), new TimerConfig(PREFIX + sessionId, true));
    }

    @Timeout
    void expire(Timer timer) {
        String info = String.valueOf(timer.getInfo());
        if (!info.startsWith(PREFIX)) {
            return;
        }
        String sessionId = info.substring(PREFIX.length());
        // Spec 4.5: commitments still running keep the session open; they live on to their own deadlines.
        var after = sessions.serviceEvent(sessionId, n -> n.timeout(commitments.running(sessionId)));
        LOG.info(() -> "maxDuration of " + sessionId + " elapsed; state " + after.state());
    }
}
