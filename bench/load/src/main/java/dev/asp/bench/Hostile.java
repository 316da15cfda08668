package dev.asp.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 27.3's two figures, measured against a running server over loopback and bounded in time:
 * mode {@code stalled} - an ordinary signed message's latency (one sender, one at a time) alone and
 * while --stalled (1000) requests without credentials have sent their headers and part of their body
 * and then nothing; mode {@code big-anonymous} - the server's heap (from /metrics) while --bodies (12)
 * clients without credentials each try to send 64 MiB to POST /v1/asp/orgs, and what they were answered.
 */
final class Hostile {
    private static final Pattern HEAP = Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.eE+]+)");

    private final Main m;
    private final URI base;

    Hostile(Main m) {
        this.m = m;
        this.base = URI.create(m.base);
    }

    void stalled() throws Exception {
        int stalledN = m.integer("stalled", 1000);
        int messages = m.integer("messages", 200);
        String adminA = m.api.newOrg(true);
        String adminB = m.api.newOrg(false);
        Agent a = m.newAgent(adminA, "bench-stalled-a", true);
        Agent b = m.newAgent(adminB, "bench-stalled-b", true);
        Chain chain = new Chain(m.open(a, b), a);
        double window = m.number("window", 15);
        chain.send(50, window); // warm the path
        report("alone", chain.send(messages, window));
        List<Socket> stalls = new ArrayList<>();
        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "stalled-reader");
            t.setDaemon(true);
            return t;
        });
        long opened = System.nanoTime();
        try {
            for (int i = 0; i < stalledN; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/asp/orgs HTTP/1.1\r\nHost: " + base.getRawAuthority() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"name\":\"stall").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalls.add(s);
            }
            System.out.printf(Locale.ROOT, "stalled: %d requests without credentials stopped mid-body (opened in %.1f s)%n", stalledN,
                    (System.nanoTime() - opened) / 1e9);
            for (Socket s : stalls) {
                readers.submit(() -> answers.computeIfAbsent(status(s), k -> new AtomicLong()).incrementAndGet());
            }
            report("under " + stalledN + " stalled bodies", chain.send(messages, window));
        } finally {
            readers.shutdown();
            readers.awaitTermination(45, TimeUnit.SECONDS);
            stalls.forEach(Hostile::close);
        }
        System.out.printf(Locale.ROOT, "stalled requests answered (within 45 s after the measurement): %s%n", new TreeMap<>(answers));
    }

    void bigAnonymous() throws Exception {
        int bodies = m.integer("bodies", 12);
        long size = 64L << 20;
        double before = heap();
        ExecutorService senders = Executors.newFixedThreadPool(bodies);
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < bodies; i++) {
            done.add(senders.submit(() -> sendBig(size)));
        }
        double peak = before;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (done.stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < deadline) {
            peak = Math.max(peak, heap());
            Thread.sleep(200);
        }
        senders.shutdownNow();
        Map<String, Long> answered = new TreeMap<>();
        for (Future<String> f : done) {
            answered.merge(f.isDone() ? f.get() : "unanswered", 1L, Long::sum);
        }
        System.out.printf(Locale.ROOT, "big-anonymous: %d x 64 MiB POST /v1/asp/orgs without credentials: answered %s; server heap used %.0f MiB before, "
                + "%.0f MiB at most while they ran, %.0f MiB after%n", bodies, answered, before / (1 << 20), peak / (1 << 20), heap() / (1 << 20));
    }

    /** Sends up to {@code size} bytes as one declared body, stopping when the server answers; answers the status line. */
    private String sendBig(long size) {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(90_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/asp/orgs HTTP/1.1\r\nHost: " + base.getRawAuthority() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            InputStream in = s.getInputStream();
            try {
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                    if (in.available() > 0) {
                        break; // answered before the body was all sent
                    }
                }
                out.flush();
            } catch (IOException closed) {
                // the server refused and closed: its answer may still be readable
            }
            return statusLine(in);
        } catch (IOException e) {
            return "connection failed";
        }
    }

    private static String status(Socket s) {
        try {
            return statusLine(s.getInputStream());
        } catch (IOException e) {
            return "closed";
        }
    }

    private static String statusLine(InputStream in) {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0 && c != '\r';) {
                line.write(c);
            }
            String l = line.toString(StandardCharsets.US_ASCII);
            return l.isEmpty() ? "closed" : l.replaceFirst("^HTTP/1\\.1 ", "");
        } catch (IOException e) {
            return "closed or timed out";
        }
    }

    private double heap() throws Exception {
        HttpResponse<String> r = m.api.http.send(HttpRequest.newBuilder(URI.create(m.base + "/metrics?scope=base")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher x = HEAP.matcher(r.body());
        return x.find() ? Double.parseDouble(x.group(1)) : Double.NaN;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "ordinary message %s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** One sender's INFORMs, each built on the last one's hash, signed and proved when sent. */
    private final class Chain {
        private final Main.Opened session;
        private final Agent sender;
        private long seq;
        private String prev;

        Chain(Main.Opened session, Agent sender) {
            this.session = session;
            this.sender = sender;
            this.seq = session.headSeq();
            this.prev = session.headHash();
        }

        /** Up to {@code n} messages, stopping after {@code seconds}; answers each one's round trip. */
        long[] send(int n, double seconds) throws IOException, InterruptedException {
            long[] took = new long[n];
            String path = "/v1/asp/sessions/" + session.id() + "/messages";
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            int i = 0;
            for (; i < n && System.nanoTime() < deadline; i++) {
                String[] sealed = sender.seal(Main.unsigned(session.id(), seq + 1, prev, sender.id, "INFORM", null,
                        "{\"facts\":\"ordinary " + (seq + 1) + "\"}"));
                long t = System.nanoTime();
                HttpResponse<String> r;
                try {
                    // one attempt (Api.send retries), with a timeout: a message the flood holds up is a figure, not a hang
                    r = m.api.http.send(HttpRequest.newBuilder(URI.create(m.base + path)).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "DPoP " + sender.token)
                            .header("DPoP", sender.proof("POST", m.base + path, Instant.now().getEpochSecond(), true))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sealed[1])).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (HttpTimeoutException unanswered) {
                    took[i] = System.nanoTime() - t; // a lower bound; the chain's head is unknown from here
                    System.out.printf(Locale.ROOT, "ordinary message %d: no answer within %.1f s%n", seq + 1, took[i] / 1e9);
                    return Arrays.copyOf(took, i + 1);
                }
                took[i] = System.nanoTime() - t;
                if (r.statusCode() != 201) {
                    throw new Api.Failure("ordinary message " + (seq + 1) + " at " + Instant.now(), r);
                }
                seq++;
                prev = sealed[0];
            }
            return Arrays.copyOf(took, i);
        }
    }
}
