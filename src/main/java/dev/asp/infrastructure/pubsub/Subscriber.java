package dev.asp.infrastructure.pubsub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live consumer (an SSE stream, a WebSocket connection). It follows sessions from a seq on and
 * is handed each committed message once and in seq order: it subscribes first, then replays from
 * the database, holding live frames meanwhile and dropping the duplicates by seq, so there is no
 * gap between replay and live (spec 4.7, 4.8). A gap in live frames (a commit whose delivery is
 * still on its way, a lost notification) is healed the same way, from the database.
 *
 * <p>Frames wait in a bounded mailbox that one asynchronous send at a time drains. Replays only
 * take the room there is, so a long transcript never overflows it; live traffic a consumer cannot
 * keep up with does, and then the consumer is dropped with a reason rather than waited for or
 * buffered without limit: the server and every other consumer go on, and the dropped one
 * reconnects with its last seq and misses nothing.
 */
public abstract class Subscriber implements Recipient {
    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    static final int PAGE = 100;

    private final LiveHub hub;
    private final int capacity;
    private final ArrayDeque<Frame> mailbox = new ArrayDeque<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private final Set<String> awaitingRoom = new LinkedHashSet<>();
    private boolean pumping;
    /** A pump put() started for the current thread to run once it leaves the lock. */
    private boolean pumpHere;
    private boolean closed;
    private volatile long lastSentNanos = System.nanoTime();

    /** Where one followed session stands: the last seq handed to the mailbox, and a replay if one runs. */
    private static final class Cursor {
        long seq;
        boolean replaying = true;
        final List<Frame> held = new ArrayList<>();

        Cursor(long after) {
            seq = after;
        }
    }

    protected Subscriber(LiveHub hub) {
        this.hub = hub;
        this.capacity = hub.capacity();
    }

    protected final LiveHub hub() {
        return hub;
    }

    /** Sends one frame; the stage completes once the transport has taken it. */
    protected abstract CompletionStage<?> transmit(Frame frame);

    /** Closes the transport; {@code overflow} when the consumer fell too far behind. Called once. */
    protected abstract void terminate(String reason, boolean overflow);

    /** Called (outside any lock) when a session's replay has caught up with the live frames. */
    protected void replayed(String sessionId) {
    }

    /** Queues a frame of the adapter's own; false when the consumer is gone (or just dropped for falling behind). */
    public final boolean send(Frame frame) {
        boolean ok;
        boolean start;
        synchronized (this) {
            ok = put(frame);
            start = startsPump();
        }
        if (start) {
            pump();
        }
        return ok;
    }

    /**
     * True when {@link #transmit} only starts a send and never blocks: the thread that queues a
     * frame for an idle consumer then starts the pump itself, once out of the lock, instead of
     * handing it to the executor (a thread hand-off per frame, about a tenth of the server's CPU
     * per WebSocket message).
     */
    protected boolean transmitsWithoutBlocking() {
        return false;
    }

    // Lock held: whether put() left the pump to this thread, which starts it once out of the lock.
    private boolean startsPump() {
        boolean start = pumpHere;
        pumpHere = false;
        return start;
    }

    public final synchronized int following() {
        return cursors.size();
    }

    public final synchronized boolean follows(String sessionId) {
        return cursors.containsKey(sessionId);
    }

    public final synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the consumer now: unsubscribes it everywhere and closes its transport. */
    public final void close(String reason) {
        List<String> followed;
        synchronized (this) {
            if (closed) {
                return;
            }
            followed = shut();
        }
        finish(followed, reason, false);
    }

    /** Starts following (called by {@link LiveHub#subscribe} before it registers this consumer). */
    final synchronized boolean follow(String sessionId, long after) {
        if (closed) {
            return false;
        }
        cursors.put(sessionId, new Cursor(after));
        return true;
    }

    final synchronized void unfollow(String sessionId) {
        cursors.remove(sessionId);
        awaitingRoom.remove(sessionId);
    }

    /** Begins the replay of a freshly followed session (after the hub registered this consumer for it). */
    final void startReplay(String sessionId) {
        hub.executor().execute(() -> replayStep(sessionId));
    }

    @Override
    public final void offer(String sessionId, List<? extends Frame> frames) {
        boolean start;
        synchronized (this) {
            Cursor c = cursors.get(sessionId);
            if (closed || c == null) {
                return;
            }
            if (c.replaying) {
                c.held.addAll(frames);
                if (c.held.size() > capacity) {
                    overflow("more than " + capacity + " frames arrived during a replay");
                }
                return;
            }
            live(sessionId, c, frames);
            start = startsPump();
        }
        if (start) {
            pump();
        }
    }

    @Override
    public final void resync(String sessionId) {
        synchronized (this) {
            Cursor c = cursors.get(sessionId);
            if (closed || c == null || c.replaying) {
                return;
            }
            c.replaying = true;
        }
        hub.executor().execute(() -> replayStep(sessionId));
    }

    /** A heartbeat when nothing was sent for {@code idleNanos} (spec 4.7: every 15 s without events). */
    final void heartbeatIfIdle(long nowNanos, long idleNanos) {
        boolean start;
        synchronized (this) {
            if (!closed && !pumping && mailbox.isEmpty() && nowNanos - lastSentNanos >= idleNanos) {
                put(new Frame.Heartbeat());
            }
            start = startsPump();
        }
        if (start) {
            pump();
        }
    }

    // Lock held. Hands contiguous messages on; a gap turns the cursor back into a replay.
    private void live(String sessionId, Cursor c, List<? extends Frame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f instanceof Frame.Message m) {
                if (m.seq() <= c.seq) {
                    continue;
                }
                if (m.seq() > c.seq + 1) {
                    c.replaying = true;
                    c.held.addAll(frames.subList(i, frames.size()));
                    hub.executor().execute(() -> replayStep(sessionId));
                    return;
                }
                c.seq = m.seq();
            }
            if (!put(f)) {
                return;
            }
        }
    }

    // A replay page puts frames in several lock sections and leaves early from most of them.
    private void replayStep(String sessionId) {
        try {
            replayPage(sessionId);
        } finally {
            boolean start;
            synchronized (this) {
                start = startsPump();
            }
            if (start) {
                pump();
            }
        }
    }

    private void replayPage(String sessionId) {
        Cursor c;
        long from;
        int limit;
        synchronized (this) {
            c = cursors.get(sessionId);
            if (closed || c == null || !c.replaying) {
                return;
            }
            int room = capacity - mailbox.size();
            if (room < Math.min(PAGE, Math.max(1, capacity / 2))) {
                awaitingRoom.add(sessionId); // the pump resumes this replay once the mailbox has drained
                return;
            }
            from = c.seq;
            limit = Math.min(PAGE, room);
        }
        List<Frame.Message> page;
        try {
            page = hub.transcripts().after(sessionId, from, limit);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "replay of " + sessionId + " failed; dropping the consumer so it reconnects", e);
            close("the transcript could not be read; reconnect");
            return;
        }
        boolean caughtUp;
        synchronized (this) {
            if (closed || cursors.get(sessionId) != c || c.seq != from) {
                return;
            }
            for (Frame.Message m : page) {
                if (m.seq() != c.seq + 1) {
                    break;
                }
                c.seq = m.seq();
                if (!put(m)) {
                    return;
                }
            }
            if (page.size() == limit) {
                hub.executor().execute(() -> replayStep(sessionId));
                return;
            }
            c.replaying = false;
            List<Frame> held = new ArrayList<>(c.held);
            c.held.clear();
            live(sessionId, c, held);
            caughtUp = !closed && !c.replaying;
        }
        if (caughtUp) {
            replayed(sessionId);
        }
    }

    // Lock held.
    private boolean put(Frame f) {
        if (closed) {
            return false;
        }
        if (mailbox.size() >= capacity) {
            overflow("more than " + capacity + " frames undelivered");
            return false;
        }
        mailbox.add(f);
        if (!pumping) {
            pumping = true;
            if (transmitsWithoutBlocking()) {
                pumpHere = true;
                return true;
            }
            try {
                hub.executor().execute(this::pump);
            } catch (RejectedExecutionException stopping) {
                // the server is stopping and closes the transports itself: just stop taking frames
                hub.drop(this, shut());
                return false;
            }
        }
        return true;
    }

    // Lock held: stop taking frames at once; the transport is closed off this thread.
    private void overflow(String reason) {
        List<String> followed = shut();
        hub.executor().execute(() -> finish(followed, "too slow: " + reason, true));
    }

    private void pump() {
        while (true) {
            Frame f;
            synchronized (this) {
                f = closed ? null : mailbox.poll();
                if (f == null) {
                    pumping = false;
                    return;
                }
                resumeReplaysIfRoom();
            }
            lastSentNanos = System.nanoTime();
            CompletableFuture<?> sent;
            try {
                sent = transmit(f).toCompletableFuture();
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            if (f instanceof Frame.End end) {
                sent.whenComplete((ok, e) -> endAfterLast(end.reason()));
                return;
            }
            if (!sent.isDone()) {
                Thread pumper = Thread.currentThread();
                sent.whenComplete((ok, e) -> {
                    if (e != null) {
                        failed(e);
                    } else if (Thread.currentThread() == pumper) {
                        hub.executor().execute(this::pump); // completed as it was registered: no recursion
                    } else {
                        pump(); // on the transport's completion thread: no second hop through a busy executor
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.whenComplete((ok, e) -> failed(e));
                return;
            }
        }
    }

    // Lock held.
    private void resumeReplaysIfRoom() {
        if (!awaitingRoom.isEmpty() && mailbox.size() <= capacity / 2) {
            List<String> resume = new ArrayList<>(awaitingRoom);
            awaitingRoom.clear();
            resume.forEach(id -> hub.executor().execute(() -> replayStep(id)));
        }
    }

    private void endAfterLast(String reason) {
        List<String> followed;
        synchronized (this) {
            pumping = false;
            if (closed) {
                return;
            }
            followed = shut();
        }
        finish(followed, reason, false);
    }

    private void failed(Throwable e) {
        LOG.log(Level.FINE, "a live consumer went away", e);
        endAfterLast("the connection failed");
    }

    // Lock held.
    private List<String> shut() {
        closed = true;
        mailbox.clear();
        awaitingRoom.clear();
        List<String> followed = new ArrayList<>(cursors.keySet());
        cursors.clear();
        return followed;
    }

    private void finish(List<String> followed, String reason, boolean overflow) {
        hub.drop(this, followed);
        try {
            terminate(reason, overflow);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a live consumer failed", e);
        }
    }
}
