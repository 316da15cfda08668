package dev.asp.application.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.Caller;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * Spec 8's organization export for regulators: which sessions of the org's agents had a message in
 * {@code [from, to)}, and each one's export, read one session per transaction so the answer streams in
 * constant memory however many sessions there are.
 */
@ApplicationScoped
public class OrgAudit {
    static final Duration MAX_RANGE = Duration.ofDays(366);

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    TranscriptStore store;

    @Inject
    SessionAudit sessions;

    /** The session ids, after checking the caller is an auditor of the org (or the operator) and the range. */
    @InTransaction
    @SuppressWarnings("unchecked")
    public List<String> sessionIds(String orgId, Instant from, Instant to, Caller caller) {
        boolean auditor = caller instanceof Caller.OrgMember m && m.role() == Caller.Role.AUDITOR && m.orgId().equals(orgId);
        if (!auditor && !(caller instanceof Caller.Operator)) {
            throw DomainException.notFound("organization " + orgId);
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw DomainException.protocol("\"from\" must be before \"to\" and the range at most 366 days");
        }
        return em.createNativeQuery("SELECT DISTINCT m.session_id FROM messages m JOIN session_members sm ON sm.session_id = m.session_id "
                + "JOIN agents a ON a.id = sm.agent_id WHERE a.org_id = ?1 AND m.received_at >= ?2 AND m.received_at < ?3 ORDER BY m.session_id")
                .setParameter(1, orgId).setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to)).getResultList();
    }

    /** One session's export contents, in a transaction of its own. */
    @InTransaction
    public Optional<SessionAudit.Contents> session(String sessionId) {
        return store.load(sessionId).map(l -> sessions.contents(l.negotiation()));
    }
}
