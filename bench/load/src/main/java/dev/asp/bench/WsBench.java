package dev.asp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The WebSocket modes (spec 4.8, docs/live-delivery.md): {@code ws}, envelopes sent as
 * {@code send} frames and answered by {@code ack} frames, with subscriber connections measuring
 * delivery; {@code ws-idle}, many authenticated idle connections and the server memory they take.
 * The set-up (orgs, infrastructure agents, sessions opened over HTTP, pre-signed chains) is
 * {@link Main}'s, shared with mode messages.
 */
final class WsBench {
    static final String PATH = "/v1/asp/ws";

    private final Main m;
    private final String htu;
    private final URI uri;

    WsBench(Main m) {
        this.m = m;
        this.htu = m.base + PATH;
        this.uri = URI.create(htu.replaceFirst("^http", "ws"));
    }

    /** A proof for the upgrade: htm GET, htu the endpoint's http(s) URL, signed now (each has its own jti). */
    String proof(Agent a) {
        return a.proof("GET", htu, Instant.now().getEpochSecond(), true);
    }

    HttpClient client(int i) {
        return m.clients[i % m.clients.length];
    }

    // ---------------------------------------------------------------- mode ws

    void ws() throws Exception {
        int sessions = m.integer("sessions", m.concurrency);
        int connections = m.integer("connections", 2 * Math.min(sessions, 16));
        if (connections < 2 || connections % 2 != 0) {
            throw new IllegalArgumentException("--connections is an even number (a buyer's and a seller's connection per pair), at least 2");
        }
        int pairs = connections / 2;
        if (pairs > sessions) {
            throw new IllegalArgumentException("--connections " + connections + " needs at least " + pairs + " sessions (one per pair)");
        }
        int senders = m.senders();
        int subscribe = Math.min(sessions, m.integer("subscribe", Math.min(sessions, 100)));
        m.opts.put("client", "jdk-ws");
        System.out.printf(Locale.ROOT, "ws: %d sessions over %d agent pairs, %d sender connections (one per agent), %d sender(s) per session, "
                + "%d sessions followed by subscriber connections, %s%n", sessions, pairs, connections, senders, subscribe, m.loopName());
        Main.Fixture f = m.fixture(pairs, sessions);

        // Sender connections: one per agent, authenticated at the upgrade.
        long t = System.nanoTime();
        Set<String> sampled = new HashSet<>();
        for (int i = 0; i < subscribe; i++) {
            sampled.add(f.opened().get(i).id());
        }
        Map<Agent, WsClient> byAgent = new IdentityHashMap<>();
        WsTransport transport = new WsTransport(byAgent, sampled);
        List<Agent> agents = new ArrayList<>(f.buyers());
        agents.addAll(f.sellers());
        List<CompletableFuture<WsClient>> opening = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            Agent a = agents.get(i);
            opening.add(WsClient.connect(client(i), uri, a, proof(a), "sender " + a.id, new WsClient.Handler() {
                @Override
                public void frame(WsClient c, String text) {
                    transport.answered(c, text);
                }

                @Override
                public void closed(WsClient c, int code, String reason) {
                    transport.closed(c);
                }
            }));
        }
        List<WsClient> all = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            WsClient c = await(opening.get(i), "sender connection of " + agents.get(i).id);
            byAgent.put(agents.get(i), c);
            all.add(c);
        }

        // Subscriber connections: for each buyer, one per 100 of its sampled sessions (a connection follows at most 100).
        Map<Agent, List<Main.Opened>> byBuyer = new LinkedHashMap<>();
        for (int i = 0; i < subscribe; i++) {
            Main.Opened o = f.opened().get(i);
            byBuyer.computeIfAbsent(o.inviter(), x -> new ArrayList<>()).add(o);
        }
        CountDownLatch subscribed = new CountDownLatch(subscribe);
        List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        WsClient.Handler subscriberHandler = (c, text) -> {
            if (text.startsWith("{\"type\":\"subscribed\"")) {
                subscribed.countDown();
            } else if (text.startsWith("{\"type\":\"error\"")) {
                refusals.add(text);
                subscribed.countDown();
            } else {
                transport.pushed(text);
            }
        };
        List<WsClient> subscribers = new ArrayList<>();
        int k = 0;
        for (var e : byBuyer.entrySet()) {
            List<Main.Opened> list = e.getValue();
            for (int from = 0; from < list.size(); from += 100) {
                WsClient c = await(WsClient.connect(client(k++), uri, e.getKey(), proof(e.getKey()), "subscriber " + e.getKey().id, subscriberHandler),
                        "subscriber connection of " + e.getKey().id);
                subscribers.add(c);
                for (Main.Opened o : list.subList(from, Math.min(list.size(), from + 100))) {
                    c.send("{\"type\":\"subscribe\",\"sessionId\":\"" + o.id() + "\",\"after\":" + o.headSeq() + "}");
                }
            }
        }
        if (!subscribed.await(30, TimeUnit.SECONDS) || !refusals.isEmpty()) {
            throw new IllegalStateException("subscribing failed: " + subscribed.getCount() + " unanswered, refusals " + refusals);
        }
        all.addAll(subscribers);
        System.out.printf(Locale.ROOT, "connections: %d senders and %d subscribers (following %d sessions) open and authenticated (%.1f s)%n",
                connections, subscribers.size(), subscribe, (System.nanoTime() - t) / 1e9);

        List<Stream> streams = m.presign(f.opened(), senders, false);
        m.fitWindow(false);
        Engine e = new Engine(streams, transport, 201, true, false, m.warmup, m.duration, m.cpu);
        transport.engine = e;
        Engine.Result r = m.rate != null ? e.openLoop(m.rate) : e.closedLoop(m.concurrency);
        Histogram d = transport.delivery.getIntervalHistogram();
        long closed = all.stream().filter(c -> c.closed).count();

        double ms = 1000.0;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "delivery:   p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms (send write → message push on a subscriber; %d pushes in the "
                + "window from %d followed sessions; %d pushes and %d event frames in the whole run)", d.getValueAtPercentile(50) / ms,
                d.getValueAtPercentile(90) / ms, d.getValueAtPercentile(99) / ms, d.getMaxValue() / ms, d.getTotalCount(), subscribe,
                transport.pushes.sum(), transport.events.sum()));
        lines.add(String.format(Locale.ROOT, "sockets:    %d sender + %d subscriber connections, %d closed during the run%s; %d frames without a matching "
                + "send", connections, subscribers.size(), closed, closed == 0 ? "" : " " + closeReasons(all), transport.unmatched.sum()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("connections", Integer.toString(connections));
        values.put("subscribers", Integer.toString(subscribers.size()));
        values.put("subscribed", Integer.toString(subscribe));
        values.put("delivered", Long.toString(d.getTotalCount()));
        values.put("del_p50_ms", Main.fmt(d.getValueAtPercentile(50) / ms));
        values.put("del_p90_ms", Main.fmt(d.getValueAtPercentile(90) / ms));
        values.put("del_p99_ms", Main.fmt(d.getValueAtPercentile(99) / ms));
        values.put("del_max_ms", Main.fmt(d.getMaxValue() / ms));
        values.put("ws_closed", Long.toString(closed));
        m.report("ws", r, sessions, "msg", new Main.Extra(lines, values));
        m.verify(streams, f.opened(), m.integer("verify-sessions", 2));
        all.forEach(WsClient::close);
        Thread.sleep(200);
    }

    // ---------------------------------------------------------------- mode ws-floor

    /**
     * What the transport alone costs: {@code --concurrency} frames in flight over
     * {@code --connections} authenticated sockets, each frame one the server answers at once
     * without touching the database or a key ({@code {"type":"auth"}} on a connection that is
     * authenticated already: an error frame, spec 4.8). Frame in, JSON parsed, frame out, through
     * the same Liberty WebSocket stack and the same client as mode ws; its rate and CPU per frame
     * are the floor under a message's own work (one Ed25519 verify, one durable row, the checks).
     */
    void floor() throws Exception {
        int connections = m.integer("connections", 32);
        int perConnection = Math.max(1, m.concurrency / connections);
        m.opts.put("client", "jdk-ws");
        System.out.printf(Locale.ROOT, "ws-floor: %d connections, %d frames in flight on each, %s%n", connections, perConnection, m.loopName());
        String admin = m.api.newOrg(true);
        List<Agent> agents = m.parallel(connections, m.integer("setup-threads", 4), i -> m.newAgent(admin, "bench-floor-" + i, true));
        String frame = "{\"type\":\"auth\",\"token\":\"-\",\"dpop\":\"-\"}";
        Recorder latency = new Recorder(60_000_000L, 3);
        LongAdder answered = new LongAdder();
        LongAdder unexpected = new LongAdder();
        // [start, end) of the measured window, read by the clients' threads
        java.util.concurrent.atomic.AtomicLongArray window = new java.util.concurrent.atomic.AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<WsClient> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            // a connection's frames are answered in order, so the oldest send time is the answered one's
            java.util.concurrent.ConcurrentLinkedQueue<Long> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
            WsClient c = await(WsClient.connect(client(i), uri, agents.get(i), proof(agents.get(i)), "floor " + i, (ws, text) -> {
                long now = System.nanoTime();
                Long t = sent.poll();
                if (t == null || !text.startsWith("{\"type\":\"error\"")) {
                    unexpected.increment();
                    return;
                }
                if (now >= window.get(0) && now < window.get(1)) {
                    answered.increment();
                    latency.recordValue(Math.min((now - t) / 1000, 60_000_000L));
                }
                if (!stop.get()) {
                    sent.add(System.nanoTime());
                    ws.send(frame);
                }
            }), "floor connection " + i);
            open.add(c);
            for (int k = 0; k < perConnection; k++) {
                sent.add(System.nanoTime());
                c.send(frame);
            }
        }
        long t0 = System.nanoTime();
        long start = t0 + (long) (m.warmup * 1e9);
        long end = start + (long) (m.duration * 1e9);
        window.set(1, end);
        window.set(0, start);
        Thread.sleep(Math.max(0, (start - System.nanoTime()) / 1_000_000));
        latency.reset();
        CpuMeter.Sample before = m.cpu.sample();
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        CpuMeter.Sample after = m.cpu.sample();
        stop.set(true);
        Histogram h = latency.getIntervalHistogram();
        long closed = open.stream().filter(c -> c.closed).count();
        Engine.Result r = new Engine.Result(answered.sum(), m.duration, h, h, 0, Map.of(), 0, 0, 0, 0, false, 0, before, after, 0, List.of(), 0, 0);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("connections", Integer.toString(connections));
        values.put("ws_closed", Long.toString(closed));
        values.put("unexpected", Long.toString(unexpected.sum()));
        m.report("ws-floor", r, connections, "frame", new Main.Extra(List.of(String.format(Locale.ROOT,
                "sockets:    %d connections, %d closed during the run%s; %d unexpected frames", connections, closed,
                closed == 0 ? "" : " " + closeReasons(open), unexpected.sum())), values));
        Thread.sleep(500); // the last answers
        open.forEach(WsClient::close);
        Thread.sleep(200);
    }

    // ---------------------------------------------------------------- selftest

    /**
     * Untimed, over WebSockets: an upgrade with a replayed proof is refused; a new envelope is acked
     * with created:true, the same again with created:false, a tampered one answered by an error frame
     * (422 hash-mismatch); the other participant's subscribed connection gets the message push.
     */
    boolean selftest(Agent a, Agent b) throws Exception {
        Main.Opened o = m.open(a, b);
        m.startSigning();
        Stream s = m.chain(o, 2, 1, "selftest", 0, false);
        Map<Agent, WsClient> byAgent = new IdentityHashMap<>();
        WsTransport t = new WsTransport(byAgent, Set.of(o.id()));
        CompletableFuture<String> push = new CompletableFuture<>();
        CompletableFuture<String> subscribedFrame = new CompletableFuture<>();
        String proof = proof(a);
        WsClient sender = await(WsClient.connect(client(0), uri, a, proof, "selftest sender", t::answered), "selftest sender connection");
        byAgent.put(a, sender);
        WsClient sub = await(WsClient.connect(client(1), uri, b, proof(b), "selftest subscriber", (c, text) -> {
            if (text.startsWith("{\"type\":\"subscribed\"")) {
                subscribedFrame.complete(text);
            } else if (text.startsWith("{\"type\":\"message\"")) {
                push.complete(text);
            }
        }), "selftest subscriber connection");
        String replayed;
        try {
            WsClient.connect(client(0), uri, a, proof, "selftest replay", (c, text) -> {
            }).get(30, TimeUnit.SECONDS);
            replayed = "accepted";
        } catch (java.util.concurrent.ExecutionException e) {
            replayed = Engine.code(Engine.rootCause(e));
            replayed = replayed.isEmpty() ? "refused" : replayed;
        }
        sub.send("{\"type\":\"subscribe\",\"sessionId\":\"" + o.id() + "\",\"after\":" + o.headSeq() + "}");
        subscribedFrame.get(30, TimeUnit.SECONDS);
        Transport.Reply first = t.send(s, 0, null, null, 201).get(30, TimeUnit.SECONDS);
        Transport.Reply again = t.send(s, 0, null, null, 201).get(30, TimeUnit.SECONDS);
        String tampered = new String(s.bodies[1], java.nio.charset.StandardCharsets.UTF_8).replace("\"performative\":\"PROPOSE\"",
                "\"performative\":\"INFORM\"");
        s.bodies[1] = tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Transport.Reply bad = t.send(s, 1, null, null, 201).get(30, TimeUnit.SECONDS);
        String pushed = push.get(30, TimeUnit.SECONDS);
        boolean pushOk = s.ids[0].equals(WsTransport.member(pushed.substring(pushed.indexOf("\"envelope\":")), "\"id\":\""));
        sender.close();
        sub.close();
        boolean ok = first.status() == 201 && again.status() == 200 && bad.status() == 422 && "hash-mismatch".equals(Engine.code(bad.body()))
                && !"accepted".equals(replayed) && pushOk;
        System.out.printf(Locale.ROOT, "selftest ws  : new ack created=%s, resent ack created=%s, tampered error %d %s, upgrade with a replayed proof %s, "
                + "push to the subscriber %s%s%n", first.status() == 201, again.status() == 201, bad.status(), Engine.code(bad.body()), replayed,
                pushOk ? "received" : "MISSING", ok ? "  OK" : "  UNEXPECTED");
        return ok;
    }

    private static WsClient await(CompletableFuture<WsClient> f, String what) throws InterruptedException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " failed: " + Engine.rootCause(e), e);
        }
    }

    private static String closeReasons(List<WsClient> all) {
        Map<String, Integer> n = new TreeMap<>();
        for (WsClient c : all) {
            if (c.closed) {
                n.merge(c.closeCode + " " + c.closeReason, 1, Integer::sum);
            }
        }
        return n.toString();
    }

    // ---------------------------------------------------------------- mode ws-idle

    void idle() throws Exception {
        int n = m.integer("connections", 1000);
        int agentsN = m.integer("agents", 16);
        int parallelConnects = m.integer("connect-concurrency", 64);
        double hold = m.duration;
        int pid = m.serverPid;
        m.opts.put("client", "jdk-ws");
        System.out.printf(Locale.ROOT, "ws-idle: %d authenticated idle connections as %d agents (%d upgrades in flight), held %.0f s%n", n, agentsN,
                parallelConnects, hold);
        long t = System.nanoTime();
        String admin = m.api.newOrg(true);
        List<Agent> agents = m.parallel(agentsN, m.integer("setup-threads", 4), i -> m.newAgent(admin, "bench-idle-" + i, true));
        System.out.printf(Locale.ROOT, "set-up: %d agents registered, infrastructure, logged in (%.1f s)%n", agentsN, (System.nanoTime() - t) / 1e9);

        Memory before = Memory.of(pid);
        System.out.println("server memory before: " + before);

        LongAdder answered = new LongAdder();
        LongAdder closedCount = new LongAdder();
        Map<String, LongAdder> closeKinds = new ConcurrentHashMap<>();
        WsClient.Handler handler = new WsClient.Handler() {
            @Override
            public void frame(WsClient c, String text) {
                if (text.startsWith("{\"type\":\"unsubscribed\"")) {
                    answered.increment();
                }
            }

            @Override
            public void closed(WsClient c, int code, String reason) {
                closedCount.increment();
                closeKinds.computeIfAbsent(code + " " + reason, x -> new LongAdder()).increment();
            }
        };
        Semaphore slots = new Semaphore(parallelConnects);
        Recorder connectLatency = new Recorder(60_000_000L, 3);
        List<WsClient> open = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        CpuMeter.Sample c0 = m.cpu.sample();
        t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            Agent a = agents.get(i % agentsN);
            long started = System.nanoTime();
            WsClient.connect(client(i), uri, a, proof(a), "idle " + i, handler).whenComplete((c, ex) -> {
                slots.release();
                if (ex != null) {
                    failures.computeIfAbsent(Engine.rootCause(ex), x -> new LongAdder()).increment();
                } else {
                    connectLatency.recordValue(Math.min((System.nanoTime() - started) / 1000, 60_000_000L));
                    open.add(c);
                }
            });
            if ((i + 1) % 2000 == 0) {
                System.out.printf(Locale.ROOT, "  %d upgrades started, %d open (%.1f s)%n", i + 1, open.size(), (System.nanoTime() - t) / 1e9);
            }
        }
        slots.acquire(parallelConnects); // every upgrade has answered
        double openS = (System.nanoTime() - t) / 1e9;
        CpuMeter.Sample c1 = m.cpu.sample();
        Histogram cl = connectLatency.getIntervalHistogram();
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf(Locale.ROOT, "opened:     %d of %d in %.1f s (%.0f/s); upgrade to authenticated p50 %.1f p99 %.1f max %.1f ms; failed %d %s%n",
                open.size(), n, openS, open.size() / openS, cl.getValueAtPercentile(50) / 1000.0, cl.getValueAtPercentile(99) / 1000.0,
                cl.getMaxValue() / 1000.0, failed, failures.isEmpty() ? "" : failures.toString());
        double serverPerUpgrade = (c1.server() - c0.server()) * 1000 / Math.max(1, open.size());

        // Hold: nothing is sent; the server pings each connection after 15 s of silence.
        CpuMeter.Sample h0 = m.cpu.sample();
        long holdEnd = System.nanoTime() + (long) (hold * 1e9);
        for (long left; (left = (holdEnd - System.nanoTime()) / 1_000_000) > 0;) {
            Thread.sleep(Math.min(10_000, left));
            System.out.printf(Locale.ROOT, "  holding: %d open, %d closed by now%n", open.size() - closedCount.sum(), closedCount.sum());
        }
        CpuMeter.Sample h1 = m.cpu.sample();
        double holdWall = (h1.wallNs() - h0.wallNs()) / 1e9;
        Memory after = Memory.of(pid);
        System.out.println("server memory after:  " + after);

        // Every connection still answers: a cheap frame (unsubscribe from nothing) on each, answered without a database call.
        long closedBeforeCheck = closedCount.sum();
        t = System.nanoTime();
        int probed = 0;
        synchronized (open) {
            for (WsClient c : open) {
                if (!c.closed) {
                    c.send("{\"type\":\"unsubscribe\",\"sessionId\":\"ses_benchidlecheck\"}");
                    probed++;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.sum() < probed && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double checkS = (System.nanoTime() - t) / 1e9;
        long alive = answered.sum();
        System.out.printf(Locale.ROOT, "check:      %d of %d open connections answered a frame after the hold (%.1f s); %d closed during the hold%s%n", alive,
                open.size(), checkS, closedBeforeCheck, closeKinds.isEmpty() ? "" : " " + closeKinds);

        long conns = Math.max(1, open.size());
        double rssPer = (after.rssKb() - before.rssKb()) * 1024.0 / conns;
        double heapPer = after.heapKb() < 0 || before.heapKb() < 0 ? Double.NaN : (after.heapKb() - before.heapKb()) * 1024.0 / conns;
        double serverHold = (h1.server() - h0.server()) / holdWall;
        double genHold = (h1.generator() - h0.generator()) / holdWall;
        System.out.printf(Locale.ROOT, "memory:     RSS %+.1f MB (%s bytes per connection), heap used after GC %+.1f MB (%s bytes per connection)%n",
                (after.rssKb() - before.rssKb()) / 1024.0, Main.fmt(rssPer), (after.heapKb() - before.heapKb()) / 1024.0, Main.fmt(heapPer));
        System.out.printf(Locale.ROOT, "cpu:        server %s ms CPU per upgrade while opening; while holding: server %s cores, generator %s cores%n",
                Main.fmt(serverPerUpgrade), Main.fmt(serverHold), Main.fmt(genHold));
        StringBuilder line = new StringBuilder("RESULT");
        Main.kv(line, "mode", "ws-idle");
        Main.kv(line, "connections", Integer.toString(n));
        Main.kv(line, "opened", Integer.toString(open.size()));
        Main.kv(line, "failed", Long.toString(failed));
        Main.kv(line, "open_s", Main.fmt(openS));
        Main.kv(line, "open_rate", Main.fmt(open.size() / openS));
        Main.kv(line, "upgrade_p50_ms", Main.fmt(cl.getValueAtPercentile(50) / 1000.0));
        Main.kv(line, "upgrade_p99_ms", Main.fmt(cl.getValueAtPercentile(99) / 1000.0));
        Main.kv(line, "hold_s", Main.fmt(holdWall));
        Main.kv(line, "closed", Long.toString(closedBeforeCheck));
        Main.kv(line, "alive", Long.toString(alive));
        Main.kv(line, "rss_before_mb", Main.fmt(before.rssKb() / 1024.0));
        Main.kv(line, "rss_after_mb", Main.fmt(after.rssKb() / 1024.0));
        Main.kv(line, "heap_before_mb", Main.fmt(before.heapKb() / 1024.0));
        Main.kv(line, "heap_after_mb", Main.fmt(after.heapKb() / 1024.0));
        Main.kv(line, "rss_bytes_per_conn", Main.fmt(rssPer));
        Main.kv(line, "heap_bytes_per_conn", Main.fmt(heapPer));
        Main.kv(line, "server_ms_per_upgrade", Main.fmt(serverPerUpgrade));
        Main.kv(line, "server_cores_idle", Main.fmt(serverHold));
        Main.kv(line, "gen_cores_idle", Main.fmt(genHold));
        Main.kv(line, "label", m.opt("label", "-").replaceAll("\\s+", "_"));
        System.out.println(line);
        synchronized (open) {
            open.forEach(WsClient::abort);
        }
        if (alive < open.size() || failed > 0) {
            System.out.println("WARNING:    not every connection was opened and kept");
        }
    }

    /** The server JVM's resident memory (/proc/PID/status VmRSS) and heap used right after a full GC (jcmd), in KiB; -1 where unknown. */
    record Memory(long rssKb, long heapKb, String heapLine) {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Memory of(int pid) {
            if (pid <= 0) {
                return new Memory(-1, -1, "server process unknown");
            }
            jcmd(pid, "GC.run");
            String info = jcmd(pid, "GC.heap_info");
            long heap = -1;
            String heapLine = "";
            if (info != null) {
                long sum = 0;
                boolean found = false;
                for (String l : info.split("\n")) {
                    String s = l.trim();
                    // G1: "garbage-first heap total …K, used …K"; Parallel/Serial: one line per generation.
                    boolean whole = s.startsWith("garbage-first heap") || s.startsWith("Shenandoah") || s.startsWith("ZHeap");
                    boolean generation = s.startsWith("PSYoungGen") || s.startsWith("ParOldGen") || s.startsWith("def new generation")
                            || s.startsWith("tenured generation");
                    Matcher mm = USED.matcher(s);
                    if ((whole || generation) && mm.find()) {
                        if (whole) {
                            sum = Long.parseLong(mm.group(1));
                            found = true;
                            heapLine = s;
                            break;
                        }
                        sum += Long.parseLong(mm.group(1));
                        found = true;
                        heapLine = heapLine.isEmpty() ? s : heapLine + "; " + s;
                    }
                }
                heap = found ? sum : -1;
            }
            return new Memory(rss(pid), heap, heapLine);
        }

        static long rss(int pid) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone
            }
            return -1;
        }

        static String jcmd(int pid, String command) {
            try {
                Process p = new ProcessBuilder("jcmd", Integer.toString(pid), command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "RSS %.1f MB, heap used after GC %s", rssKb / 1024.0,
                    heapKb < 0 ? "unknown (jcmd failed)" : String.format(Locale.ROOT, "%.1f MB (%s)", heapKb / 1024.0, heapLine));
        }
    }
}
