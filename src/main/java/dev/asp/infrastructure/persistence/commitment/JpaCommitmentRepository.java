package dev.asp.infrastructure.persistence.commitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional.TxType;

import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentRepository;
import dev.asp.domain.commitment.CommitmentStatus;
import dev.asp.infrastructure.persistence.InTransaction;

/** Commitments in the {@code commitments} and {@code commitment_history} tables (V10). */
@ApplicationScoped
@InTransaction(TxType.MANDATORY)
public class JpaCommitmentRepository implements CommitmentRepository {
    private static final List<String> SETTLED = List.of("fulfilled", "breached", "cancelled");

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Override
    public void add(Commitment commitment) {
        em.persist(commitment);
    }

    @Override
    public Optional<Commitment> byId(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Commitment.class, id));
    }

    @Override
    public Optional<Commitment> lockedById(String id) {
        Optional<Commitment> found = byId(id);
        if (found.isPresent()) {
            em.flush(); // a refresh re-reads the row: this transaction's own changes must be in it
            em.refresh(found.get(), LockModeType.PESSIMISTIC_WRITE);
        }
        return found;
    }

    @Override
    public List<Commitment> ofSession(String sessionId) {
        return em.createQuery("select c from Commitment c where c.sessionId = :s order by c.createdSeq, c.createdAt, c.id", Commitment.class)
                .setParameter("s", sessionId).getResultList();
    }

    @Override
    public List<Commitment> madeBy(String sessionId, long seq) {
        return em.createQuery("select c from Commitment c where c.sessionId = :s and c.createdSeq = :q order by c.createdAt, c.id", Commitment.class)
                .setParameter("s", sessionId).setParameter("q", seq).getResultList();
    }

    @Override
    public List<Commitment> conditionedOn(Commitment condition) {
        return em.createQuery("select c from Commitment c where c.conditionId = :c and c.sessionId = :s order by c.createdAt, c.id", Commitment.class)
                .setParameter("c", condition.id()).setParameter("s", condition.sessionId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    @Override
    public boolean anyRunning(String sessionId) {
        return !em.createQuery("select c.id from Commitment c where c.sessionId = :s and c.status not in :settled", String.class)
                .setParameter("s", sessionId).setParameter("settled", SETTLED).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public List<CommitmentStatus> statusesOf(String sessionId) {
        return em.createQuery("select c.status from Commitment c where c.sessionId = :s", String.class)
                .setParameter("s", sessionId).getResultList().stream().map(CommitmentStatus::fromWire).toList();
    }

    @Override
    public List<Commitment> find(Filter filter, long offset, int limit) {
        StringBuilder jpql = new StringBuilder("select c from Commitment c where 1 = 1");
        List<Map.Entry<String, Object>> params = new ArrayList<>();
        if (filter.sessionId() != null) {
            jpql.append(" and c.sessionId = :s");
            params.add(Map.entry("s", filter.sessionId()));
        }
        if (filter.agentId() != null) {
            jpql.append(" and (c.debtor = :a or c.creditor = :a)");
            params.add(Map.entry("a", filter.agentId()));
        }
        if (filter.orgId() != null) {
            jpql.append(" and (c.debtorOrg = :o or c.creditorOrg = :o)");
            params.add(Map.entry("o", filter.orgId()));
        }
        if (filter.status() != null) {
            jpql.append(" and c.status = :st");
            params.add(Map.entry("st", filter.status().wire()));
        }
        TypedQuery<Commitment> q = em.createQuery(jpql.append(" order by c.createdAt, c.id").toString(), Commitment.class);
        params.forEach(p -> q.setParameter(p.getKey(), p.getValue()));
        return q.setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(limit).getResultList();
    }
}
