package dev.asp.interfaces.ws;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * One connection's sends: in the order they arrived within a session (a client may pipeline a
 * session's chain), side by side across sessions, so a connection that multiplexes many sessions
 * is not held to one database commit at a time. Bounded, so a client cannot queue without limit.
 */
final class SendLanes {
    static final int MAX_IN_FLIGHT = 256;
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    SendLanes(Executor executor) {
        this.executor = executor;
    }

    /** @return false, running nothing, when {@link #MAX_IN_FLIGHT} sends are still unanswered */
    boolean submit(String sessionId, Runnable send) {
        if (!inFlight.tryAcquire()) {
            return false;
        }
        CompletableFuture<Void> next = tails.compute(sessionId, (k, tail) -> (tail == null ? IDLE : tail).thenRunAsync(send, executor));
        next.whenComplete((v, e) -> {
            inFlight.release();
            tails.remove(sessionId, next);
        });
        return true;
    }
}
