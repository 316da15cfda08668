package dev.asp.interfaces.ws;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.session.SessionService;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.pubsub.Frame;
import dev.asp.infrastructure.security.DpopException;
import dev.asp.interfaces.rest.problem.Problems;

/**
 * The frames the server answers with on {@code /v1/asp/ws} (spec 4.8). Refusals carry the same
 * RFC 9457 problem document the REST layer would answer (spec 10).
 */
final class SocketFrames {
    private static final Logger LOG = Logger.getLogger(SocketFrames.class.getName());
    static final String PATH = "/v1/asp/ws";

    private SocketFrames() {
    }

    static Frame.Reply authenticated(String agentId) {
        return reply(Jsonp.object().add("type", "authenticated").add("agent", agentId));
    }

    static Frame.Reply subscribed(String sessionId, long after) {
        return reply(Jsonp.object().add("type", "subscribed").add("sessionId", sessionId).add("after", after));
    }

    static Frame.Reply unsubscribed(String sessionId) {
        return reply(Jsonp.object().add("type", "unsubscribed").add("sessionId", sessionId));
    }

    static Frame.Reply ack(SessionService.Stored stored) {
        return reply(Jsonp.object().add("type", "ack").add("id", stored.message().id()).add("sessionId", stored.message().sessionId())
                .add("seq", stored.message().seq()).add("hash", stored.message().hash()).add("created", stored.created())
                .add("state", stored.session().state().name()));
    }

    /** An error frame for a refusal; {@code id} and {@code sessionId} are added when known. */
    static Frame.Reply error(String id, String sessionId, RuntimeException e) {
        JsonObjectBuilder b = Jsonp.object().add("type", "error");
        if (id != null) {
            b.add("id", id);
        }
        if (sessionId != null) {
            b.add("sessionId", sessionId);
        }
        return reply(b.add("problem", problem(e)));
    }

    /** A refused authentication where DPoP nonces are required: the problem names the nonce to use ({@code dpopNonce}). */
    static Frame.Reply error(RuntimeException e, String nonce) {
        JsonObject problem = Jsonp.object(problem(e)).add("dpopNonce", nonce).build();
        return reply(Jsonp.object().add("type", "error").add("problem", problem));
    }

    static Frame.Reply error(String id, String sessionId, ProblemCode code, String detail) {
        return error(id, sessionId, new DomainException(code, detail));
    }

    static JsonObject problem(RuntimeException e) {
        if (e instanceof DpopException d) {
            ProblemCode code = switch (d.error()) {
                case "invalid_token" -> ProblemCode.INVALID_TOKEN;
                case "use_dpop_nonce" -> ProblemCode.USE_DPOP_NONCE;
                default -> ProblemCode.INVALID_DPOP_PROOF;
            };
            return Problems.document(code, d.getMessage(), PATH, Map.of());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return Problems.document(d.code(), d.getMessage(), PATH, d.extensions());
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " on " + PATH, e);
        return Problems.document(ProblemCode.INTERNAL, "unexpected error; incident " + incident, PATH, Map.of("incident", incident));
    }

    private static Frame.Reply reply(JsonObjectBuilder b) {
        return new Frame.Reply(b.build().toString());
    }
}
