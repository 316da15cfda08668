package dev.asp.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liberty server from the installation the build created, next to the server under test,
 * with the same configuration, drivers and application, its HTTP port one above and no HTTPS port.
 * It uses the database the environment names ({@code ASP_DB_URL}: on PostgreSQL the first server's),
 * else an embedded one of its own in its own directory. It gets the main server's operator token through
 * {@code ASP_OPERATOR_TOKEN}, so starting it never rotates the generated one the tests use, and
 * whatever other environment the test gives it (a short {@code ASP_TOKEN_TTL}).
 */
public final class SecondServer {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    public final String name;
    final Path main;
    final Path wlp;
    public final Path dir;
    public final int httpPort;
    public final String base;
    private final Map<String, String> environment;

    /** Server {@code asp2}. */
    public SecondServer(Map<String, String> environment) {
        this("asp2", environment);
    }

    public SecondServer(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.main = Path.of(System.getProperty("asp.it.serverDir", "target/liberty/wlp/usr/servers/asp")).toAbsolutePath();
        this.wlp = main.getParent().getParent().getParent();
        this.dir = main.getParent().resolve(name);
        URI first = URI.create(Asp.BASE);
        this.httpPort = first.getPort() + 1;
        this.base = first.getScheme() + "://" + first.getHost() + ":" + httpPort;
    }

    public void create() throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir.resolve("configDropins/overrides"));
        for (String file : List.of("server.xml", "server.env", "bootstrap.properties", "jvm.options")) {
            if (Files.exists(main.resolve(file))) {
                Files.copy(main.resolve(file), dir.resolve(file));
            }
        }
        copyTree(main.resolve("lib"), dir.resolve("lib"));
        copyTree(main.resolve("dropins"), dir.resolve("dropins"));
        Files.writeString(dir.resolve("configDropins/overrides/ports.xml"), "<server>\n"
                + "    <variable name=\"http.port\" value=\"" + httpPort + "\"/>\n"
                + "    <variable name=\"https.port\" value=\"-1\"/>\n"
                + "</server>\n", StandardCharsets.UTF_8);
    }

    public void start() throws Exception {
        run("start");
        awaitReady(Duration.ofMinutes(5));
    }

    public void stop() throws Exception {
        if (Files.exists(dir)) {
            run("stop");
        }
    }

    /**
     * SIGKILL of the server's JVM (Liberty's {@code .pid} file names it), as a crash would end it:
     * no shutdown hook, no orderly close of the database. Returns once the process is gone.
     */
    public void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(dir.getParent().resolve(".pid/" + name + ".pid")).trim());
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("server " + name + " (pid " + pid + ") is not running"));
        if (!jvm.destroyForcibly()) {
            throw new IllegalStateException("could not kill server " + name + " (pid " + pid + ")");
        }
        jvm.onExit().get(60, TimeUnit.SECONDS);
        if (jvm.isAlive()) {
            throw new IllegalStateException("server " + name + " (pid " + pid + ") survived SIGKILL");
        }
    }

    private void run(String action) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(dir.resolve(action + ".out").toFile());
        // the spawned server shares the database (ASP_DB_* come from this environment) and the operator token
        pb.environment().put("ASP_OPERATOR_TOKEN", Asp.operatorToken());
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + name + " did not return");
        }
        if (p.exitValue() != 0 && !"stop".equals(action)) {
            throw new IllegalStateException("server " + action + " " + name + " failed: " + Files.readString(dir.resolve(action + ".out")));
        }
    }

    private void awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(10)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && Files.readString(dir.resolve("logs/messages.log")).contains("CWWKZ0001I")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("server " + name + " at " + base + " did not become ready; see " + dir.resolve("logs"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
