package dev.asp.infrastructure.persistence.session;

import dev.asp.domain.shared.Jsonp;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional.TxType;

import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Participant;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.UniqueViolation;

/**
 * Sessions and their transcripts in the database. Appending moves the head by compare-and-set
 * on {@code head_seq} (no lock across sessions; concurrent senders on one session: one wins, the
 * other learns the new head), and the (session, seq) primary key refuses a fork regardless.
 * Reads join the caller's transaction or take one of their own (a message is checked before its
 * write starts); writes need the caller's.
 */
@ApplicationScoped
@InTransaction(TxType.MANDATORY)
public class TranscriptStore {
    private static final Logger LOG = Logger.getLogger(TranscriptStore.class.getName());

    /** The (session_id, id) unique key of messages (V4__sessions.sql): one id per message in a session. */
    static final String MESSAGE_ID_KEY = "messages_idempotency";

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    /** Sessions whose head and rows were found to disagree, so each is logged once per server. */
    private final Set<String> disagreeing = ConcurrentHashMap.newKeySet();

    /**
     * A session as loaded: its negotiation (what its stored messages make) and the head its row
     * holds, which the next append's compare-and-set expects. The two differ only when the row and
     * the transcript disagree ({@link #replayed}).
     */
    public record Loaded(Negotiation negotiation, long headSeq) {
    }

    /** The stored messages of one session after a seq, in order, at most {@code limit}. */
    interface StoredMessages {
        List<MessageRecord> after(long seq, int limit);
    }

    @InTransaction
    public Optional<Loaded> load(String sessionId) {
        SessionRecord r = em.find(SessionRecord.class, sessionId);
        if (r == null) {
            return Optional.empty();
        }
        em.detach(r);
        Negotiation snapshot = Negotiation.fromJson(Jsonp.reader(r.snapshot()).readObject());
        return Optional.of(replayed(snapshot, r.headSeq(), (after, limit) -> page(sessionId, after, limit)));
    }

    /**
     * The snapshot and the messages after it up to the row's head: group commits write the snapshot
     * every {@link GroupCommit#SNAPSHOT_EVERY} seqs (later messages may have committed since the row
     * was read; the head's compare-and-set keeps those out). Head, snapshot and rows are written in one
     * transaction, so they agree unless the database lost part of one (docs/durability.md). Should they
     * ever disagree, the session still answers: what its stored messages make, up to the first one
     * missing or not replaying, logged once; the next message builds on that and its append, expecting
     * the row's head, sets head and rows right again.
     */
    Loaded replayed(Negotiation snapshot, long rowHead, StoredMessages stored) {
        Negotiation n = snapshot;
        String trouble = null;
        if (n.head().seq() < rowHead) {
            for (MessageRecord m : stored.after(n.head().seq(), (int) (rowHead - n.head().seq()))) {
                if (m.seq() != n.head().seq() + 1) {
                    trouble = "seq " + (n.head().seq() + 1) + " is missing";
                    break;
                }
                try {
                    n = n.replay(Envelope.parse(m.envelope()));
                } catch (RuntimeException notReplaying) {
                    trouble = notReplaying.getMessage();
                    break;
                }
            }
        }
        if (n.head().seq() != rowHead && disagreeing.add(n.sessionId())) {
            LOG.warning("session " + n.sessionId() + ": its row's head is seq " + rowHead + ", its stored messages make seq " + n.head().seq()
                    + (trouble == null ? "" : " (" + trouble + ")") + "; answering what is stored, and the next message continues from it");
        }
        return new Loaded(n, rowHead);
    }

    /**
     * Takes the session row's lock for the rest of the transaction: a service event that decides on
     * other rows first (a commitment's deadline) locks the session before them, in the order a message's
     * own append does (session, then commitments, then organizations), so the two never deadlock.
     */
    public void lock(String sessionId) {
        em.createNativeQuery("SELECT id FROM sessions WHERE id = ?1 FOR UPDATE").setParameter(1, sessionId).getResultList();
    }

    @InTransaction
    public boolean exists(String sessionId) {
        return em.find(SessionRecord.class, sessionId) != null;
    }

    public void create(Negotiation n, List<MessageRecord> messages, Instant now) {
        em.persist(new SessionRecord(n.sessionId(), n.state().name(), n.inviter(), n.head().seq(), n.head().hash(),
                n.outcome().map(o -> o.wire()).orElse(null), n.toJson().toString(), now, n.expiresAt()));
        em.flush();
        syncMembers(n);
        insert(messages);
    }

    /**
     * @param membersChanged whether the message added readers (a join or a DELEGATE), so the
     *        member rows need syncing; most messages don't, and skipping saves a query per participant
     * @return false when another message took the head first (nothing written)
     */
    public boolean append(Negotiation next, long expectedHeadSeq, List<MessageRecord> messages, boolean membersChanged, Instant now) {
        Query moveHead = em.createNativeQuery(AppendStatements.MOVE_HEAD);
        bind(p -> AppendStatements.moveHead(p, next.sessionId(), expectedHeadSeq, GroupCommit.Head.withSnapshot(next), now), moveHead);
        if (moveHead.executeUpdate() != 1) {
            return false;
        }
        if (membersChanged) {
            syncMembers(next);
        }
        insert(messages);
        return true;
    }

    // The (session, id) key: a new envelope reusing a stored message's id is refused, nothing written.
    private void insert(List<MessageRecord> messages) {
        for (MessageRecord m : messages) {
            Query insert = em.createNativeQuery(AppendStatements.INSERT_MESSAGE);
            bind(p -> AppendStatements.insertMessage(p, m), insert);
            try {
                insert.executeUpdate();
            } catch (PersistenceException e) {
                if (UniqueViolation.of(e, MESSAGE_ID_KEY)) {
                    throw DomainException.conflict("message id " + m.id() + " is already used in this session");
                }
                throw e;
            }
        }
    }

    private interface Binding {
        void to(AppendStatements.Parameters p) throws SQLException;
    }

    private static void bind(Binding binding, Query q) {
        try {
            binding.to(new AppendStatements.Parameters() {
                @Override
                public void text(int index, String value) {
                    q.setParameter(index, value);
                }

                @Override
                public void number(int index, long value) {
                    q.setParameter(index, value);
                }

                @Override
                public void time(int index, OffsetDateTime value) {
                    q.setParameter(index, value);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("binding to a query does not touch the database", e);
        }
    }

    @InTransaction
    public Optional<MessageRecord> byId(String sessionId, String messageId) {
        return em.createQuery("select m from MessageRecord m where m.sessionId = :s and m.id = :i", MessageRecord.class)
                .setParameter("s", sessionId).setParameter("i", messageId).getResultStream().findFirst();
    }

    @InTransaction
    public List<MessageRecord> page(String sessionId, long after, int limit) {
        return em.createQuery("select m from MessageRecord m where m.sessionId = :s and m.seq > :a order by m.seq", MessageRecord.class)
                .setParameter("s", sessionId).setParameter("a", after).setMaxResults(limit).getResultList();
    }

    @InTransaction
    public List<String> sessionsOf(String agentId, String state) {
        String jpql = "select s.id from SessionRecord s where s.id in (select m.sessionId from SessionMember m where m.agentId = :a)"
                + (state == null ? "" : " and s.state = :st") + " order by s.createdAt desc";
        var q = em.createQuery(jpql, String.class).setParameter("a", agentId);
        if (state != null) {
            q.setParameter("st", state);
        }
        return q.setMaxResults(500).getResultList();
    }

    @InTransaction
    public boolean isMember(String sessionId, String agentId) {
        return em.find(SessionMember.class, new SessionMember.Key(sessionId, agentId)) != null;
    }

    /** Everyone named by the session (participants, pending invitees, delegates) may read it. */
    private void syncMembers(Negotiation n) {
        for (Participant p : n.participants()) {
            if (em.find(SessionMember.class, new SessionMember.Key(n.sessionId(), p.agent())) == null) {
                em.persist(new SessionMember(n.sessionId(), p.agent(), p.role()));
            }
        }
        n.pendingDelegations().forEach(d -> {
            if (em.find(SessionMember.class, new SessionMember.Key(n.sessionId(), d.agent())) == null) {
                em.persist(new SessionMember(n.sessionId(), d.agent(), "delegate"));
            }
        });
    }
}
