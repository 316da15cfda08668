package dev.asp.application.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.asp.domain.identity.AccountablePeople;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.AgentStatus;
import dev.asp.domain.identity.KeyStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Spec 2.4: an identity provider provisions an org's agents as SCIM Users. Each use case runs in
 * one transaction over {@link AgentDirectory}, so a refused request stores nothing, and the
 * If-Match precondition is checked under the agent's row lock.
 */
@ApplicationScoped
@InTransaction
public class ScimProvisioning {
    /** Agent names are 1-200 characters (Agent.rename). */
    private static final int NAME_LIMIT = 200;

    @Inject
    AgentDirectory directory;

    /**
     * The state an identity provider asserts for a User. {@code active} null means "not asserted":
     * the agent keeps its status (a suspension is never lifted by omission). {@code externalId}
     * null clears it. {@code publicKeys} are the agent's active keys: new ones are registered,
     * active ones left out are retired (spec 2.1 rotation).
     */
    public record Desired(String userName, String externalId, Boolean active, List<String> capabilities, List<String> regions,
            List<String> protocols, List<JsonObject> publicKeys, AccountablePeople people) {
    }

    /** An agent as SCIM shows it: the entity and its active keys. */
    public record Provisioned(Agent agent, List<AgentKey> activeKeys) {
    }

    /** The resource changed since the client read it (RFC 7644 3.14: 412 Precondition Failed). */
    public static final class VersionMismatch extends RuntimeException {
        public VersionMismatch() {
            super("the resource has changed: its version no longer matches If-Match", null, false, false);
        }
    }

    public Provisioned create(String orgId, Desired d) {
        Agent agent = directory.register(orgId, new AgentDirectory.Profile(d.userName(), d.capabilities(), d.regions(), d.protocols(), null,
                new ArrayList<JsonValue>(d.publicKeys()), d.externalId(), d.people()), true);
        if (Boolean.FALSE.equals(d.active())) {
            directory.changeStatus(agent.id(), AgentStatus.SUSPENDED);
        }
        return view(agent);
    }

    public Provisioned get(String orgId, String agentId) {
        return view(directory.getInOrg(agentId, orgId));
    }

    /** The org's agents, oldest first; SCIM filters them in memory (an org has at most thousands). */
    public List<Provisioned> list(String orgId) {
        Map<String, List<AgentKey>> keys = new LinkedHashMap<>();
        for (AgentKey k : directory.keysInOrg(orgId)) {
            if (k.isActive()) {
                keys.computeIfAbsent(k.agentId(), id -> new ArrayList<>()).add(k);
            }
        }
        List<Provisioned> out = new ArrayList<>();
        for (Agent a : directory.listInOrg(orgId)) {
            out.add(new Provisioned(a, keys.getOrDefault(a.id(), List.of())));
        }
        return out;
    }

    /**
     * PUT and PATCH: if the agent's version satisfies {@code precondition}, {@code change} computes
     * the new state from the current one, under the same row lock as the write.
     */
    public Provisioned modify(String orgId, String agentId, LongPredicate precondition, Function<Provisioned, Desired> change) {
        Agent agent = directory.getInOrgForUpdate(agentId, orgId);
        if (!precondition.test(agent.version())) {
            throw new VersionMismatch();
        }
        Provisioned current = view(agent);
        apply(current, change.apply(current));
        return view(agent);
    }

    /**
     * DELETE: deprovisioned is final (the agent answers 404 from now on); its sessions close. The
     * agent keeps its id and history, but gives up its name: RFC 7644 3.6 says a deleted User must
     * not take part in uniqueness, so the identity provider can provision the same userName again.
     */
    public void deprovision(String orgId, String agentId, LongPredicate precondition) {
        Agent agent = directory.getInOrgForUpdate(agentId, orgId);
        if (!precondition.test(agent.version())) {
            throw new VersionMismatch();
        }
        directory.update(agent.id(), new AgentDirectory.Profile(retiredName(agent), null, null, null, null, null, null, null));
        directory.changeStatus(agent.id(), AgentStatus.DEPROVISIONED);
    }

    /** The original name, shortened if need be, marked with the agent id, which no other agent has. */
    static String retiredName(Agent agent) {
        String suffix = " [deprovisioned " + agent.id() + "]";
        String name = agent.name();
        int room = NAME_LIMIT - suffix.length();
        return (name.length() > room ? name.substring(0, room) : name) + suffix;
    }

    private void apply(Provisioned current, Desired d) {
        Agent agent = current.agent();
        Set<String> wantedKids = new HashSet<>();
        List<JsonValue> newKeys = new ArrayList<>();
        Map<String, AgentKey> all = new LinkedHashMap<>();
        directory.keys(agent.id()).forEach(k -> all.put(k.kid(), k));
        for (JsonObject jwk : d.publicKeys()) {
            String kid = thumbprint(jwk);
            AgentKey known = all.get(kid);
            if (known != null && !known.isActive()) {
                throw DomainException.malformed("the key " + kid + " is " + known.status().wire() + " and cannot become active again; register a new key");
            }
            if (known == null) {
                newKeys.add(jwk);
            }
            wantedKids.add(kid);
        }
        boolean described = !d.userName().equals(agent.name()) || !sameSet(d.capabilities(), agent.capabilities())
                || !sameSet(d.regions(), agent.regions()) || !sameSet(d.protocols(), agent.protocols())
                || d.externalId() != null && !d.externalId().equals(agent.externalId()) || !newKeys.isEmpty()
                || !d.people().equals(agent.people());
        if (described) {
            directory.update(agent.id(), new AgentDirectory.Profile(d.userName(), d.capabilities(), d.regions(), d.protocols(), null, newKeys,
                    d.externalId(), d.people()));
        }
        if (d.externalId() == null && agent.externalId() != null) {
            directory.setExternalId(agent.id(), null);
        }
        for (AgentKey k : current.activeKeys()) {
            if (!wantedKids.contains(k.kid())) {
                directory.changeKeyStatus(agent.id(), k.kid(), KeyStatus.RETIRED);
            }
        }
        if (d.active() != null) {
            AgentStatus wanted = d.active() ? AgentStatus.ACTIVE : AgentStatus.SUSPENDED;
            if (agent.status() != wanted) {
                directory.changeStatus(agent.id(), wanted);
            }
        }
    }

    private Provisioned view(Agent agent) {
        return new Provisioned(agent, directory.keys(agent.id()).stream().filter(AgentKey::isActive).toList());
    }

    private static boolean sameSet(List<String> wanted, Set<String> current) {
        return wanted == null || Objects.equals(new HashSet<>(wanted), current);
    }

    private static String thumbprint(JsonObject jwk) {
        try {
            return PublicJwk.parse(jwk).thumbprint();
        } catch (IllegalArgumentException e) {
            throw DomainException.malformed(e.getMessage());
        }
    }
}
