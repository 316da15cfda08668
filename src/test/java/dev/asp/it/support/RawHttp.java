package dev.asp.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests no well-behaved client sends (a lone '%', "%zz", raw bytes in the target): written to the
 * socket as they are, since java.net.URI refuses to build them. HTTP/1.1 with Connection: close.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code method target HTTP/1.1} with the Host header and {@code headers} (name, value pairs). */
    public static Reply send(String method, byte[] target, String... headers) {
        AspServer.awaitReady();
        URI base = URI.create(AspServer.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(target);
            StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + new String(target, StandardCharsets.ISO_8859_1) + " failed: " + e, e);
        }
    }

    public static Reply get(String target, String... headers) {
        return send("GET", target.getBytes(StandardCharsets.UTF_8), headers);
    }

    // Status line, headers, then the body as sent: these answers are small and end with the connection.
    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if (headers.keySet().stream().anyMatch("Transfer-Encoding"::equalsIgnoreCase)) {
            body = unchunk(body);
        }
        return new Reply(status, HttpHeaders.of(headers, (a, b) -> true), body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
