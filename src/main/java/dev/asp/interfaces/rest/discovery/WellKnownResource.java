package dev.asp.interfaces.rest.discovery;

import dev.asp.domain.shared.Jsonp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.crypto.ServiceKey;
import dev.asp.infrastructure.crypto.ServiceKeyRing;

/** Spec 3 and 8: the discovery document and the service's JWKS, both without authentication. */
@ApplicationScoped
@Path(".well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {
    @Inject
    ServiceKeyRing keys;

    @GET
    @Path("asp-configuration")
    @Operation(summary = "Discovery document: endpoints, performatives, algorithms and the session state machine")
    public JsonObject configuration() {
        JsonArrayBuilder performatives = Jsonp.array();
        Performative.negotiation().forEach(p -> performatives.add(p.name()));
        return Jsonp.object()
                .add("version", "1.0")
                .add("endpoints", Jsonp.object()
                        .add("sessions", "/v1/asp/sessions")
                        .add("registry", "/v1/asp/registry")
                        .add("trust", "/v1/asp/trust")
                        .add("token", "/v1/asp/token")
                        .add("websocket", "/v1/asp/ws")
                        .add("jwks", "/.well-known/jwks.json"))
                .add("performatives", performatives)
                .add("transports", Jsonp.array().add("http-sse").add("websocket"))
                .add("signatureAlgorithms", Jsonp.array(PublicJwk.ALGORITHMS))
                .add("hashAlgorithm", "SHA-256")
                .add("canonicalization", "RFC8785")
                .add("stateMachine", stateMachine())
                .build();
    }

    @GET
    @Path("jwks.json")
    @Operation(summary = "The service's Ed25519 signing keys, current and retired")
    public JsonObject jwks() {
        JsonArrayBuilder list = Jsonp.array();
        for (ServiceKey k : keys.published()) {
            JsonObjectBuilder jwk = Jsonp.object(k.publicJwk().toJson())
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
        return Jsonp.object().add("keys", list).build();
    }

    private static JsonObject stateMachine() {
        JsonArrayBuilder states = Jsonp.array();
        JsonObjectBuilder allowed = Jsonp.object();
        for (SessionState s : SessionState.values()) {
            states.add(s.name());
            JsonArrayBuilder perfs = Jsonp.array();
            Performative.negotiation().stream().filter(p -> StateMachine.admits(s, p)).forEach(p -> perfs.add(p.name()));
            allowed.add(s.name(), perfs);
        }
        JsonArrayBuilder transitions = Jsonp.array();
        for (StateMachine.Transition t : StateMachine.transitions()) {
            JsonObjectBuilder b = Jsonp.object();
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
        return Jsonp.object()
                .add("initial", SessionState.INVITED.name())
                .add("states", states)
                .add("allowed", allowed)
                .add("transitions", transitions)
                .build();
    }
}
