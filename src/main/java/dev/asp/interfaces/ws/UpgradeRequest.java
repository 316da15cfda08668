package dev.asp.interfaces.ws;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Keeps what authentication needs from the upgrade request (spec 4.8): its Authorization and DPoP
 * headers and its URL, which the endpoint cannot see any more once the socket is open. The user
 * properties it writes to are the connection's own (Jakarta WebSocket 2.1).
 */
public class UpgradeRequest extends ServerEndpointConfig.Configurator {
    static final String KEY = "asp.upgrade";

    /** {@code authorization} and {@code dpop} are null when the upgrade carried none (browsers). */
    record Captured(String authorization, String dpop, URI url) {
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = request.getHeaders();
        sec.getUserProperties().put(KEY, new Captured(header(headers, "Authorization"), header(headers, "DPoP"), url(request, headers)));
    }

    // Several DPoP headers are joined, so the proof check refuses them (RFC 9449 §4.3: exactly one).
    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                return String.join(",", e.getValue());
            }
        }
        return null;
    }

    private static URI url(HandshakeRequest request, Map<String, List<String>> headers) {
        URI uri = request.getRequestURI();
        if (uri.isAbsolute()) {
            return uri;
        }
        String host = header(headers, "Host");
        return URI.create("http://" + (host == null ? "localhost" : host) + uri.getRawPath());
    }
}
