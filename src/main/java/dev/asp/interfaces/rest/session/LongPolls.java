package dev.asp.interfaces.rest.session;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.pubsub.LiveHub;
import dev.asp.infrastructure.pubsub.TranscriptReader;
import dev.asp.interfaces.rest.QueryIntegers;

/** Spec 4.7: {@code ?wait=<seconds>} (at most 30) on the JSON page, for proxies that break SSE. */
@ApplicationScoped
public class LongPolls {
    static final int MAX_WAIT_SECONDS = 30;

    @Inject
    LiveHub hub;

    @Inject
    SessionQueries queries;

    @Inject
    TranscriptReader transcripts;

    /** The wait in seconds: absent is 0 (answer now); anything but an integer 0-30 is 400 malformed. */
    static int seconds(String wait) {
        return (int) QueryIntegers.of(wait, "wait", 0, 0, MAX_WAIT_SECONDS);
    }

    public void answer(String sessionId, long after, int limit, int wait, Caller caller, AsyncResponse response) {
        List<MessageRecord> page = queries.page(sessionId, after, limit, caller);
        if (!page.isEmpty() || wait == 0) {
            response.resume(MessagePages.page(page, limit));
            return;
        }
        PageWaiter waiter = new PageWaiter(hub, queries, sessionId, after, limit, caller, response);
        hub.join(waiter, sessionId);
        // a message committed between the read above and joining would otherwise wait for the next one
        if (!transcripts.after(sessionId, after, 1).isEmpty()) {
            waiter.answer();
            return;
        }
        waiter.expireIn(wait);
    }
}
