package dev.asp.interfaces.ws;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One connection's sends: in the order they arrived within a session (a client may pipeline a
 * session's chain), side by side across sessions, so a connection that multiplexes many sessions
 * is not held to one database commit at a time. Bounded, so a client cannot queue without limit.
 *
 * <p>A send is a stage: its checks run when it starts, its answer comes when its commit does. The
 * first send of an idle lane starts on the thread that read its frame (no hand-off: the commit is
 * waited for by nobody); one queued behind an unfinished send starts on the executor once that send
 * is answered, off the thread that answered it.
 */
final class SendLanes {
    static final int MAX_IN_FLIGHT = 256;

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    SendLanes(Executor executor) {
        this.executor = executor;
    }

    /**
     * @param send starts the send and returns the stage its answer completes
     * @return false, running nothing, when {@link #MAX_IN_FLIGHT} sends are still unanswered
     */
    boolean submit(String sessionId, Supplier<? extends CompletionStage<?>> send) {
        if (!inFlight.tryAcquire()) {
            return false;
        }
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> before = tails.put(sessionId, answered);
        Runnable start = () -> start(send).whenComplete((v, e) -> {
            inFlight.release();
            tails.remove(sessionId, answered);
            answered.complete(null);
        });
        if (before == null || before.isDone()) {
            start.run();
        } else {
            before.whenCompleteAsync((v, e) -> start.run(), executor);
        }
        return true;
    }

    private static CompletionStage<?> start(Supplier<? extends CompletionStage<?>> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
