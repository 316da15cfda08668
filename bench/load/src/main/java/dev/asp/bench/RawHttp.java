package dev.asp.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal HTTP/1.1 keep-alive client for the timed requests (--client raw): one worker thread
 * per connection, each writing a request as one buffer and reading the answer (Content-Length or
 * chunked). Much less client CPU per request than java.net.http, which matters when the generator
 * shares a small machine with the server. Plain http only.
 */
final class RawHttp implements Transport {
    private record Job(byte[] request, int success, CompletableFuture<Reply> done) {
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();

    RawHttp(String base, int connections) {
        URI u = URI.create(base);
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("--client raw speaks plain http only");
        }
        host = u.getHost();
        port = u.getPort() == -1 ? 80 : u.getPort();
        hostHeader = u.getRawAuthority();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::work, "raw-http-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public CompletableFuture<Reply> send(Stream s, int k, String authorization, String proof, int success) {
        String path = s.uri.getRawPath();
        StringBuilder h = new StringBuilder(256 + authorization.length() + proof.length());
        h.append(s.method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nAuthorization: ").append(authorization).append("\r\nDPoP: ").append(proof).append("\r\n");
        byte[] body = s.bodies == null ? null : s.bodies[k];
        if (body != null) {
            h.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = head;
        if (body != null) {
            request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        }
        CompletableFuture<Reply> f = new CompletableFuture<>();
        jobs.add(new Job(request, success, f));
        return f;
    }

    private void work() {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        while (true) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            for (int attempt = 0;; attempt++) {
                boolean reused = socket != null;
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(host, port), 10_000);
                        in = new BufferedInputStream(socket.getInputStream(), 16384);
                        out = socket.getOutputStream();
                    }
                    out.write(job.request());
                    out.flush();
                    Parsed p = read(in, job.success());
                    if (p.close) {
                        close(socket);
                        socket = null;
                    }
                    job.done().complete(new Reply(p.status, p.body));
                    break;
                } catch (IOException | RuntimeException e) {
                    close(socket);
                    socket = null;
                    // A kept-alive connection the server closed meanwhile: once more on a new one.
                    if (!reused || attempt > 0) {
                        job.done().completeExceptionally(e);
                        break;
                    }
                }
            }
        }
    }

    private record Parsed(int status, String body, boolean close) {
    }

    private static Parsed read(InputStream in, int success) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before the status line");
        }
        // HTTP/1.1 201 Created
        int sp = statusLine.indexOf(' ');
        int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        boolean keep = status != success;
        ByteArrayOutputStream body = keep ? new ByteArrayOutputStream() : null;
        if (status == 204 || status == 304 || status / 100 == 1) {
            length = 0;
        }
        if (chunked) {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while ((l = line(in)) != null && !l.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                copy(in, n, body);
                line(in); // CRLF after the chunk
            }
        } else if (length >= 0) {
            copy(in, length, body);
        } else {
            // no length: the body runs to the end of the connection
            byte[] buf = new byte[8192];
            int r;
            while ((r = in.read(buf)) > 0) {
                if (body != null) {
                    body.write(buf, 0, r);
                }
            }
            close = true;
        }
        return new Parsed(status, body == null ? null : body.toString(StandardCharsets.UTF_8), close);
    }

    private static void copy(InputStream in, long n, ByteArrayOutputStream to) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("connection closed inside the body");
            }
            if (to != null) {
                to.write(buf, 0, r);
            }
            n -= r;
        }
    }

    /** A CRLF-terminated line in ISO-8859-1, without the CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
