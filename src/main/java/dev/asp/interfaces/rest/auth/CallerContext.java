package dev.asp.interfaces.rest.auth;

import jakarta.enterprise.context.RequestScoped;

import dev.asp.application.identity.Caller;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * The request's caller and the checks resources need. Another org's private resources answer
 * 404 exactly like a missing id (spec 1), so callers never learn what exists.
 */
@RequestScoped
public class CallerContext {
    private Caller caller = new Caller.Anonymous();

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    public boolean isOperator() {
        return caller instanceof Caller.Operator;
    }

    public void requireOperator() {
        requireAuthenticated();
        if (!isOperator()) {
            throw DomainException.notAllowed("only the operator may do this");
        }
    }

    public Caller.AgentCaller requireAgent() {
        requireAuthenticated();
        if (caller instanceof Caller.AgentCaller a) {
            return a;
        }
        throw DomainException.notAllowed("this endpoint is for agents with a DPoP-bound access token");
    }

    /** Operator, or an admin of {@code orgId}; anyone else gets the same 404 as a missing org. */
    public void requireAdminOrOperator(String orgId, String what) {
        requireAuthenticated();
        if (isOperator() || isMember(orgId, Caller.Role.ADMIN)) {
            return;
        }
        throw DomainException.notFound(what);
    }

    /** An admin of {@code orgId} (not the operator: policies and agents belong to the org). */
    public Caller.OrgMember requireAdmin(String orgId, String what) {
        requireAuthenticated();
        if (caller instanceof Caller.OrgMember m && m.role() == Caller.Role.ADMIN && m.orgId().equals(orgId)) {
            return m;
        }
        throw DomainException.notFound(what);
    }

    /** Operator, or an admin or auditor of {@code orgId}. */
    public void requireReader(String orgId, String what) {
        requireAuthenticated();
        if (isOperator() || isMember(orgId, Caller.Role.ADMIN) || isMember(orgId, Caller.Role.AUDITOR)) {
            return;
        }
        throw DomainException.notFound(what);
    }

    /** The org of an admin caller; anyone else is refused. */
    public Caller.OrgMember requireAnyAdmin() {
        requireAuthenticated();
        if (caller instanceof Caller.OrgMember m && m.role() == Caller.Role.ADMIN) {
            return m;
        }
        throw DomainException.notAllowed("this needs an org admin API key");
    }

    public void requireAuthenticated() {
        if (caller instanceof Caller.Anonymous) {
            throw new DomainException(ProblemCode.UNAUTHORIZED, "credentials required: Authorization: Bearer <key> or DPoP <token>");
        }
    }

    private boolean isMember(String orgId, Caller.Role role) {
        return caller instanceof Caller.OrgMember m && m.role() == role && m.orgId().equals(orgId);
    }
}
