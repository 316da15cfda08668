package dev.asp.interfaces.rest.session;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.container.AsyncResponse;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.pubsub.Recipient;

/**
 * One suspended long-poll (spec 4.7 {@code ?wait=}): answered once, with the page as soon as a
 * message after {@code after} is committed, or empty when the wait ends. It holds no thread
 * while it waits.
 */
final class PageWaiter implements Recipient {
    private final LiveHub hub;
    private final SessionQueries queries;
    private final String sessionId;
    private final long after;
    private final int limit;
    private final Caller caller;
    private final AsyncResponse response;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile ScheduledFuture<?> expiry;

    PageWaiter(LiveHub hub, SessionQueries queries, String sessionId, long after, int limit, Caller caller, AsyncResponse response) {
        this.hub = hub;
        this.queries = queries;
        this.sessionId = sessionId;
        this.after = after;
        this.limit = limit;
        this.caller = caller;
        this.response = response;
    }

    void expireIn(int seconds) {
        expiry = hub.executor().schedule(this::expire, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void offer(String sessionId, List<? extends Frame> frames) {
        if (frames.stream().anyMatch(f -> f instanceof Frame.Message m && m.seq() > after)) {
            answer();
        }
    }

    /** Answers if the transcript has a message after {@code after} by now; otherwise waits on. */
    @Override
    public void resync(String sessionId) {
        hub.executor().execute(() -> {
            try {
                List<MessageRecord> page = queries.page(sessionId, after, limit, caller);
                if (!page.isEmpty() && finish()) {
                    response.resume(MessagePages.page(page, limit));
                }
            } catch (RuntimeException e) {
                if (finish()) {
                    response.resume(e);
                }
            }
        });
    }

    /** Reads the page off the publishing thread and resumes the request with it. */
    void answer() {
        if (!finish()) {
            return;
        }
        hub.executor().execute(() -> {
            try {
                response.resume(MessagePages.page(queries.page(sessionId, after, limit, caller), limit));
            } catch (RuntimeException e) {
                response.resume(e);
            }
        });
    }

    private void expire() {
        if (finish()) {
            response.resume(MessagePages.page(List.of(), limit));
        }
    }

    private boolean finish() {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        hub.leave(this, sessionId);
        ScheduledFuture<?> e = expiry;
        if (e != null) {
            e.cancel(false);
        }
        return true;
    }
}
