package dev.asp.application.dispute;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.Caller;
import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.dispute.DisputeStatus;
import dev.asp.domain.session.Participant;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * Reading disputes and human decisions (spec 7). A dispute is visible to the session's participants,
 * the admins and auditors of a participant's org, and the operator; anyone else gets the 404 of a
 * missing dispute. A decision is one conditional UPDATE from {@code escalated}: of two racing
 * decisions exactly one changes the row, the other gets 409.
 */
@ApplicationScoped
@InTransaction
public class DisputeDesk {
    public static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    TranscriptStore store;

    @Inject
    AgentDirectory agents;

    @Inject
    DisputeRemedies remedies;

    @Inject
    Clock clock;

    public Dispute get(String disputeId, Caller caller) {
        Dispute d = disputeId == null ? null : em.find(Dispute.class, disputeId);
        if (d == null || !readable(d, caller)) {
            throw DomainException.notFound("dispute " + disputeId);
        }
        return d;
    }

    /** The disputes of the sessions {@code agent} takes part in that the caller may read, newest first. */
    public List<Dispute> list(Caller caller, String agent, DisputeStatus status) {
        String self = caller instanceof Caller.AgentCaller a ? a.agentId() : null;
        String who = agent != null ? agent : self;
        StringBuilder jpql = new StringBuilder("select d from Dispute d where 1 = 1");
        if (who != null) {
            jpql.append(" and d.sessionId in (select m.sessionId from SessionMember m where m.agentId = :a)");
        }
        if (status != null) {
            jpql.append(" and d.status = :st");
        }
        TypedQuery<Dispute> q = em.createQuery(jpql.append(" order by d.filedAt desc, d.id").toString(), Dispute.class);
        if (who != null) {
            q.setParameter("a", who);
        }
        if (status != null) {
            q.setParameter("st", status.wire());
        }
        List<Dispute> out = new ArrayList<>();
        for (Dispute d : q.setMaxResults(MAX_PAGE * 4).getResultList()) {
            if (out.size() < MAX_PAGE && readable(d, caller)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The disputes of one session, for its export (the caller was allowed to read the session). */
    public List<Dispute> ofSession(String sessionId) {
        return em.createQuery("select d from Dispute d where d.sessionId = :s order by d.filedAt, d.id", Dispute.class).setParameter("s", sessionId)
                .getResultList();
    }

    /** An admin of a party's org decides an escalated dispute; {@code atFault} is required to resolve. */
    public Dispute decide(String disputeId, Caller.OrgMember admin, boolean resolve, String atFault, String note) {
        Dispute d = em.find(Dispute.class, disputeId);
        if (d == null || admin.role() != Caller.Role.ADMIN || !partyOrgs(d.sessionId()).contains(admin.orgId())) {
            throw DomainException.notFound("dispute " + disputeId);
        }
        List<String> parties = parties(d.sessionId());
        String wronged = null;
        if (resolve) {
            if (atFault == null || !parties.contains(atFault)) {
                throw DomainException.protocol("\"atFault\" must be a participant of " + d.sessionId());
            }
            wronged = wrongedBy(d, atFault, parties);
        }
        if (d.status() != DisputeStatus.ESCALATED) {
            throw DomainException.conflict("dispute " + disputeId + " is " + d.status().wire() + ", not escalated");
        }
        Instant now = clock.instant();
        store.lock(d.sessionId()); // 4.5 order: session, then its rows
        int won = em.createNativeQuery("UPDATE disputes SET status = ?1, at_fault = ?2, decided_by = ?3, decision_note = ?4, decided_at = ?5 "
                + "WHERE id = ?6 AND status = 'escalated'")
                .setParameter(1, (resolve ? DisputeStatus.RESOLVED : DisputeStatus.DISMISSED).wire()).setParameter(2, resolve ? atFault : null)
                .setParameter(3, "admin:" + admin.orgId() + ":" + admin.keyId()).setParameter(4, note).setParameter(5, Timestamp.from(now))
                .setParameter(6, disputeId).executeUpdate();
        if (won == 0) {
            throw DomainException.conflict("dispute " + disputeId + " was decided already; the first decision is final");
        }
        em.refresh(d);
        if (resolve) {
            remedies.apply(d, atFault, wronged, now);
        }
        return d;
    }

    /** The counterpart of the at-fault party: the disputed commitment's other side, else another participant. */
    private String wrongedBy(Dispute d, String atFault, List<String> parties) {
        if (d.commitmentId() != null) {
            var c = em.find(dev.asp.domain.commitment.Commitment.class, d.commitmentId());
            if (c != null && (c.debtor().equals(atFault) || c.creditor().equals(atFault))) {
                return c.debtor().equals(atFault) ? c.creditor() : c.debtor();
            }
        }
        return parties.stream().filter(p -> !p.equals(atFault)).findFirst()
                .orElseThrow(() -> DomainException.protocol("no other party of " + d.sessionId()));
    }

    private boolean readable(Dispute d, Caller caller) {
        if (caller instanceof Caller.Operator) {
            return true;
        }
        if (caller instanceof Caller.AgentCaller a) {
            return parties(d.sessionId()).contains(a.agentId());
        }
        return caller instanceof Caller.OrgMember m && m.role() != Caller.Role.SCIM && partyOrgs(d.sessionId()).contains(m.orgId());
    }

    private List<String> parties(String sessionId) {
        return store.load(sessionId).map(l -> l.negotiation().participants().stream().map(Participant::agent).toList()).orElse(List.of());
    }

    private Set<String> partyOrgs(String sessionId) {
        Set<String> orgs = new HashSet<>();
        parties(sessionId).forEach(p -> orgs.add(agents.get(p).orgId()));
        return orgs;
    }
}
