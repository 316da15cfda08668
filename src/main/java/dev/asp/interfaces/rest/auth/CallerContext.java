package dev.asp.interfaces.rest.auth;

import jakarta.enterprise.context.RequestScoped;

import dev.asp.application.identity.Caller;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * The request's caller and the checks resources need. Another org's private resources answer
 * 404 exactly like a missing id (spec 1), so callers never learn what exists; the operator and the
 * org's own credentials, who know it exists, are told 403 when their role may not do this.
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

    /** The operator where an organization is named: the org's own credentials are refused, anyone else sees no org. */
    public void requireOperator(String orgId, String what) {
        requireAuthenticated();
        if (!isOperator()) {
            throw refusal(orgId, what, "only the operator may do this");
        }
    }

    public Caller.AgentCaller requireAgent() {
        requireAuthenticated();
        if (caller instanceof Caller.AgentCaller a) {
            return a;
        }
        throw DomainException.notAllowed("this endpoint is for agents with a DPoP-bound access token");
    }

    /** Operator, or an admin of {@code orgId}. */
    public void requireAdminOrOperator(String orgId, String what) {
        requireAuthenticated();
        if (isOperator() || isMember(orgId, Caller.Role.ADMIN)) {
            return;
        }
        throw refusal(orgId, what, "this needs the operator or an admin API key of " + orgId);
    }

    /** An admin of {@code orgId} (not the operator: policies and agents belong to the org). */
    public Caller.OrgMember requireAdmin(String orgId, String what) {
        requireAuthenticated();
        if (caller instanceof Caller.OrgMember m && m.role() == Caller.Role.ADMIN && m.orgId().equals(orgId)) {
            return m;
        }
        throw refusal(orgId, what, "this needs an admin API key of " + orgId);
    }

    /** Operator, or an admin or auditor of {@code orgId}. */
    public void requireReader(String orgId, String what) {
        requireAuthenticated();
        if (isOperator() || isMember(orgId, Caller.Role.ADMIN) || isMember(orgId, Caller.Role.AUDITOR)) {
            return;
        }
        throw refusal(orgId, what, "this needs the operator or an admin or auditor API key of " + orgId);
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

    /**
     * Spec 1: a caller who knows the org exists (the operator, or one of the org's own credentials
     * in another role) is told it may not do this (403); anyone else gets the 404 of a missing org.
     */
    private DomainException refusal(String orgId, String what, String why) {
        if (isOperator() || caller instanceof Caller.OrgMember m && m.orgId().equals(orgId)) {
            return DomainException.notAllowed(why);
        }
        return DomainException.notFound(what);
    }

    private boolean isMember(String orgId, Caller.Role role) {
        return caller instanceof Caller.OrgMember m && m.role() == role && m.orgId().equals(orgId);
    }
}
