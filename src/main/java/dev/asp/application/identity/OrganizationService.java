package dev.asp.application.identity;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.ledger.FxRates;
import dev.asp.domain.identity.ApiKey;
import dev.asp.domain.identity.CredentialRole;
import dev.asp.domain.identity.OrgPolicy;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.ledger.Account;
import dev.asp.domain.ledger.LedgerEntry;
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

    @Inject
    FxRates fx;

    /** A new organization with its first admin, auditor and SCIM credentials (secrets shown once). */
    public record Created(Organization org, String adminApiKey, String auditorApiKey, String scimToken) {
    }

    public record IssuedKey(ApiKey key, String secret) {
    }

    public record Ledger(BigDecimal balance, BigDecimal held, List<LedgerEntry> entries) {
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

    /** Operator credit in any configured currency, booked in USD (spec 4.4). */
    public LedgerEntry credit(String orgId, BigDecimal amount, String currency) {
        Organization org = em.find(Organization.class, orgId, LockModeType.PESSIMISTIC_WRITE);
        if (org == null) {
            throw DomainException.notFound("organization " + orgId);
        }
        Account account = org.account(lastSeq(orgId));
        LedgerEntry entry = account.credit(fx.toUsd(amount, currency), "credit", "operator", clock.instant());
        org.settle(account);
        em.persist(entry);
        return entry;
    }

    public Ledger ledger(String orgId) {
        Organization org = get(orgId);
        List<LedgerEntry> entries = em.createQuery("select e from LedgerEntry e where e.orgId = :o order by e.seq", LedgerEntry.class)
                .setParameter("o", orgId).getResultList();
        return new Ledger(org.balance(), org.held(), entries);
    }

    /** The live credential with this secret, or null. */
    public ApiKey findCredential(String secret) {
        List<ApiKey> keys = em.createQuery("select k from ApiKey k where k.secretHash = :h", ApiKey.class)
                .setParameter("h", Secrets.hash(secret)).getResultList();
        return keys.isEmpty() || !keys.get(0).isLive() ? null : keys.get(0);
    }

    private long lastSeq(String orgId) {
        Long max = em.createQuery("select max(e.seq) from LedgerEntry e where e.orgId = :o", Long.class).setParameter("o", orgId).getSingleResult();
        return max == null ? 0 : max;
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
