package dev.asp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens as the client keeps them: replaced within the refresh margin; and RFC 9449 §8, §9 nonces: a server that demands nonces challenges the token
 * request (400 use_dpop_nonce) and a resource request (401 use_dpop_nonce); the SDK answers each
 * challenge once, with the nonce in the proof, and the caller never sees it. A local HTTP server
 * plays the challenging service (the IT server runs with nonces off, its default).
 */
class AgentTokensTest {
    private HttpServer server;
    private final List<String> proofsAtToken = new CopyOnWriteArrayList<>();
    private final List<String> proofsAtResource = new CopyOnWriteArrayList<>();
    private volatile String nonce = "nonce-1";
    private volatile int expiresIn = 900;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/asp/token", x -> {
            String proof = x.getRequestHeaders().getFirst("DPoP");
            proofsAtToken.add(proof);
            if (!nonce.equals(claims(proof).getString("nonce", null))) {
                answer(x, 400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"the proof needs the server's nonce\"}", "DPoP-Nonce", nonce);
            } else {
                answer(x, 200, "{\"access_token\":\"tok" + proofsAtToken.size() + "\",\"token_type\":\"DPoP\",\"expires_in\":" + expiresIn + "}");
            }
        });
        server.createContext("/v1/asp/agents/agt_x", x -> {
            String proof = x.getRequestHeaders().getFirst("DPoP");
            proofsAtResource.add(proof);
            if (!nonce.equals(claims(proof).getString("nonce", null))) {
                x.getResponseHeaders().add("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"fresh nonce needed\"");
                answer(x, 401, "{\"type\":\"https://asp.dev/problems/use_dpop_nonce\",\"code\":\"use_dpop_nonce\",\"status\":401}", "DPoP-Nonce", nonce);
            } else {
                answer(x, 200, "{\"id\":\"agt_x\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void tokenAndResourceChallengesAreAnsweredWithTheNonce() {
        AspAgent agent = new AspClient("http://127.0.0.1:" + server.getAddress().getPort()).agent("agt_x", AgentKey.generate());
        agent.login();
        assertEquals(2, proofsAtToken.size(), "one challenged token request, one answered");
        assertNull(claims(proofsAtToken.get(0)).getString("nonce", null));
        assertEquals("nonce-1", claims(proofsAtToken.get(1)).getString("nonce"));

        nonce = "nonce-2"; // the server moved on to its next nonce
        JsonObject profile = agent.get("/v1/asp/agents/agt_x");
        assertEquals("agt_x", profile.getString("id"));
        assertEquals(2, proofsAtResource.size());
        assertEquals("nonce-1", claims(proofsAtResource.get(0)).getString("nonce"));
        assertEquals("nonce-2", claims(proofsAtResource.get(1)).getString("nonce"));
        assertEquals(Codec.sha256B64("tok2"), claims(proofsAtResource.get(1)).getString("ath"));
    }

    @Test
    void aTokenWithinTheRefreshMarginIsReplacedBeforeUseAndAFreshOneIsKept() {
        AspAgent agent = new AspClient("http://127.0.0.1:" + server.getAddress().getPort()).agent("agt_x", AgentKey.generate());
        nonce = "n";
        expiresIn = (int) AspAgent.REFRESH_MARGIN.getSeconds() - 1;
        String first = agent.accessToken();
        String second = agent.accessToken();
        assertEquals(false, first.equals(second), "a token expiring within the margin is not used again");
        expiresIn = 900;
        String third = agent.accessToken();
        assertEquals(third, agent.accessToken(), "a fresh token is kept");
    }

    @Test
    void aSecondChallengeInARowIsTheCallersProblem() {
        AspAgent agent = new AspClient("http://127.0.0.1:" + server.getAddress().getPort()).agent("agt_x", AgentKey.generate());
        agent.login();
        nonce = "changes-every-time";
        server.removeContext("/v1/asp/agents/agt_x");
        server.createContext("/v1/asp/agents/agt_x", x -> {
            proofsAtResource.add(x.getRequestHeaders().getFirst("DPoP"));
            x.getResponseHeaders().add("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
            answer(x, 401, "{\"code\":\"use_dpop_nonce\",\"status\":401,\"detail\":\"again\"}", "DPoP-Nonce", "n" + proofsAtResource.size());
        });
        AspProblemException e = org.junit.jupiter.api.Assertions.assertThrows(AspProblemException.class, () -> agent.get("/v1/asp/agents/agt_x"));
        assertEquals("use_dpop_nonce", e.code());
        assertEquals(401, e.status());
        assertEquals(2, proofsAtResource.size(), "retried once, not in a loop");
    }

    private static JsonObject claims(String jws) {
        return Codec.object(new String(Codec.unb64(jws.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange x, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            x.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }
}
