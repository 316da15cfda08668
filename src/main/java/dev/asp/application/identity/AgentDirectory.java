package dev.asp.application.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import dev.asp.domain.identity.AccountablePeople;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.AgentStatus;
import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.domain.identity.IdentityLevel;
import dev.asp.domain.identity.KeyStatus;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.persistence.InTransaction;

/** Registration, keys and status of agents (spec 1.1, 2.1, 3); shared by the registry API and SCIM. */
@ApplicationScoped
@InTransaction
public class AgentDirectory {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AgentDeactivated> deactivated;

    @Inject
    Event<AgentIdentityChanged> identityChanged;

    @Inject
    Event<CredentialsWithdrawn> withdrawn;

    @Inject
    AgentKeyCache keyCache;

    /** What describes an agent at registration or on update; null members are left unchanged. */
    public record Profile(String name, List<String> capabilities, List<String> regions, List<String> protocols,
            List<String> endpoints, List<JsonValue> publicKeys, String externalId, AccountablePeople people) {
    }

    public Agent register(String orgId, Profile p, boolean viaScim) {
        if (em.find(Organization.class, orgId) == null) {
            throw DomainException.notFound("organization " + orgId);
        }
        requireFreeName(orgId, p.name(), null);
        Agent agent = new Agent(orgId, p.name(), viaScim, clock.instant());
        agent.describe(p.capabilities(), p.regions(), p.protocols(), p.endpoints());
        agent.setExternalId(p.externalId());
        if (p.people() != null) {
            agent.setPeople(p.people());
        }
        List<PublicJwk> keys = parseKeys(p.publicKeys());
        em.persist(agent);
        em.flush(); // no JPA relationship orders the key rows after the agent row
        for (PublicJwk k : keys) {
            persistKey(agent, k);
        }
        identityChanged.fire(new AgentIdentityChanged(agent.id()));
        return agent;
    }

    /** Replaces the described fields (SCIM PUT/PATCH, registry updates); keys are added, never silently dropped. */
    public Agent update(String agentId, Profile p) {
        Agent agent = get(agentId);
        if (p.name() != null && !p.name().equals(agent.name())) {
            requireFreeName(agent.orgId(), p.name(), agentId);
            agent.rename(p.name());
        }
        agent.describe(p.capabilities(), p.regions(), p.protocols(), p.endpoints());
        if (p.externalId() != null) {
            agent.setExternalId(p.externalId());
        }
        if (p.people() != null) {
            agent.setPeople(p.people());
        }
        List<AgentKey> existing = keys(agentId);
        for (PublicJwk k : parseKeys(p.publicKeys())) {
            if (existing.stream().noneMatch(e -> e.kid().equals(k.thumbprint()))) {
                persistKey(agent, k);
            }
        }
        agent.touch(clock.instant());
        identityChanged.fire(new AgentIdentityChanged(agentId));
        return agent;
    }

    public AgentKey addKey(String agentId, JsonValue jwk) {
        Agent agent = get(agentId);
        PublicJwk key = parseKey(jwk);
        AgentKey stored = persistKey(agent, key);
        agent.touch(clock.instant());
        identityChanged.fire(new AgentIdentityChanged(agentId));
        return stored;
    }

    public AgentKey changeKeyStatus(String agentId, String kid, KeyStatus status) {
        AgentKey key = em.find(AgentKey.class, kid);
        if (key == null || !key.agentId().equals(agentId)) {
            throw DomainException.notFound("key " + kid);
        }
        boolean wasActive = key.isActive();
        key.changeStatus(status, clock.instant());
        get(agentId).touch(clock.instant());
        keyCache.invalidate(agentId);
        if (wasActive && !key.isActive()) {
            withdrawn.fire(CredentialsWithdrawn.key(agentId, kid, status));
        }
        identityChanged.fire(new AgentIdentityChanged(agentId));
        return key;
    }

    public Agent changeStatus(String agentId, AgentStatus status) {
        Agent agent = get(agentId);
        AgentStatus before = agent.status();
        agent.changeStatus(status);
        agent.touch(clock.instant());
        keyCache.invalidate(agentId);
        if (before == AgentStatus.ACTIVE && status != AgentStatus.ACTIVE) {
            deactivated.fire(new AgentDeactivated(agentId, status));
            withdrawn.fire(CredentialsWithdrawn.agent(agentId, status));
        }
        return agent;
    }

    public Agent assignTrustLevel(String agentId, String level) {
        if (!"infrastructure".equals(level)) {
            throw DomainException.malformed("\"level\" can only be assigned as \"infrastructure\"");
        }
        Agent agent = get(agentId);
        agent.assignTrustOverride(level);
        agent.touch(clock.instant());
        identityChanged.fire(new AgentIdentityChanged(agentId));
        return agent;
    }

    public Agent get(String agentId) {
        Agent agent = agentId == null ? null : em.find(Agent.class, agentId);
        if (agent == null || agent.status() == AgentStatus.DEPROVISIONED) {
            throw DomainException.notFound("agent " + agentId);
        }
        return agent;
    }

    /** The agent if it belongs to {@code orgId}; otherwise the same 404 as a missing agent. */
    public Agent getInOrg(String agentId, String orgId) {
        Agent agent = get(agentId);
        if (!agent.orgId().equals(orgId)) {
            throw DomainException.notFound("agent " + agentId);
        }
        return agent;
    }

    /**
     * As {@link #getInOrg}, holding the agent's row lock until the transaction ends, so a SCIM
     * If-Match comparison and the write it guards happen atomically (RFC 7644 3.14).
     */
    public Agent getInOrgForUpdate(String agentId, String orgId) {
        if (agentId != null) {
            em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
        }
        return getInOrg(agentId, orgId);
    }

    /** The org's agents that still exist (not deprovisioned), oldest first. */
    public List<Agent> listInOrg(String orgId) {
        return em.createQuery("select a from Agent a where a.orgId = :o and a.status <> 'deprovisioned' order by a.createdAt, a.id", Agent.class)
                .setParameter("o", orgId).getResultList();
    }

    /** Every key of the org's agents in one query (SCIM lists render them all). */
    public List<AgentKey> keysInOrg(String orgId) {
        return em.createQuery("select k from AgentKey k where k.agentId in (select a.id from Agent a where a.orgId = :o) order by k.createdAt",
                AgentKey.class).setParameter("o", orgId).getResultList();
    }

    /** Sets or (with null) clears the identity provider's id of the agent; {@link #update} only ever sets it. */
    public Agent setExternalId(String agentId, String externalId) {
        Agent agent = get(agentId);
        agent.setExternalId(externalId);
        agent.touch(clock.instant());
        return agent;
    }

    public List<AgentKey> keys(String agentId) {
        return em.createQuery("select k from AgentKey k where k.agentId = :a order by k.createdAt", AgentKey.class)
                .setParameter("a", agentId).getResultList();
    }

    /** Spec 2.2: api_key without an active key, else key_bound / org_verified / enterprise_scim. */
    public IdentityLevel identityLevel(Agent agent) {
        boolean hasKey = keys(agent.id()).stream().anyMatch(AgentKey::isActive);
        if (!hasKey) {
            return IdentityLevel.API_KEY;
        }
        Organization org = em.find(Organization.class, agent.orgId());
        return IdentityLevel.ofKeyBound(agent.viaScim(), org != null && org.verified());
    }

    public Organization organizationOf(Agent agent) {
        return em.find(Organization.class, agent.orgId());
    }

    private void requireFreeName(String orgId, String name, String exceptAgentId) {
        List<String> ids = em.createQuery("select a.id from Agent a where a.orgId = :o and a.name = :n", String.class)
                .setParameter("o", orgId).setParameter("n", name).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(exceptAgentId))) {
            throw DomainException.conflict("the organization already has an agent named \"" + name + "\"");
        }
    }

    private AgentKey persistKey(Agent agent, PublicJwk key) {
        if (em.find(AgentKey.class, key.thumbprint()) != null) {
            throw DomainException.conflict("the key " + key.thumbprint() + " is registered already");
        }
        AgentKey stored = new AgentKey(agent.id(), key, clock.instant());
        em.persist(stored);
        keyCache.invalidate(agent.id());
        return stored;
    }

    private static List<PublicJwk> parseKeys(List<JsonValue> jwks) {
        List<PublicJwk> out = new ArrayList<>();
        if (jwks != null) {
            for (JsonValue v : jwks) {
                PublicJwk k = parseKey(v);
                if (out.contains(k)) {
                    throw DomainException.malformed("the same key is listed twice");
                }
                out.add(k);
            }
        }
        return out;
    }

    private static PublicJwk parseKey(JsonValue jwk) {
        try {
            return PublicJwk.parse(jwk);
        } catch (IllegalArgumentException e) {
            throw DomainException.malformed(e.getMessage());
        }
    }
}
