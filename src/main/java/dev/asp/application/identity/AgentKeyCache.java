package dev.asp.application.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.domain.identity.KeyStatus;
import dev.asp.infrastructure.crypto.PublicJwk;

/**
 * Per-request lookups of an agent's standing and keys, cached briefly: changes made on this server
 * apply at once, changes made on another server when it announces them ({@link CredentialsWithdrawn}),
 * else within {@link #TTL}.
 */
@ApplicationScoped
public class AgentKeyCache {
    static final Duration TTL = Duration.ofSeconds(5);

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    /** An agent's standing as authentication needs it. */
    public record Standing(String agentId, String orgId, boolean canAct, Map<String, KeyStatus> keyStatus, Map<String, PublicJwk> keys,
            Instant loadedAt) {
        public boolean hasActiveKey(String kid) {
            return keyStatus.get(kid) == KeyStatus.ACTIVE;
        }
    }

    private final Map<String, Standing> cache = new ConcurrentHashMap<>();

    public Optional<Standing> standing(String agentId) {
        Standing s = cache.get(agentId);
        Instant now = clock.instant();
        if (s == null || s.loadedAt().plus(TTL).isBefore(now)) {
            s = load(agentId, now);
            if (s == null) {
                cache.remove(agentId);
                return Optional.empty();
            }
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(agentId, s);
        }
        return Optional.of(s);
    }

    public void invalidate(String agentId) {
        cache.remove(agentId);
    }

    /** A change announced by another server applies here at once, not only when the entry ages out. */
    void withdrawnElsewhere(@Observes CredentialsWithdrawn withdrawn) {
        if (withdrawn.elsewhere()) {
            invalidate(withdrawn.agentId());
        }
    }

    private Standing load(String agentId, Instant now) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent == null) {
            return null;
        }
        List<AgentKey> keys = em.createQuery("select k from AgentKey k where k.agentId = :a", AgentKey.class).setParameter("a", agentId)
                .getResultList();
        Map<String, KeyStatus> status = new ConcurrentHashMap<>();
        Map<String, PublicJwk> jwks = new ConcurrentHashMap<>();
        for (AgentKey k : keys) {
            status.put(k.kid(), k.status());
            jwks.put(k.kid(), PublicJwk.parse(k.publicJwk().toJson()));
        }
        return new Standing(agentId, agent.orgId(), agent.canAct(), Map.copyOf(status), Map.copyOf(jwks), now);
    }
}
