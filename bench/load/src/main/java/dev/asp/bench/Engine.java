package dev.asp.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives streams against the server, closed loop (a fixed number of requests in flight, each
 * lane sending its next request when the last one answers) or open loop (requests are due at a
 * fixed rate whether or not earlier ones have answered; latency is measured from the time a
 * request was due, so a server that falls behind shows it — no coordinated omission).
 *
 * Only completions inside the measured window (after the warm-up) count: throughput is those
 * completions over the window's length.
 */
final class Engine {
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    final List<Stream> streams;
    final Transport transport;
    final int success;
    final boolean messages;
    final boolean inlineProofs;
    final long warmupNs;
    final long durationNs;
    final CpuMeter cpu;

    final Recorder latency = new Recorder(60_000_000L, 3); // µs, due → answered
    final Recorder service = new Recorder(60_000_000L, 3); // µs, sent → answered
    final LongAdder ok = new LongAdder();
    final LongAdder resent200 = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder inlineSigned = new LongAdder();
    final LongAdder lostStreams = new LongAdder();
    final LongAdder lanesStopped = new LongAdder();
    final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    final AtomicInteger sampleCount = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger streamsWithWork = new AtomicInteger();
    final CountDownLatch endEarly = new CountDownLatch(1);
    volatile long ranOutAtNs;
    volatile boolean stopping;

    long t0;
    volatile long windowStart;
    volatile long windowEnd;
    volatile long maxLagNs;

    Engine(List<Stream> streams, Transport transport, int success, boolean messages, boolean inlineProofs, double warmupS, double durationS,
            CpuMeter cpu) {
        this.streams = streams;
        this.transport = transport;
        this.success = success;
        this.messages = messages;
        this.inlineProofs = inlineProofs;
        this.warmupNs = (long) (warmupS * 1e9);
        this.durationNs = (long) (durationS * 1e9);
        this.cpu = cpu;
    }

    record Result(long ok, double seconds, Histogram latency, Histogram service, long errors, Map<String, Long> errorsByKind, long resent200,
            long retries, long inlineSigned, long lostStreams, boolean ranOut, double ranOutAfterS, CpuMeter.Sample before, CpuMeter.Sample after,
            double maxLagMs, List<String> samples, int stuck, long lanesStopped) {
    }

    // ---------------------------------------------------------------- closed loop

    Result closedLoop(int lanes) throws InterruptedException {
        ConcurrentLinkedQueue<Stream> ready = new ConcurrentLinkedQueue<>();
        for (Stream s : streams) {
            if (s.hasWork()) {
                ready.add(s);
                streamsWithWork.incrementAndGet();
            }
        }
        if (lanes > ready.size()) {
            throw new IllegalArgumentException("concurrency " + lanes + " needs at least as many streams (sessions), have " + ready.size());
        }
        begin();
        Next[] lane = new Next[1];
        lane[0] = (st, t) -> {
            if (st.hasWork()) {
                ready.offer(st);
            }
            if (stopping) {
                return;
            }
            Stream n = ready.poll();
            if (n == null) {
                if (st.dead) {
                    // Its session broke and every other one is busy: this lane stops, the run goes on.
                    lanesStopped.increment();
                    if (lanesStopped.sum() >= lanes) {
                        ranOut();
                    }
                } else {
                    ranOut();
                }
                return;
            }
            fire(n, t, lane[0]);
        };
        for (int i = 0; i < lanes; i++) {
            fire(ready.poll(), System.nanoTime(), lane[0]);
        }
        return finish();
    }

    // ---------------------------------------------------------------- open loop

    Result openLoop(double rate) throws InterruptedException {
        java.util.concurrent.LinkedBlockingQueue<Stream> idle = new java.util.concurrent.LinkedBlockingQueue<>();
        for (Stream s : streams) {
            if (s.hasWork()) {
                idle.add(s);
                streamsWithWork.incrementAndGet();
            }
        }
        long period = (long) (1e9 / rate);
        begin();
        Thread dispatcher = new Thread(() -> {
            Next back = (st, t) -> {
                if (st.hasWork()) {
                    idle.offer(st);
                }
            };
            for (long i = 0;; i++) {
                long due = t0 + i * period;
                if (stopping || due >= windowEnd) {
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Stream s;
                try {
                    s = idle.poll();
                    while (s == null) {
                        if (stopping) {
                            return;
                        }
                        if (streamsWithWork.get() == 0) {
                            ranOut();
                            return;
                        }
                        s = idle.poll(1, TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                long lag = System.nanoTime() - due;
                if (lag > maxLagNs && due >= windowStart) {
                    maxLagNs = lag;
                }
                fire(s, due, back);
            }
        }, "dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        Result r = finish();
        dispatcher.interrupt();
        return r;
    }

    // ---------------------------------------------------------------- common

    interface Next {
        void after(Stream s, long now);
    }

    private void begin() {
        t0 = System.nanoTime();
        windowStart = t0 + warmupNs;
        windowEnd = windowStart + durationNs;
    }

    private void ranOut() {
        if (ranOutAtNs == 0) {
            ranOutAtNs = System.nanoTime();
            endEarly.countDown();
        }
    }

    private Result finish() throws InterruptedException {
        long untilWindow = windowStart - System.nanoTime();
        if (untilWindow > 0 && endEarly.await(untilWindow, TimeUnit.NANOSECONDS)) {
            stopping = true;
            drain();
            throw new IllegalStateException("the pre-signed requests ran out during the warm-up: raise --expect (or --messages)");
        }
        CpuMeter.Sample before = cpu.sample();
        long remaining = windowEnd - System.nanoTime();
        boolean early = remaining > 0 && endEarly.await(remaining, TimeUnit.NANOSECONDS);
        long end = early ? ranOutAtNs : windowEnd;
        if (early) {
            windowEnd = end; // completions after this no longer count
        }
        CpuMeter.Sample after = cpu.sample();
        long okInWindow = ok.sum();
        Histogram lat = latency.getIntervalHistogram();
        Histogram svc = service.getIntervalHistogram();
        stopping = true;
        drain();
        Map<String, Long> kinds = new TreeMap<>();
        errorsByKind.forEach((k, v) -> kinds.put(k, v.sum()));
        double seconds = (end - windowStart) / 1e9;
        return new Result(okInWindow, seconds, lat, svc, errors.sum(), kinds, resent200.sum(), retries.sum(), inlineSigned.sum(), lostStreams.sum(),
                early, early ? (ranOutAtNs - t0) / 1e9 : 0, before, after, maxLagNs / 1e6, new ArrayList<>(samples), inFlight.get(), lanesStopped.sum());
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void fire(Stream s, long due, Next next) {
        int k = s.next;
        Agent sender = s.senders[k];
        String proof;
        if (!transport.needsProofs()) {
            proof = null;
        } else if (inlineProofs || s.retriesOfNext > 0 || s.proofs == null) {
            proof = sender.proof(s.method, s.url, Instant.now().getEpochSecond(), true);
            inlineSigned.increment();
        } else {
            proof = s.proofs[k];
        }
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        transport.send(s, k, "DPoP " + sender.token, proof, success).whenComplete((r, ex) -> {
            try {
                done(s, k, due, sent, r, ex, next);
            } catch (RuntimeException e) {
                note("generator error " + e);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void done(Stream s, int k, long due, long sent, Transport.Reply r, Throwable ex, Next next) {
        long now = System.nanoTime();
        boolean counted = now >= windowStart && now < windowEnd;
        int status = r == null ? -1 : r.status();
        boolean good = status == success || messages && status == 200;
        if (good) {
            if (counted) {
                latency.recordValue(Math.min((now - due) / 1000, 60_000_000L));
                service.recordValue(Math.min((now - sent) / 1000, 60_000_000L));
            }
            if (status == success) {
                if (counted) {
                    ok.increment();
                }
            } else {
                resent200.increment();
            }
            if (messages) {
                s.acceptedSeq++;
                s.acceptedHash = s.hashes[k];
            }
            s.retriesOfNext = 0;
            s.next = k + 1;
        } else {
            String kind = ex != null ? "exception " + rootCause(ex) : status + " " + code(r.body());
            if (counted) {
                errors.increment();
            }
            errorsByKind.computeIfAbsent(kind, x -> new LongAdder()).increment();
            if (sampleCount.incrementAndGet() <= 8) {
                samples.add(s.name + " #" + k + " → " + (ex != null ? rootCause(ex) : status + " " + Api.abbreviate(r.body())));
            }
            if (!messages) {
                s.next = k + 1;
            } else if (s.retriesOfNext == 0 && (ex != null || status >= 500 || status == 401)) {
                // The same envelope again (its id makes a resend idempotent), with a new proof.
                s.retriesOfNext = 1;
                retries.increment();
            } else {
                // A chain that broke cannot go on: every later envelope builds on this one.
                s.dead = true;
                lostStreams.increment();
            }
        }
        if (!s.hasWork()) {
            streamsWithWork.decrementAndGet();
        }
        next.after(s, now);
    }

    static String code(String body) {
        if (body == null) {
            return "";
        }
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    static String rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void note(String s) {
        if (sampleCount.incrementAndGet() <= 8) {
            samples.add(s);
        }
    }
}
