package dev.asp.application.identity;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.domain.identity.ApiKey;
import dev.asp.domain.identity.CredentialRole;
import dev.asp.domain.identity.OrgPolicy;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.crypto.Secrets;
import dev.asp.infrastructure.persistence.InTransaction;

/** Organizations, their bearer credentials, policies and balances (spec 1.1). */
@ApplicationScoped
@InTransaction
public class OrganizationService {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    /** A new organization with its first admin, auditor and SCIM credentials (secrets shown once). */
    public record Created(Organization org, String adminApiKey, String auditorApiKey, String scimToken) {
    }

    public record IssuedKey(ApiKey key, String secret) {
    }

    public Created create(String name, String region, boolean verified) {
        boolean taken = !em.createQuery("select o.id from Organization o where o.name = :n").setParameter("n", name).getResultList().isEmpty();
        if (taken) {
            throw DomainException.conflict("an organization named \"" + name + "\" exists already");
        }
        Organization org = new Organization(name, region, verified, clock.instant());
        em.persist(org);
        em.flush(); // no JPA relationship orders the key rows after the org row
        return new Created(org, issue(org.id(), null, CredentialRole.ADMIN).secret(), issue(org.id(), null, CredentialRole.AUDITOR).secret(),
                issue(org.id(), null, CredentialRole.SCIM).secret());
    }

    public Organization get(String id) {
        Organization org = id == null ? null : em.find(Organization.class, id);
        if (org == null) {
            throw DomainException.notFound("organization " + id);
        }
        return org;
    }

    public Organization setVerified(String id, boolean verified) {
        Organization org = get(id);
        org.setVerified(verified);
        return org;
    }

    public Organization setPolicy(String id, OrgPolicy policy) {
        Organization org = get(id);
        org.setPolicy(policy);
        return org;
    }

    public IssuedKey issueKey(String orgId, CredentialRole role) {
        get(orgId);
        return issue(orgId, null, role);
    }

    public IssuedKey issueAgentKey(String orgId, String agentId) {
        return issue(orgId, agentId, CredentialRole.AGENT);
    }

    public void revokeKey(String orgId, String keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null || !key.orgId().equals(orgId)) {
            throw DomainException.notFound("API key " + keyId);
        }
        key.revoke(clock.instant());
    }

    /** The live credential with this secret, or null. */
    public ApiKey findCredential(String secret) {
        List<ApiKey> keys = em.createQuery("select k from ApiKey k where k.secretHash = :h", ApiKey.class)
                .setParameter("h", Secrets.hash(secret)).getResultList();
        return keys.isEmpty() || !keys.get(0).isLive() ? null : keys.get(0);
    }

    private IssuedKey issue(String orgId, String agentId, CredentialRole role) {
        String prefix = switch (role) {
            case ADMIN -> "adm";
            case AUDITOR -> "aud";
            case SCIM -> "scim";
            case AGENT -> "agk";
        };
        String secret = Secrets.newSecret(prefix);
        ApiKey key = new ApiKey(orgId, agentId, role, Secrets.hash(secret), clock.instant());
        em.persist(key);
        return new IssuedKey(key, secret);
    }
}
