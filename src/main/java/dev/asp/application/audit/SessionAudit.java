package dev.asp.application.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.commitment.CommitmentService;
import dev.asp.application.dispute.DisputeDesk;
import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.Caller;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.dispute.Dispute;
import dev.asp.domain.ledger.LedgerEntry;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Participant;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.persistence.session.TranscriptStore;
import dev.asp.infrastructure.persistence.trust.TrustEventRecord;

/**
 * What a session export (spec 8) contains, read in one transaction so the parts agree: the session,
 * every stored envelope with its signer's key, its commitments, and the trust events and ledger entries
 * it caused. Readable by a participant, an auditor of a participant's org and the operator; anyone
 * else gets the 404 of a missing session.
 */
@ApplicationScoped
@InTransaction
public class SessionAudit {
    @Inject
    TranscriptStore store;

    @Inject
    CommitmentService commitments;

    @Inject
    AgentDirectory agents;

    @Inject
    HeadLog headLog;

    @Inject
    DisputeDesk disputes;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    /** Everything the export of one session carries; {@code seal} is empty until the session is sealed. */
    public record Contents(Negotiation session, List<MessageRecord> envelopes, List<Commitment> commitments, List<Dispute> disputes, List<TrustEventRecord> trustEvents,
            List<LedgerEntry> ledgerEntries, Optional<HeadLog.Entry> seal) {
    }

    public Contents export(String sessionId, Caller caller) {
        Negotiation n = store.load(sessionId).filter(loaded -> mayExport(loaded.negotiation(), caller))
                .orElseThrow(() -> DomainException.notFound("session " + sessionId)).negotiation();
        return contents(n);
    }

    /** The export of a session the caller has already been allowed to read (the org export's sessions). */
    public Contents contents(Negotiation n) {
        String id = n.sessionId();
        List<Commitment> made = commitments.ofSession(id);
        List<Dispute> opened = disputes.ofSession(id);
        return new Contents(n, store.page(id, 0, Integer.MAX_VALUE), made, opened, trustEvents(id), ledgerEntries(made, opened), headLog.entry(id));
    }

    private boolean mayExport(Negotiation n, Caller caller) {
        if (caller instanceof Caller.Operator) {
            return true;
        }
        if (caller instanceof Caller.AgentCaller a) {
            return n.isParticipant(a.agentId());
        }
        if (caller instanceof Caller.OrgMember m && m.role() == Caller.Role.AUDITOR) {
            for (Participant p : n.participants()) {
                if (agents.get(p.agent()).orgId().equals(m.orgId())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<TrustEventRecord> trustEvents(String sessionId) {
        return em.createQuery("select e from TrustEventRecord e where e.sessionId = :s order by e.at, e.agentId, e.seq", TrustEventRecord.class)
                .setParameter("s", sessionId).getResultList();
    }

    /** Every ledger entry citing one of the session's commitments or disputes (holds, releases, refunds, payments, penalties). */
    private List<LedgerEntry> ledgerEntries(List<Commitment> made, List<Dispute> opened) {
        if (made.isEmpty() && opened.isEmpty()) {
            return List.of();
        }
        List<String> causes = new ArrayList<>();
        made.forEach(c -> causes.add(c.id()));
        opened.forEach(d -> causes.add(d.id()));
        return em.createQuery("select e from LedgerEntry e where e.causeId in :c order by e.createdAt, e.orgId, e.seq", LedgerEntry.class)
                .setParameter("c", causes).getResultList();
    }
}
