package dev.asp.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.asp.domain.session.Performative;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.StateMachine;
import dev.asp.it.support.AspServer;
import dev.asp.it.support.Json;
import dev.asp.it.support.Reply;

/** Spec 3: GET /.well-known/asp-configuration, without authentication, exactly as the contract writes it. */
class DiscoveryIT {
    private static final List<String> PERFORMATIVES = List.of("PROPOSE", "COUNTER", "ACCEPT", "REJECT", "QUERY", "INFORM",
            "CLARIFY", "COMMIT", "FULFILL", "DELEGATE", "ESCALATE", "WITHDRAW", "CLOSE");

    private static JsonObject configuration() {
        Reply reply = AspServer.get("/.well-known/asp-configuration");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        return reply.json();
    }

    @Test
    void documentHasExactlyTheSpecsMembers() {
        assertEquals(Set.of("version", "endpoints", "performatives", "transports", "signatureAlgorithms", "hashAlgorithm",
                "canonicalization", "stateMachine"), configuration().keySet());
    }

    @Test
    void versionAlgorithmsAndTransportsAreTheSpecsValues() {
        JsonObject c = configuration();
        assertEquals("1.0", c.getString("version"));
        assertEquals("SHA-256", c.getString("hashAlgorithm"));
        assertEquals("RFC8785", c.getString("canonicalization"));
        assertEquals(List.of("http-sse", "websocket"), Json.strings(c.getJsonArray("transports")));
        List<String> algorithms = Json.strings(c.getJsonArray("signatureAlgorithms"));
        assertEquals("Ed25519", algorithms.get(0), "Ed25519 first, then every other supported one");
        assertEquals(algorithms.size(), Set.copyOf(algorithms).size(), "no duplicates");
    }

    @Test
    void endpointsAreExactlyTheSpecsPaths() {
        assertEquals(Json.of(
                "sessions", "/v1/asp/sessions",
                "registry", "/v1/asp/registry",
                "trust", "/v1/asp/trust",
                "token", "/v1/asp/token",
                "websocket", "/v1/asp/ws",
                "jwks", "/.well-known/jwks.json"), configuration().getJsonObject("endpoints"));
    }

    @Test
    void performativesAreTheThirteenInTheSpecsOrder() {
        assertEquals(PERFORMATIVES, Json.strings(configuration().getJsonArray("performatives")));
    }

    @Test
    void stateMachineIsPublishedAsTheSameDataTheValidatorReads() {
        JsonObject machine = configuration().getJsonObject("stateMachine");
        assertEquals("INVITED", machine.getString("initial"));
        assertEquals(Arrays.stream(SessionState.values()).map(Enum::name).toList(), Json.strings(machine.getJsonArray("states")));

        JsonObject allowed = machine.getJsonObject("allowed");
        for (SessionState s : SessionState.values()) {
            List<String> expected = Performative.negotiation().stream().filter(p -> StateMachine.admits(s, p)).map(Enum::name).toList();
            assertEquals(expected, Json.strings(allowed.getJsonArray(s.name())), s.name());
        }
        assertEquals(List.of("QUERY", "INFORM", "CLARIFY"), Json.strings(allowed.getJsonArray("ESCALATED")));

        JsonArray transitions = machine.getJsonArray("transitions");
        assertEquals(StateMachine.transitions().size(), transitions.size());
        for (JsonValue v : transitions) {
            JsonObject t = v.asJsonObject();
            assertEquals(Set.of("from", "on", "to", "when"), t.keySet(), t::toString);
        }
        assertTrue(transitions.stream().map(JsonValue::asJsonObject).anyMatch(t -> t.get("from") == JsonValue.NULL
                && t.getString("on").equals("INVITE") && t.getString("to").equals("INVITED")), "the opening edge");
        assertTrue(transitions.stream().map(JsonValue::asJsonObject).anyMatch(t -> t.get("from") != JsonValue.NULL
                && t.getString("from").equals("AGREED") && t.getString("on").equals("COMMIT") && t.getString("to").equals("EXECUTING")));
    }

    @Test
    void documentIsPublicAndIgnoresCredentials() {
        Reply withGarbage = AspServer.get("/.well-known/asp-configuration", "Authorization", "Bearer nonsense");
        assertEquals(200, withGarbage.status(), withGarbage::toString);
    }
}
