package dev.asp.application.session;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.domain.session.Effect;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.EscalationRecord;

/**
 * Spec 4.6 human oversight: records each escalation in the transaction that stored its message,
 * and applies an org admin's decision to the session once, the first decision being final.
 */
@ApplicationScoped
public class EscalationDesk {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    AgentDirectory agents;

    @Inject
    SessionService sessions;

    @Inject
    Clock clock;

    void record(@Observes TranscriptAppended appended) {
        for (Effect.EscalationRequested requested : appended.effects().stream()
                .filter(Effect.EscalationRequested.class::isInstance).map(Effect.EscalationRequested.class::cast).toList()) {
            var esc = requested.escalation();
            String orgId = agents.get(esc.by()).orgId();
            em.persist(new EscalationRecord(appended.sessionId(), orgId, esc.seq(), esc.heldCommit().isPresent(), esc.reason(), clock.instant()));
        }
    }

    @InTransaction
    public EscalationRecord decide(String escalationId, String adminOrgId, String adminKeyId, boolean approve, String note) {
        // Locked: two racing decisions are serialized, the second finds it decided and gets 409 (4.6: the first is final)
        EscalationRecord esc = em.find(EscalationRecord.class, escalationId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (esc == null || !esc.orgId().equals(adminOrgId)) {
            throw DomainException.notFound("escalation " + escalationId);
        }
        esc.decide(approve, adminKeyId, note, clock.instant());
        sessions.serviceEvent(esc.sessionId(), n -> approve ? n.approve() : n.deny());
        return esc;
    }

    @InTransaction
    public Optional<EscalationRecord> pending(String sessionId) {
        return em.createQuery("select e from EscalationRecord e where e.sessionId = :s and e.status = 'pending'", EscalationRecord.class)
                .setParameter("s", sessionId).getResultStream().findFirst();
    }

    @InTransaction
    public List<EscalationRecord> list(String orgId, String sessionId, String status) {
        String jpql = "select e from EscalationRecord e where e.orgId = :o" + (sessionId == null ? "" : " and e.sessionId = :s")
                + (status == null ? "" : " and e.status = :st") + " order by e.createdAt desc";
        var q = em.createQuery(jpql, EscalationRecord.class).setParameter("o", orgId);
        if (sessionId != null) {
            q.setParameter("s", sessionId);
        }
        if (status != null) {
            q.setParameter("st", status);
        }
        return q.setMaxResults(500).getResultList();
    }
}
