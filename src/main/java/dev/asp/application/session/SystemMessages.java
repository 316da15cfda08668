package dev.asp.application.session;

import dev.asp.domain.shared.Jsonp;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Participant;
import dev.asp.domain.session.SystemMessage;
import dev.asp.domain.shared.Ids;
import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.infrastructure.crypto.ServiceKeyRing;
import dev.asp.infrastructure.crypto.SigningKey;

/**
 * The service's own messages (spec 4.1): sender asp:system, signed with the service key from the
 * JWKS. An introduction (4.5) carries what only the service knows of each participant.
 */
@ApplicationScoped
public class SystemMessages {
    @Inject
    ServiceKeyRing keys;

    @Inject
    AgentDirectory agents;

    @Inject
    TrustGate trust;

    @Inject
    Clock clock;

    /** A sealed system envelope and the key that signed it. */
    public record Sealed(Envelope envelope, SigningKey key) {
    }

    public Sealed seal(SystemMessage message, Negotiation session) {
        JsonObject body = message.kind() == SystemMessage.Kind.INTRODUCTION ? introduction(session, message.body()) : message.body();
        JsonObject unsigned = message.unsigned(Ids.newId("msg"), session.sessionId(), session.head(), clock.instant(), body);
        SigningKey key = keys.current();
        return new Sealed(Envelope.seal(unsigned, bytes -> Base64Url.encode(key.sign(bytes))), key);
    }

    private JsonObject introduction(Negotiation session, JsonObject base) {
        JsonArrayBuilder people = Jsonp.array();
        for (Participant p : session.participants()) {
            Agent agent = agents.get(p.agent());
            TrustSummary t = trust.trustOf(p.agent());
            JsonObjectBuilder components = Jsonp.object();
            t.components().forEach(components::add);
            JsonObjectBuilder who = Jsonp.object()
                    .add("agent", p.agent())
                    .add("role", p.role())
                    .add("name", agent.name())
                    .add("organization", agent.orgId())
                    .add("identityLevel", agents.identityLevel(agent).wire());
            agents.keys(p.agent()).stream().filter(AgentKey::isActive).map(AgentKey::kid).findFirst()
                    .ifPresentOrElse(kid -> who.add("keyThumbprint", kid), () -> who.addNull("keyThumbprint"));
            people.add(who.add("trust", Jsonp.object().add("score", t.score()).add("level", t.level()).add("components", components)));
        }
        return Jsonp.object(base).add("participants", people).build();
    }
}
