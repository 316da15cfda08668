package dev.asp.application.commitment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.application.identity.Caller;
import dev.asp.application.session.SessionQueries;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentRepository;
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

    @Inject
    CommitmentRepository commitments;

    @Inject
    SessionQueries sessions;

    /** A page: {@code next} is the {@code after} of the following page, null on the last. */
    public record Page(List<Commitment> commitments, Long next) {
    }

    public Commitment get(String commitmentId, Caller caller) {
        Commitment c = commitments.byId(commitmentId).orElse(null);
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
        CommitmentRepository.Filter filter;
        if (sessionId != null) {
            sessions.session(sessionId, caller);
            filter = new CommitmentRepository.Filter(sessionId, null, null, status);
        } else if (caller instanceof Caller.AgentCaller a) {
            filter = new CommitmentRepository.Filter(null, a.agentId(), null, status);
        } else if (caller instanceof Caller.OrgMember m && m.role() != Caller.Role.SCIM) {
            filter = new CommitmentRepository.Filter(null, null, m.orgId(), status);
        } else if (caller instanceof Caller.Operator) {
            filter = new CommitmentRepository.Filter(null, null, null, status);
        } else {
            return new Page(List.of(), null);
        }
        List<Commitment> found = commitments.find(filter, after, limit + 1);
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
