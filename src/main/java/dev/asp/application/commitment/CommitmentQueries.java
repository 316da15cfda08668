package dev.asp.application.commitment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Reading commitments (spec 5): whoever may read the session — its participants, the admins and
 * auditors of a participant's org, the operator — reads its commitments; anyone else gets the 404
 * of a missing commitment.
 */
@ApplicationScoped
@InTransaction
public class CommitmentQueries {
    public static final int MAX_PAGE = 1_000;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    SessionQueries sessions;

    /** A page: {@code next} is the {@code after} of the following page, null on the last. */
    public record Page(List<Commitment> commitments, Long next) {
    }

    public Commitment get(String commitmentId, Caller caller) {
        Commitment c = commitmentId == null ? null : em.find(Commitment.class, commitmentId);
        if (c == null || !readable(c.sessionId(), caller)) {
            throw DomainException.notFound("commitment " + commitmentId);
        }
        return c;
    }

    /**
     * With {@code sessionId}: that session's commitments (404 if the caller may not read it). Without:
     * the caller's own — an agent's as debtor or creditor, an org member's org's, the operator's all.
     */
    public Page list(Caller caller, String sessionId, CommitmentStatus status, long after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.malformed("\"limit\" must be 1-" + MAX_PAGE);
        }
        StringBuilder jpql = new StringBuilder("select c from Commitment c where 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (sessionId != null) {
            sessions.session(sessionId, caller);
            jpql.append(" and c.sessionId = :s");
            params.add(new Object[] {"s", sessionId});
        } else if (caller instanceof Caller.AgentCaller a) {
            jpql.append(" and (c.debtor = :a or c.creditor = :a)");
            params.add(new Object[] {"a", a.agentId()});
        } else if (caller instanceof Caller.OrgMember m && m.role() != Caller.Role.SCIM) {
            jpql.append(" and (c.debtorOrg = :o or c.creditorOrg = :o)");
            params.add(new Object[] {"o", m.orgId()});
        } else if (!(caller instanceof Caller.Operator)) {
            return new Page(List.of(), null);
        }
        if (status != null) {
            jpql.append(" and c.status = :st");
            params.add(new Object[] {"st", status.wire()});
        }
        TypedQuery<Commitment> q = em.createQuery(jpql.append(" order by c.createdAt, c.id").toString(), Commitment.class);
        params.forEach(p -> q.setParameter((String) p[0], p[1]));
        List<Commitment> found = new ArrayList<>(q.setFirstResult((int) Math.min(after, Integer.MAX_VALUE)).setMaxResults(limit + 1).getResultList());
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        return new Page(found.subList(0, limit), after + limit);
    }

    private boolean readable(String sessionId, Caller caller) {
        try {
            sessions.session(sessionId, caller);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }
}
