package dev.asp.interfaces.rest.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;
import jakarta.ws.rs.container.AsyncResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.pubsub.LiveHub;

/** A waiting long-poll told that notifications may have been lost (a listener's resync). */
class PageWaiterTest {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final LiveHub hub = new LiveHub(executor, (s, after, limit) -> List.of(), 64, 15);
    private final List<MessageRecord> transcript = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Object> resumed = new LinkedBlockingQueue<>();

    private final SessionQueries queries = new SessionQueries() {
        @Override
        public List<MessageRecord> page(String sessionId, long after, int limit, Caller caller) {
            return transcript.stream().filter(m -> m.seq() > after).limit(limit).toList();
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aResyncWithNothingNewKeepsWaitingAndOneWithAMessageAnswersIt() throws Exception {
        PageWaiter waiter = new PageWaiter(hub, queries, "ses_1", 3, 100, new Caller.Anonymous(), response());
        hub.join(waiter, "ses_1");
        waiter.expireIn(30);

        waiter.resync("ses_1");
        assertNull(resumed.poll(300, TimeUnit.MILLISECONDS), "no message after seq 3 yet: it waits on");

        transcript.add(new MessageRecord("ses_1", 4, "msg_4", "agt_a", "QUERY", "{\"seq\":4}", "h4", "kid", "{}", Instant.now()));
        waiter.resync("ses_1");
        JsonObject page = (JsonObject) resumed.poll(10, TimeUnit.SECONDS);
        assertEquals(4, page.getJsonArray("messages").getJsonObject(0).getInt("seq"));
        assertNull(resumed.poll(300, TimeUnit.MILLISECONDS), "answered once");
    }

    // Only resume(Object) matters here; the rest of AsyncResponse is not used by a PageWaiter.
    private AsyncResponse response() {
        return (AsyncResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { AsyncResponse.class }, (p, method, args) -> {
            if (method.getName().equals("resume")) {
                resumed.add(args[0]);
                return true;
            }
            return method.getReturnType() == boolean.class ? false : null;
        });
    }
}
