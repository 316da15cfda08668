package dev.asp.infrastructure.persistence.trust;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import dev.asp.domain.identity.Agent;
import dev.asp.domain.trust.ActivityTrail.Sent;
import dev.asp.domain.trust.Endorsement;

/** The trust events, the cached fold per agent, endorsements, and what the transcript says about activity. */
@ApplicationScoped
public class TrustStore {
    @PersistenceContext(unitName = "asp")
    EntityManager em;

    /** Serializes the trust changes of one agent: its row, locked until the transaction ends. */
    public Agent lockAgent(String agentId) {
        return em.find(Agent.class, agentId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<TrustStateRecord> state(String agentId) {
        return Optional.ofNullable(em.find(TrustStateRecord.class, agentId));
    }

    public void create(TrustStateRecord state) {
        em.persist(state);
    }

    public void append(TrustEventRecord event) {
        em.persist(event);
    }

    public List<TrustEventRecord> events(String agentId, long after, int limit) {
        return em.createQuery("select e from TrustEventRecord e where e.agentId = :a and e.seq > :after order by e.seq", TrustEventRecord.class)
                .setParameter("a", agentId).setParameter("after", after).setMaxResults(limit).getResultList();
    }

    public List<TrustEventRecord> inSession(String agentId, String sessionId) {
        return em.createQuery("select e from TrustEventRecord e where e.agentId = :a and e.sessionId = :s order by e.seq", TrustEventRecord.class)
                .setParameter("a", agentId).setParameter("s", sessionId).getResultList();
    }

    /** The subject's events that can concern a counterpart (6.4's directional view). */
    public List<TrustEventRecord> dealings(String subject) {
        return em.createQuery("select e from TrustEventRecord e where e.agentId = :a and e.kind in ('session', 'fulfilment', 'breach', 'rating') "
                + "order by e.seq", TrustEventRecord.class).setParameter("a", subject).getResultList();
    }

    /**
     * The agent's stored messages after {@code after} up to {@code upTo}, oldest first: through its
     * sessions (session_members' index, then the transcript's key), so the message path writes nothing more.
     */
    public List<Sent> sentBy(String agentId, Instant after, Instant upTo) {
        String jpql = "select m.id, m.receivedAt from MessageRecord m where m.sender = :a and m.receivedAt <= :upTo"
                + (after == null ? "" : " and m.receivedAt > :after")
                + " and m.sessionId in (select s.sessionId from SessionMember s where s.agentId = :a) order by m.receivedAt";
        TypedQuery<Object[]> q = em.createQuery(jpql, Object[].class).setParameter("a", agentId).setParameter("upTo", upTo);
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.getResultList().stream().map(r -> new Sent((String) r[0], (Instant) r[1])).toList();
    }

    public List<String> agentsWithState() {
        return em.createQuery("select s.agentId from TrustStateRecord s order by s.agentId", String.class).getResultList();
    }

    public Optional<Endorsement> liveEndorsement(String endorser, String subject) {
        return em.createQuery("select e from Endorsement e where e.endorser = :e and e.subject = :s", Endorsement.class)
                .setParameter("e", endorser).setParameter("s", subject).getResultStream().findFirst();
    }

    /** Stores {@code fresh} as the one live endorsement of its endorser for its subject (6.4: a new one replaces it). */
    public void replaceEndorsement(Endorsement fresh) {
        liveEndorsement(fresh.endorser(), fresh.subject()).ifPresent(old -> {
            em.remove(old);
            em.flush();
        });
        em.persist(fresh);
    }
}
