package dev.asp.application.session;

import dev.asp.domain.shared.Digests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.application.identity.AgentKeyCache;
import dev.asp.application.identity.Caller;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.infrastructure.crypto.PublicJwk;

/**
 * Spec 4.1 checks that need no session: the sender is the authenticated agent, the hash is the
 * SHA-256 of the RFC 8785 bytes, the signature verifies with the sender's key, sentAt is fresh.
 */
@ApplicationScoped
public class EnvelopeAuthenticity {
    static final Duration SENT_AT_WINDOW = Duration.ofMinutes(5);

    @Inject
    AgentKeyCache standings;

    @Inject
    Clock clock;

    /** Which key signed an accepted envelope, stored beside it so the transcript verifies forever. */
    public record Signer(String kid, PublicJwk jwk) {
    }

    public Signer check(Envelope e, Caller.AgentCaller caller) {
        if (!e.sender().equals(caller.agentId())) {
            throw DomainException.notAllowed("the envelope's sender " + e.sender() + " is not the authenticated agent " + caller.agentId());
        }
        Instant now = clock.instant();
        if (e.sentAt().isBefore(now.minus(SENT_AT_WINDOW)) || e.sentAt().isAfter(now.plus(SENT_AT_WINDOW))) {
            throw DomainException.protocol("sentAt " + e.sentAt() + " is not within 5 minutes of the server's time " + now);
        }
        byte[] bytes = e.signingBytes();
        String computed = Digests.sha256Hex(bytes);
        if (!computed.equals(e.hash())) {
            throw new DomainException(ProblemCode.HASH_MISMATCH, "hash is not the SHA-256 of the envelope's RFC 8785 bytes (expected " + computed + ")");
        }
        byte[] signature;
        try {
            signature = Base64Url.decode(e.signature());
        } catch (IllegalArgumentException ex) {
            throw new DomainException(ProblemCode.INVALID_SIGNATURE, "signature is not base64url");
        }
        // The proof key signs first; an agent with several active keys may sign with any of them.
        if (caller.key().verify(bytes, signature)) {
            return new Signer(caller.key().thumbprint(), caller.key());
        }
        var standing = standings.standing(caller.agentId()).orElseThrow();
        for (var entry : standing.keys().entrySet()) {
            if (standing.hasActiveKey(entry.getKey()) && entry.getValue().verify(bytes, signature)) {
                return new Signer(entry.getKey(), entry.getValue());
            }
        }
        throw new DomainException(ProblemCode.INVALID_SIGNATURE, "the signature does not verify with an active key of " + caller.agentId());
    }
}
