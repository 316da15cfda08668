package dev.asp.infrastructure.timers;

import java.util.Date;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.asp.application.session.SessionService;
import dev.asp.domain.session.SessionOpened;

/**
 * Spec 4.2/4.5 maxDuration on EJB persistent timers: created in the INVITE's transaction (the
 * {@link SessionOpened} event), kept in the database, so a session times out even across restarts;
 * a late or second firing changes nothing because the engine ignores a timeout once CLOSED. The
 * bean keeps its name: stored timers are bound to it.
 */
@Stateless
public class SessionDeadlines {
    private static final Logger LOG = Logger.getLogger(SessionDeadlines.class.getName());
    static final String PREFIX = "session-timeout:";

    @Resource
    TimerService timers;

    @Inject
    SessionService sessions;

    public void schedule(@Observes SessionOpened opened) {
        timers.createSingleActionTimer(Date.from(opened.expiresAt()), new TimerConfig(PREFIX + opened.sessionId(), true));
    }

    @Timeout
    void expire(Timer timer) {
        String info = String.valueOf(timer.getInfo());
        if (!info.startsWith(PREFIX)) {
            return;
        }
        String sessionId = info.substring(PREFIX.length());
        var after = sessions.timeout(sessionId);
        LOG.info(() -> "maxDuration of " + sessionId + " elapsed; state " + after.state());
    }
}
