package dev.asp.interfaces.rest.discovery;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.domain.session.Performative;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.StateMachine;
import dev.asp.infrastructure.crypto.ServiceKey;
import dev.asp.infrastructure.crypto.ServiceKeyRing;

/** Spec 3 and 8: the discovery document and the service's JWKS, both without authentication. */
@Path(".well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {
    @Inject
    ServiceKeyRing keys;

    @GET
    @Path("asp-configuration")
    @Operation(summary = "Discovery document: endpoints, performatives, algorithms and the session state machine")
    public JsonObject configuration() {
        JsonArrayBuilder performatives = Json.createArrayBuilder();
        Performative.negotiation().forEach(p -> performatives.add(p.name()));
        return Json.createObjectBuilder()
                .add("version", "1.0")
                .add("endpoints", Json.createObjectBuilder()
                        .add("sessions", "/v1/asp/sessions")
                        .add("registry", "/v1/asp/registry")
                        .add("trust", "/v1/asp/trust")
                        .add("token", "/v1/asp/token")
                        .add("websocket", "/v1/asp/ws")
                        .add("jwks", "/.well-known/jwks.json"))
                .add("performatives", performatives)
                .add("transports", Json.createArrayBuilder().add("http-sse").add("websocket"))
                .add("signatureAlgorithms", Json.createArrayBuilder().add("Ed25519").add("EdDSA").add("ES256"))
                .add("hashAlgorithm", "SHA-256")
                .add("canonicalization", "RFC8785")
                .add("stateMachine", stateMachine())
                .build();
    }

    @GET
    @Path("jwks.json")
    @Operation(summary = "The service's Ed25519 signing keys, current and retired")
    public JsonObject jwks() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (ServiceKey k : keys.published()) {
            JsonObjectBuilder jwk = Json.createObjectBuilder(k.publicJwk().toJson())
                    .add("kid", k.kid())
                    .add("use", "sig")
                    .add("alg", "EdDSA")
                    .add("status", k.status())
                    .add("createdAt", k.createdAt().toString());
            if (k.retiredAt() != null) {
                jwk.add("retiredAt", k.retiredAt().toString());
            }
            list.add(jwk);
        }
        return Json.createObjectBuilder().add("keys", list).build();
    }

    private static JsonObject stateMachine() {
        JsonArrayBuilder states = Json.createArrayBuilder();
        JsonObjectBuilder allowed = Json.createObjectBuilder();
        for (SessionState s : SessionState.values()) {
            states.add(s.name());
            JsonArrayBuilder perfs = Json.createArrayBuilder();
            Performative.negotiation().stream().filter(p -> StateMachine.admits(s, p)).forEach(p -> perfs.add(p.name()));
            allowed.add(s.name(), perfs);
        }
        JsonArrayBuilder transitions = Json.createArrayBuilder();
        for (StateMachine.Transition t : StateMachine.transitions()) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            if (t.from() == null) {
                b.addNull("from");
            } else {
                b.add("from", t.from().name());
            }
            b.add("on", t.on());
            if (t.to() == null) {
                b.add("to", "previous");
            } else {
                b.add("to", t.to().name());
            }
            transitions.add(b.add("when", t.when()));
        }
        return Json.createObjectBuilder()
                .add("initial", SessionState.INVITED.name())
                .add("states", states)
                .add("allowed", allowed)
                .add("transitions", transitions)
                .build();
    }
}
