package dev.asp.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import org.HdrHistogram.Histogram;

/**
 * ASP load generator. Usage:
 *
 * <pre>
 *   java -jar asp-load.jar dpop|messages|http-floor|ws|ws-idle|ws-floor|selftest --base http://localhost:9080 [--server-dir DIR | --operator-token T] [options]
 * </pre>
 *
 * See bench/README.md for every option and what each printed figure means.
 */
public final class Main {
    final Map<String, String> opts = new HashMap<>();
    final String mode;

    Main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("usage: asp-load dpop|messages|http-floor|ws|ws-idle|ws-floor|selftest [--option value ...] (see bench/README.md)");
        }
        mode = args[0];
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(a.substring(2), args[++i]);
            } else {
                opts.put(a.substring(2), "true");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Main m;
        try {
            m = new Main(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            m.run();
            System.exit(0);
        } catch (Api.Failure | IllegalStateException | IllegalArgumentException e) {
            System.err.println("asp-load: " + e.getMessage());
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- options

    String opt(String name, String dflt) {
        String v = opts.get(name);
        return v == null ? dflt : v;
    }

    int integer(String name, int dflt) {
        return Integer.parseInt(opt(name, Integer.toString(dflt)));
    }

    double number(String name, double dflt) {
        return Double.parseDouble(opt(name, Double.toString(dflt)));
    }

    String base;
    Path serverDir;
    double warmup;
    double duration;
    int concurrency;
    Double rate;
    boolean inline;
    long iatLead;
    int signThreads;
    HttpClient[] clients;
    Api api;
    CpuMeter cpu;
    int serverPid;

    void run() throws Exception {
        base = opt("base", "http://localhost:9080").replaceAll("/+$", "");
        serverDir = opts.containsKey("server-dir") ? Path.of(opts.get("server-dir")) : null;
        warmup = number("warmup", 5);
        duration = number("duration", 20);
        concurrency = integer("concurrency", 16);
        rate = opts.containsKey("rate") ? Double.valueOf(opts.get("rate")) : null;
        inline = "inline".equals(opt("proofs", "presigned"));
        iatLead = integer("iat-lead", 50);
        if (iatLead < 0 || iatLead > 58) {
            throw new IllegalArgumentException("--iat-lead must be within 0..58 s (the server accepts iat within ±60 s)");
        }
        signThreads = integer("sign-threads", Runtime.getRuntime().availableProcessors());
        int ioThreads = integer("io-threads", 2);
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "http-io");
            t.setDaemon(true);
            return t;
        };
        ExecutorService io = Executors.newFixedThreadPool(ioThreads, daemons);
        clients = new HttpClient[integer("clients", 2)];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).executor(io).build();
        }
        api = new Api(base, operatorToken(), clients[0]);
        serverPid = integer("server-pid", 0);
        if (serverPid == 0 && serverDir != null) {
            serverPid = CpuMeter.findServer(serverDir);
        }
        if (serverPid == 0) {
            System.out.println("note: server process unknown (give --server-pid or --server-dir): server CPU is not reported");
        }
        cpu = new CpuMeter(serverPid);
        var conf = api.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/.well-known/asp-configuration")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (conf.statusCode() != 200) {
            throw new IllegalStateException(base + "/.well-known/asp-configuration answers " + conf.statusCode()
                    + ": is the ASP application deployed on that server?");
        }
        switch (mode) {
            case "dpop" -> dpop();
            case "messages" -> messages();
            case "selftest" -> selftest();
            case "ws" -> new WsBench(this).ws();
            case "ws-idle" -> new WsBench(this).idle();
            case "ws-floor" -> new WsBench(this).floor();
            case "http-floor" -> httpFloor();
            case "stalled" -> new Hostile(this).stalled();
            case "big-anonymous" -> new Hostile(this).bigAnonymous();
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (dpop, messages, http-floor, ws, ws-idle, ws-floor, stalled, big-anonymous or selftest)");
        }
    }

    String operatorToken() throws java.io.IOException {
        String t = opts.get("operator-token");
        if (t == null || t.isBlank()) {
            t = System.getenv("ASP_OPERATOR_TOKEN");
        }
        if ((t == null || t.isBlank()) && serverDir != null && Files.exists(serverDir.resolve("operator-token"))) {
            t = Files.readString(serverDir.resolve("operator-token")).trim();
        }
        if (t == null || t.isBlank()) {
            throw new IllegalArgumentException("no operator token: give --operator-token, ASP_OPERATOR_TOKEN or --server-dir holding operator-token");
        }
        return t;
    }

    /** Requests to pre-sign in all: what the run can use at the expected (or target) rate, plus a margin. */
    long plannedOps() {
        double perSecond = rate != null ? rate : number("expect", 1500);
        return (long) Math.ceil(perSecond * (warmup + duration) * 1.3) + 64;
    }

    // ---------------------------------------------------------------- set-up helpers

    <T> List<T> parallel(int n, int threads, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> task.apply(k)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    Agent newAgent(String admin, String name, boolean infrastructure) {
        Agent a = new Agent();
        api.register(admin, a, name);
        if (infrastructure) {
            api.infrastructure(a);
        }
        api.login(a);
        return a;
    }

    /** iat for every pre-signed proof: ahead of now by --iat-lead, so it is valid from now-(60-lead) to now+lead+60. */
    long proofIat;
    long signedAt;

    void startSigning() {
        signedAt = Instant.now().getEpochSecond();
        proofIat = signedAt + iatLead;
    }

    /** Fits the run into the validity of what was pre-signed: proofs ±60 s of iat, envelopes' sentAt ±5 min. */
    void fitWindow(boolean presignedProofs) {
        long now = Instant.now().getEpochSecond();
        double limit = !presignedProofs ? signedAt + 290 : Math.min(signedAt + 290, proofIat + 57);
        double room = limit - now - warmup - 2;
        if (room < duration) {
            if (room < 3) {
                throw new IllegalStateException("the pre-signed requests would expire before the window: use a shorter --warmup, "
                        + (presignedProofs ? "--proofs inline, " : "") + "or a smaller --expect");
            }
            System.out.printf(Locale.ROOT, "note: window shortened from %.0f s to %.0f s to stay inside the pre-signed proofs' validity "
                    + "(iat ±60 s; pre-signing took %d s)%n", duration, Math.floor(room), now - signedAt);
            duration = Math.floor(room);
        }
    }

    // ---------------------------------------------------------------- mode dpop

    void dpop() throws Exception {
        int n = integer("agents", Math.min(concurrency, 8));
        int streamsN = concurrency;
        System.out.printf(Locale.ROOT, "dpop: %d agents, %s, %d streams%n", n, loopName(), streamsN);
        long t = System.nanoTime();
        String admin = api.newOrg(true);
        List<Agent> agents = parallel(n, integer("setup-threads", 4), i -> newAgent(admin, "bench-dpop-" + i, false));
        System.out.printf(Locale.ROOT, "set-up: %d agents registered and logged in (%.1f s)%n", n, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        startSigning();
        int per = (int) Math.ceil((double) plannedOps() / streamsN);
        List<Stream> streams = parallel(streamsN, signThreads, i -> {
            Agent a = agents.get(i % n);
            String url = base + "/v1/asp/agents/" + a.id;
            Agent[] senders = new Agent[per];
            java.util.Arrays.fill(senders, a);
            String[] proofs = null;
            if (!inline) {
                proofs = new String[per];
                for (int k = 0; k < per; k++) {
                    proofs[k] = a.proof("GET", url, proofIat, true);
                }
            }
            return new Stream("agent " + a.id + " lane " + i, url, "GET", senders, proofs, null, null, i);
        });
        System.out.printf(Locale.ROOT, "pre-signed: %d DPoP proofs (%.1f s)%s%n", inline ? 0 : (long) per * streamsN, (System.nanoTime() - t) / 1e9,
                inline ? " — proofs are signed at send time (--proofs inline)" : "");
        fitWindow(!inline);
        Engine e = new Engine(streams, transport(streamsN), 200, false, inline, warmup, duration, cpu);
        Engine.Result r = rate != null ? e.openLoop(rate) : e.closedLoop(concurrency);
        report("dpop", r, streamsN, "req", null);
    }

    // ---------------------------------------------------------------- mode messages

    record Opened(String id, Agent inviter, Agent invitee, long headSeq, String headHash) {
    }

    void messages() throws Exception {
        int sessions = integer("sessions", concurrency);
        int pairs = integer("pairs", Math.min(sessions, 16));
        int senders = senders();
        System.out.printf(Locale.ROOT, "messages: %d sessions over %d agent pairs (two orgs, infrastructure level), %d sender(s) per session, %s%n",
                sessions, pairs, senders, loopName());
        Fixture f = fixture(pairs, sessions);
        List<Stream> streams = presign(f.opened(), senders, !inline);
        fitWindow(!inline);
        Engine e = new Engine(streams, transport(sessions), 201, true, inline, warmup, duration, cpu);
        Engine.Result r = rate != null ? e.openLoop(rate) : e.closedLoop(concurrency);
        report("messages", r, sessions, "msg", null);
        verify(streams, f.opened(), integer("verify-sessions", 2));
    }

    /**
     * What the HTTP stack alone costs: the requests of mode messages (same paths, bodies and header
     * sizes, same client), but with a token and a proof that do not parse, so the authentication
     * filter answers 401 before any key, signature or row is touched. Its rate and CPU per request
     * are the floor under a message's own work (two Ed25519 verifies, one durable row, the checks).
     */
    void httpFloor() throws Exception {
        int sessions = integer("sessions", concurrency);
        int pairs = integer("pairs", Math.min(sessions, 16));
        System.out.printf(Locale.ROOT, "http-floor: %d sessions' envelopes, refused at authentication, %s%n", sessions, loopName());
        Fixture f = fixture(pairs, sessions);
        List<Stream> streams = presign(f.opened(), senders(), false);
        Transport t = transport(sessions);
        Transport refused = new Transport() {
            @Override
            public java.util.concurrent.CompletableFuture<Reply> send(Stream s, int k, String authorization, String proof, int success) {
                String junk = "-".repeat(proof == null ? 1 : proof.length());
                return t.send(s, k, "DPoP " + "-".repeat(authorization.length() - 5), junk, success);
            }

            @Override
            public String name() {
                return t.name();
            }

            @Override
            public boolean needsProofs() {
                return false;
            }
        };
        Engine e = new Engine(streams, refused, 401, true, false, warmup, duration, cpu);
        Engine.Result r = rate != null ? e.openLoop(rate) : e.closedLoop(concurrency);
        report("http-floor", r, sessions, "request", null);
    }

    int senders() {
        int senders = integer("senders", 2);
        if (senders != 1 && senders != 2) {
            throw new IllegalArgumentException("--senders is 1 or 2");
        }
        return senders;
    }

    /** Agent pairs (buyer in a verified org, seller in another, both infrastructure) and sessions spread over them. */
    record Fixture(List<Agent> buyers, List<Agent> sellers, List<Opened> opened) {
    }

    /** Untimed: two orgs, {@code pairs} buyer/seller pairs, {@code sessions} sessions opened over HTTP (session i on pair i % pairs). */
    Fixture fixture(int pairs, int sessions) throws Exception {
        int setupThreads = integer("setup-threads", 4);
        long t = System.nanoTime();
        String adminA = api.newOrg(true);
        String adminB = api.newOrg(false);
        List<Agent> buyers = parallel(pairs, setupThreads, i -> newAgent(adminA, "bench-buyer-" + i, true));
        List<Agent> sellers = parallel(pairs, setupThreads, i -> newAgent(adminB, "bench-seller-" + i, true));
        List<Opened> opened = parallel(sessions, setupThreads, i -> open(buyers.get(i % pairs), sellers.get(i % pairs)));
        System.out.printf(Locale.ROOT, "set-up: %d agents, %d sessions opened (INVITE, ACCEPT, introduction; head seq %d) (%.1f s)%n", 2 * pairs,
                sessions, opened.get(0).headSeq(), (System.nanoTime() - t) / 1e9);
        return new Fixture(buyers, sellers, opened);
    }

    /** Untimed: every session's chain (--messages per session, or sized by --expect / --rate), with a DPoP proof per envelope when {@code proofs}. */
    List<Stream> presign(List<Opened> opened, int senders, boolean proofs) throws Exception {
        int sessions = opened.size();
        long t = System.nanoTime();
        startSigning();
        int per = opts.containsKey("messages") ? integer("messages", 0) : (int) Math.ceil((double) plannedOps() / sessions);
        String padding = "x".repeat(Math.max(0, integer("pad", 200)));
        List<Stream> streams = parallel(sessions, signThreads, i -> chain(opened.get(i), per, senders, padding, i, proofs));
        int envelopeBytes = streams.get(0).bodies[0].length;
        System.out.printf(Locale.ROOT, "pre-signed: %d envelopes (%d per session, first one %d bytes) and %s DPoP proofs (%.1f s)%n",
                (long) per * sessions, per, envelopeBytes, proofs ? Long.toString((long) per * sessions) : "no", (System.nanoTime() - t) / 1e9);
        return streams;
    }

    /** --client jdk (java.net.http.HttpClient, the default) or raw (RawHttp: one connection per stream that can be in flight). */
    Transport transport(int streams) {
        String c = opt("client", "jdk");
        return switch (c) {
            case "jdk" -> Transport.jdk(clients);
            case "raw" -> new RawHttp(base, rate != null ? streams : Math.min(streams, concurrency));
            default -> throw new IllegalArgumentException("--client is jdk or raw");
        };
    }

    /**
     * Checks the plumbing, untimed: through both transports, an accepted envelope (201), the same
     * envelope again (200), a tampered one (422 hash-mismatch), a replayed proof (401), and a GET
     * (200). Prints what each transport parsed.
     */
    void selftest() throws Exception {
        String adminA = api.newOrg(true);
        String adminB = api.newOrg(false);
        Agent a = newAgent(adminA, "bench-selftest-a", true);
        Agent b = newAgent(adminB, "bench-selftest-b", true);
        boolean allGood = true;
        for (String client : List.of("jdk", "raw")) {
            opts.put("client", client);
            Transport t = transport(1);
            Opened o = open(a, b);
            startSigning();
            Stream s = chain(o, 2, 1, "selftest", 0, !inline);
            String auth = "DPoP " + a.token;
            String p0 = a.proof("POST", s.url, Instant.now().getEpochSecond(), true);
            Transport.Reply first = t.send(s, 0, auth, p0, 201).get();
            Transport.Reply again = t.send(s, 0, auth, a.proof("POST", s.url, Instant.now().getEpochSecond(), true), 201).get();
            String tampered = new String(s.bodies[1], java.nio.charset.StandardCharsets.UTF_8).replace("\"performative\":\"PROPOSE\"",
                    "\"performative\":\"INFORM\"");
            s.bodies[1] = tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Transport.Reply bad = t.send(s, 1, auth, a.proof("POST", s.url, Instant.now().getEpochSecond(), true), 201).get();
            Transport.Reply replay = t.send(s, 1, auth, p0, 201).get();
            String agentUrl = base + "/v1/asp/agents/" + a.id;
            Stream g = new Stream("get", agentUrl, "GET", new Agent[] {a}, null, null, null, 0);
            Transport.Reply got = t.send(g, 0, auth, a.proof("GET", agentUrl, Instant.now().getEpochSecond(), true), 200).get();
            String line = String.format(Locale.ROOT, "selftest %-4s: new %d, resent %d, tampered %d %s, replayed proof %d %s, GET profile %d", client,
                    first.status(), again.status(), bad.status(), Engine.code(bad.body()), replay.status(), Engine.code(replay.body()), got.status());
            boolean ok = first.status() == 201 && again.status() == 200 && bad.status() == 422 && "hash-mismatch".equals(Engine.code(bad.body()))
                    && replay.status() == 401 && got.status() == 200;
            System.out.println(line + (ok ? "  OK" : "  UNEXPECTED"));
            allGood &= ok;
        }
        allGood &= new WsBench(this).selftest(a, b);
        if (!allGood) {
            throw new IllegalStateException("selftest: a transport did not see what the server answered");
        }
    }

    String loopName() {
        return rate != null ? String.format(Locale.ROOT, "open loop at %.0f/s", rate) : "closed loop, concurrency " + concurrency;
    }

    Opened open(Agent inviter, Agent invitee) {
        String id = "ses_bench" + java.util.UUID.randomUUID().toString().replace("-", "");
        String invite = "{\"purpose\":\"load test\",\"participants\":[{\"agent\":\"" + inviter.id + "\",\"role\":\"buyer\"},{\"agent\":\""
                + invitee.id + "\",\"role\":\"seller\"}]}";
        String[] sealed = inviter.seal(unsigned(id, 1, null, inviter.id, "INVITE", null, invite));
        var r = api.as(inviter, "POST", "/v1/asp/sessions", sealed[1]);
        if (r.statusCode() != 201) {
            throw new Api.Failure("INVITE", r);
        }
        String[] accept = invitee.seal(unsigned(id, 2, sealed[0], invitee.id, "ACCEPT", 1L, "{\"note\":\"joining\"}"));
        r = api.as(invitee, "POST", "/v1/asp/sessions/" + id + "/messages", accept[1]);
        if (r.statusCode() != 201) {
            throw new Api.Failure("ACCEPT", r);
        }
        // The service appended its introduction (asp:system INFORM): build on the real head.
        var head = api.get(inviter, "/v1/asp/sessions/" + id).getJsonObject("head");
        return new Opened(id, inviter, invitee, head.getJsonNumber("seq").longValue(), head.getString("hash"));
    }

    static String newMessageId() {
        return "msg_" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    static String unsigned(String session, long seq, String prevHash, String sender, String performative, Long replyTo, String body) {
        return unsigned(newMessageId(), session, seq, prevHash, sender, performative, replyTo, body);
    }

    static String unsigned(String id, String session, long seq, String prevHash, String sender, String performative, Long replyTo, String body) {
        return "{\"asp\":\"1.0\",\"id\":\"" + id + "\",\"sessionId\":\"" + session
                + "\",\"seq\":" + seq + ",\"prevHash\":" + (prevHash == null ? "null" : "\"" + prevHash + "\"") + ",\"sender\":\"" + sender
                + "\",\"performative\":\"" + performative + "\"" + (replyTo == null ? "" : ",\"replyTo\":" + replyTo) + ",\"body\":" + body
                + ",\"sentAt\":\"" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}";
    }

    /**
     * The whole chain of a session, computed offline: each envelope's prevHash is the hash of the
     * one before (the first builds on the head after the join). Two senders alternate
     * PROPOSE (buyer), COUNTER (seller, to it), COUNTER (buyer, to that), INFORM (seller); one
     * sender alternates INFORM and PROPOSE (each PROPOSE supersedes the sender's last).
     */
    Stream chain(Opened o, int n, int senders, String padding, int index, boolean withProofs) {
        String url = base + "/v1/asp/sessions/" + o.id() + "/messages";
        Agent[] who = new Agent[n];
        byte[][] bodies = new byte[n][];
        String[] hashes = new String[n];
        String[] proofs = withProofs ? new String[n] : null;
        String[] ids = new String[n];
        long seq = o.headSeq();
        String prev = o.headHash();
        for (int k = 0; k < n; k++) {
            seq++;
            Agent sender;
            String performative;
            Long replyTo = null;
            String body;
            if (senders == 2) {
                sender = k % 2 == 0 ? o.inviter() : o.invitee();
                switch (k % 4) {
                    case 0 -> performative = "PROPOSE";
                    case 1, 2 -> {
                        performative = "COUNTER";
                        replyTo = seq - 1;
                    }
                    default -> performative = "INFORM";
                }
            } else {
                sender = o.inviter();
                performative = k % 2 == 0 ? "INFORM" : "PROPOSE";
            }
            if (performative.equals("INFORM")) {
                body = "{\"facts\":" + Crypto.str("message " + seq + " " + padding) + "}";
            } else {
                int quantity = 100 + k % 900;
                int cents = 200 + (k * 7) % 100;
                String unitPrice = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
                long totalCents = (long) quantity * cents;
                String total = String.format(Locale.ROOT, "%d.%02d", totalCents / 100, totalCents % 100);
                body = "{\"terms\":{\"items\":[{\"description\":\"GPU hours\",\"quantity\":" + quantity + ",\"unitPrice\":\"" + unitPrice
                        + "\",\"unit\":\"hour\"}],\"total\":\"" + total + "\",\"currency\":\"USD\",\"conditions\":[" + Crypto.str(padding) + "]}}";
            }
            ids[k] = newMessageId();
            String[] sealed = sender.seal(unsigned(ids[k], o.id(), seq, prev, sender.id, performative, replyTo, body));
            hashes[k] = sealed[0];
            bodies[k] = sealed[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            who[k] = sender;
            if (proofs != null) {
                proofs[k] = sender.proof("POST", url, proofIat, true);
            }
            prev = sealed[0];
        }
        Stream s = new Stream(o.id(), url, "POST", who, proofs, bodies, hashes, index);
        s.ids = ids;
        s.acceptedSeq = o.headSeq();
        s.acceptedHash = o.headHash();
        return s;
    }

    /** Untimed: the server re-checks a few transcripts, and their heads are the hashes computed here. */
    void verify(List<Stream> streams, List<Opened> opened, int count) {
        for (int i = 0; i < Math.min(count, streams.size()); i++) {
            Stream s = streams.get(i);
            var v = api.get(opened.get(i).inviter(), "/v1/asp/sessions/" + s.name + "/verify");
            boolean headMatches = s.acceptedHash != null && s.acceptedHash.equals(v.isNull("head") ? null : v.getString("head"));
            System.out.printf(Locale.ROOT, "verify %s: valid=%s messages=%d (expected %d) head matches the generator's chain: %s%n", s.name,
                    v.getBoolean("valid"), v.getInt("messages"), s.acceptedSeq, headMatches);
        }
    }

    // ---------------------------------------------------------------- report

    /** A ws-specific part of a run's report: lines printed after the cpu line, key=values appended to the RESULT line. */
    record Extra(List<String> lines, Map<String, String> values) {
    }

    void report(String what, Engine.Result r, int streams, String unit, Extra extra) {
        double ms = 1000.0;
        Histogram h = r.latency();
        double wall = (r.after().wallNs() - r.before().wallNs()) / 1e9;
        double server = (r.after().server() - r.before().server()) / wall;
        double pg = (r.after().postgres() - r.before().postgres()) / wall;
        double gen = (r.after().generator() - r.before().generator()) / wall;
        double busy = (r.after().machineBusy() - r.before().machineBusy()) / wall;
        double cores = (r.after().machineTotal() - r.before().machineTotal()) / wall;
        double throughput = r.ok() / r.seconds();
        System.out.println();
        System.out.printf(Locale.ROOT, "== %s, %s, %d streams, client %s: window %.1f s after %.0f s warm-up%n", what, loopName(), streams,
                opt("client", "jdk"), r.seconds(), warmup);
        System.out.printf(Locale.ROOT, "accepted:   %d (%s %s/s)%s%n", r.ok(), fmt(throughput), unit,
                rate != null ? String.format(Locale.ROOT, " — target %.0f/s", rate) : "");
        System.out.printf(Locale.ROOT, "latency:    p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f ms (%s; %d samples)%n",
                h.getValueAtPercentile(50) / ms, h.getValueAtPercentile(90) / ms, h.getValueAtPercentile(99) / ms, h.getValueAtPercentile(99.9) / ms,
                h.getMaxValue() / ms, h.getMean() / ms, rate != null ? "from the time each request was due" : "request to answer", h.getTotalCount());
        if (rate != null) {
            Histogram s = r.service();
            System.out.printf(Locale.ROOT, "service:    p50 %.2f  p99 %.2f  max %.2f ms (from the time it was sent); dispatcher's worst lag %.1f ms%n",
                    s.getValueAtPercentile(50) / ms, s.getValueAtPercentile(99) / ms, s.getMaxValue() / ms, r.maxLagMs());
        }
        System.out.printf(Locale.ROOT, "errors:     %d in the window%s%n", r.errors(), r.errorsByKind().isEmpty() ? "" : "; whole run by kind: " + r.errorsByKind());
        for (String sample : r.samples()) {
            System.out.println("  e.g. " + sample);
        }
        if (r.retries() + r.resent200() + r.lostStreams() > 0) {
            System.out.printf(Locale.ROOT, "recovery:   %d resends of the same envelope, %d answered 200 (already stored), %d sessions given up, "
                    + "%d closed-loop lanes stopped for want of a session%n", r.retries(), r.resent200(), r.lostStreams(), r.lanesStopped());
        }
        if (r.stuck() > 0) {
            System.out.printf(Locale.ROOT, "WARNING:    %d requests were still unanswered 30 s after the window (not in the latency figures)%n", r.stuck());
        }
        if (r.ranOut()) {
            System.out.printf(Locale.ROOT, "WARNING:    the pre-signed requests ran out %.1f s into the run; the window was cut there — raise --expect%n",
                    r.ranOutAfterS());
        }
        System.out.printf(Locale.ROOT, "cpu:        server %s cores (%s ms CPU per %s), postgres %s cores (all its databases), generator %s cores "
                + "(%s ms CPU per %s), machine busy %s of %.0f cores (others: %s)%n", fmt(server), fmt(server * 1000 / Math.max(throughput, 1e-9)), unit,
                fmt(pg), fmt(gen), fmt(gen * 1000 / Math.max(throughput, 1e-9)), unit, fmt(busy), cores, fmt(busy - server - pg - gen));
        if (extra != null) {
            extra.lines().forEach(System.out::println);
        }
        if (r.inlineSigned() > 0) {
            System.out.printf(Locale.ROOT, "note:       %d proofs were signed at send time%n", r.inlineSigned());
        }
        StringBuilder line = new StringBuilder("RESULT");
        kv(line, "mode", what);
        kv(line, "loop", rate != null ? "open" : "closed");
        kv(line, "concurrency", rate != null ? "-" : Integer.toString(concurrency));
        kv(line, "streams", Integer.toString(streams));
        kv(line, "target", rate != null ? fmt(rate) : "-");
        kv(line, "window_s", fmt(r.seconds()));
        kv(line, "ok", Long.toString(r.ok()));
        kv(line, "rate", fmt(throughput));
        kv(line, "p50_ms", fmt(h.getValueAtPercentile(50) / ms));
        kv(line, "p90_ms", fmt(h.getValueAtPercentile(90) / ms));
        kv(line, "p99_ms", fmt(h.getValueAtPercentile(99) / ms));
        kv(line, "max_ms", fmt(h.getMaxValue() / ms));
        kv(line, "errors", Long.toString(r.errors()));
        StringBuilder kinds = new StringBuilder();
        r.errorsByKind().forEach((k, v) -> kinds.append(kinds.length() == 0 ? "" : ",").append(k.replaceAll("[^A-Za-z0-9_.-]+", "_")).append(':').append(v));
        kv(line, "error_kinds", kinds.length() == 0 ? "-" : kinds.toString());
        kv(line, "server_cores", fmt(server));
        kv(line, "server_ms_per_op", fmt(server * 1000 / Math.max(throughput, 1e-9)));
        kv(line, "pg_cores", fmt(pg));
        kv(line, "gen_cores", fmt(gen));
        kv(line, "gen_ms_per_op", fmt(gen * 1000 / Math.max(throughput, 1e-9)));
        kv(line, "machine_busy", fmt(busy));
        kv(line, "ran_out", r.ranOut() ? "1" : "0");
        kv(line, "unanswered", Integer.toString(r.stuck()));
        kv(line, "sessions_lost", Long.toString(r.lostStreams()));
        kv(line, "client", opt("client", "jdk"));
        if (extra != null) {
            extra.values().forEach((k, v) -> kv(line, k, v));
        }
        kv(line, "label", opt("label", "-").replaceAll("\\s+", "_"));
        System.out.println(line);
    }

    static void kv(StringBuilder b, String k, String v) {
        b.append(' ').append(k).append('=').append(v);
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3g", d);
    }
}
