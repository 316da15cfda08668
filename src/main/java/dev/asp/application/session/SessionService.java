package dev.asp.application.session;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.Caller;
import dev.asp.application.ledger.FxRates;
import dev.asp.domain.session.Decision;
import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Obligation;
import dev.asp.domain.session.Participant;
import dev.asp.domain.session.Performative;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.SystemMessage;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.GroupCommit;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.persistence.session.TranscriptStore;
import dev.asp.infrastructure.pubsub.CommittedMessages;
import dev.asp.infrastructure.security.DpopProofVerifier;
import dev.asp.infrastructure.security.JtiClaim;

/**
 * One message's path (spec 4): authenticity, the head it builds on, the negotiation's rules, the
 * trust limits and org policies, then one transaction that appends it (and any system messages it
 * causes) and hands its effects to the services that own them.
 */
@ApplicationScoped
public class SessionService {
    @Inject
    TranscriptStore store;

    @Inject
    EnvelopeAuthenticity authenticity;

    @Inject
    TrustGate gate;

    @Inject
    SystemMessages system;

    @Inject
    AgentDirectory agents;

    @Inject
    FxRates fx;

    @Inject
    RunningCommitments commitments;

    @Inject
    TranscriptWriter writer;

    @Inject
    Event<TranscriptAppended> appended;

    @Inject
    Clock clock;

    @Inject
    SessionCache cache;

    @Inject
    GroupCommit commits;

    @Inject
    CommittedMessages live;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    /** The stored message answering a send; {@code created} is false for an idempotent resend. */
    public record Stored(MessageRecord message, boolean created, Negotiation session) {
    }

    /**
     * Checked outside any transaction, so a refusal (the common error) costs no rollback and no
     * container incident report; only the write runs in one ({@link TranscriptWriter}).
     */
    public Stored open(Envelope invite, Caller.AgentCaller caller) {
        if (invite.performative() != Performative.INVITE) {
            throw DomainException.protocol("a session is opened with an INVITE, not " + invite.performative());
        }
        Optional<MessageRecord> resent = store.byId(invite.sessionId(), invite.id());
        if (resent.isPresent()) {
            return idempotent(resent.get(), invite, caller);
        }
        if (store.exists(invite.sessionId())) {
            throw DomainException.conflict("session " + invite.sessionId() + " exists already");
        }
        EnvelopeAuthenticity.Signer signer = authenticity.check(invite, caller);
        Decision d = Negotiation.open(invite);
        for (Participant p : d.next().participants()) {
            try {
                if (!agents.get(p.agent()).canAct()) {
                    throw DomainException.protocol("participant " + p.agent() + " cannot act (suspended)");
                }
            } catch (DomainException e) {
                if (e.code() == ProblemCode.NOT_FOUND) {
                    throw DomainException.protocol("participant " + p.agent() + " does not exist");
                }
                throw e;
            }
        }
        gate.requireScore(caller.agentId(), d.next().constraints().minTrustScore(), "the inviter");
        gate.requireSessionQuota(caller.agentId(), false);
        Instant now = clock.instant();
        List<MessageRecord> records = new ArrayList<>();
        records.add(record(invite, signer.kid(), signer.jwk().toJsonString(), now));
        Negotiation next = withSystemMessages(d, records, now);
        writer.create(next, records, d.effects(), now);
        return new Stored(records.get(0), true, next);
    }

    /**
     * As {@link #open}: every check first, on the caller's thread, then the write. A message whose
     * effects stay on the transcript (most of a negotiation) joins a group commit, and the stage
     * completes on the group commit's writer once it is durable, so nobody holds a thread while
     * waiting for it: chain only what does not block. A message that starts domain work in the same
     * transaction (joins, escalations, commitments, system messages) takes a transaction of its own
     * ({@link TranscriptWriter}) and returns a completed stage.
     *
     * @param proofJti the request's DPoP jti to record with the message, or null
     * @throws DomainException for a refusal the checks find; one the write finds (stale head, a
     *         replayed proof, a reused id) fails the stage instead
     */
    public CompletableFuture<Stored> send(String sessionId, Envelope e, Caller.AgentCaller caller, JtiClaim proofJti) {
        if (!e.sessionId().equals(sessionId)) {
            readable(sessionId, caller.agentId());
            throw DomainException.protocol("the envelope's sessionId " + e.sessionId() + " is not this session");
        }
        TranscriptStore.Loaded loaded = current(sessionId, e, caller.agentId());
        Negotiation n = loaded.negotiation();
        if (!buildsOnHead(n, e)) {
            // A resent envelope never builds on the head, so only here is the id worth a lookup.
            Optional<MessageRecord> resent = store.byId(sessionId, e.id());
            if (resent.isPresent()) {
                return CompletableFuture.completedFuture(idempotent(resent.get(), e, caller));
            }
            authenticity.check(e, caller);
            throw staleHead(n);
        }
        EnvelopeAuthenticity.Signer signer = authenticity.check(e, caller);
        // Spec 4.5: only a CLOSED session asks whether its commitments run, so open ones cost no query.
        Decision d = n.decide(e, n.state() == SessionState.CLOSED && commitments.running(sessionId));
        d = applyPolicies(n, e, d, caller);
        Instant now = clock.instant();
        List<MessageRecord> records = new ArrayList<>();
        records.add(record(e, signer.kid(), signer.jwk().toJsonString(), now));
        Negotiation next = withSystemMessages(d, records, now);
        if (staysOnTranscript(d)) {
            return groupCommitted(new TranscriptAppended(records, d.effects(), next), loaded.headSeq(), proofJti, now);
        }
        if (!writer.append(next, loaded.headSeq(), records, d.effects(), addsReaders(d), now)) {
            throw staleHead(reloaded(sessionId, n));
        }
        return CompletableFuture.completedFuture(new Stored(records.get(0), true, next));
    }

    private CompletableFuture<Stored> groupCommitted(TranscriptAppended event, long expectedHeadSeq, JtiClaim proofJti, Instant now) {
        String announcement = live.announcement(event.sessionId(), event.messages(), event.effects());
        JtiClaim claim = proofJti != null && proofJti.settle() ? proofJti : null;
        return commits.submit(new GroupCommit.Append(event.sessionId(), expectedHeadSeq, GroupCommit.Head.of(event.session()), event.messages(),
                claim, announcement, now)).thenCompose(result -> {
                    if (result == GroupCommit.Result.COMMITTED) {
                        appended.fire(announcement != null ? event.announcedAlready() : event);
                        return CompletableFuture.completedFuture(new Stored(event.messages().get(0), true, event.session()));
                    }
                    // a refusal reads the session again: not on the writer's thread
                    return CompletableFuture.supplyAsync(() -> {
                        throw refusal(result, event);
                    }, executor);
                });
    }

    private DomainException refusal(GroupCommit.Result result, TranscriptAppended event) {
        return switch (result) {
            case STALE_HEAD -> staleHead(reloaded(event.sessionId(), event.session()));
            case REPLAYED_PROOF -> new DomainException(ProblemCode.INVALID_DPOP_PROOF, DpopProofVerifier.REPLAYED, Map.of());
            default -> DomainException.conflict("message id " + event.messages().get(0).id() + " is already used in this session");
        };
    }

    /**
     * The session a message is checked against: the cached one when the message builds on its
     * head, else the stored one (another server may have moved the head, or the cache lost it).
     */
    private TranscriptStore.Loaded current(String sessionId, Envelope e, String agentId) {
        Optional<TranscriptStore.Loaded> cached = cache.get(sessionId);
        if (cached.isPresent() && cached.get().negotiation().canRead(agentId) && buildsOnHead(cached.get().negotiation(), e)) {
            return cached.get();
        }
        TranscriptStore.Loaded loaded = readable(sessionId, agentId);
        cache.put(loaded);
        return loaded;
    }

    private Negotiation reloaded(String sessionId, Negotiation fallback) {
        cache.evict(sessionId);
        return store.load(sessionId).map(TranscriptStore.Loaded::negotiation).orElse(fallback);
    }

    /**
     * A service event on a session (timeout, escalation decision): the engine decides, the service
     * appends the system messages. A concurrent message moving the head is retried.
     */
    @InTransaction
    public Negotiation serviceEvent(String sessionId, Function<Negotiation, Decision> event) {
        for (int attempt = 0; attempt < 5; attempt++) {
            TranscriptStore.Loaded loaded = store.load(sessionId).orElseThrow(() -> DomainException.notFound("session " + sessionId));
            Decision d = event.apply(loaded.negotiation());
            if (d.changedNothing()) {
                return loaded.negotiation();
            }
            Instant now = clock.instant();
            List<MessageRecord> records = new ArrayList<>();
            Negotiation next = withSystemMessages(d, records, now);
            if (store.append(next, loaded.headSeq(), records, addsReaders(d), now)) {
                appended.fire(new TranscriptAppended(records, d.effects(), next));
                return next;
            }
        }
        throw DomainException.conflict("session " + sessionId + " is too busy; try again");
    }

    /** Spec 4.5 maxDuration elapsed: closes with {@code timeout} unless commitments are still running (they live on to their deadlines). */
    @InTransaction
    public Negotiation timeout(String sessionId) {
        return serviceEvent(sessionId, n -> n.timeout(commitments.running(sessionId)));
    }

    /** The session if {@code agentId} may read it; otherwise the same 404 as a missing session. */
    public TranscriptStore.Loaded readable(String sessionId, String agentId) {
        TranscriptStore.Loaded loaded = store.load(sessionId).orElseThrow(() -> DomainException.notFound("session " + sessionId));
        if (!loaded.negotiation().canRead(agentId) && !store.isMember(sessionId, agentId)) {
            throw DomainException.notFound("session " + sessionId);
        }
        return loaded;
    }

    private Decision applyPolicies(Negotiation n, Envelope e, Decision d, Caller.AgentCaller caller) {
        for (Effect.ProposalOpened opened : d.effects(Effect.ProposalOpened.class)) {
            gate.requireWithinCeilings(opened.proposal().terms());
        }
        for (Effect.ParticipantJoined joined : d.effects(Effect.ParticipantJoined.class)) {
            if (joined.agent().equals(caller.agentId()) && joined.delegateOf() == null) {
                gate.requireScore(caller.agentId(), n.constraints().minTrustScore(), "the invitee");
                gate.requireInviterAcceptable(caller.agentId(), n.inviter());
                gate.requireDirectional(caller.agentId(), n.inviter(), n.constraints().minDirectionalScore());
                gate.requireSessionQuota(caller.agentId(), true);
            }
        }
        for (Effect.CommitmentsRequested commit : d.effects(Effect.CommitmentsRequested.class)) {
            BigDecimal threshold = agents.organizationOf(agents.get(commit.debtor())).policy().requireApprovalAbove();
            if (threshold != null && valueOf(commit).compareTo(threshold) > 0) {
                return n.holdCommit(e);
            }
        }
        return d;
    }

    /** A COMMIT's value: what its obligations carry in money, in USD (4.6). */
    private BigDecimal valueOf(Effect.CommitmentsRequested commit) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Obligation o : commit.obligations()) {
            if (o.amount() != null) {
                sum = sum.add(o.amount());
            }
        }
        return fx.toUsd(sum, commit.currency());
    }

    private Negotiation withSystemMessages(Decision d, List<MessageRecord> records, Instant now) {
        Negotiation next = d.next();
        for (SystemMessage message : d.systemMessages()) {
            SystemMessages.Sealed sealed = system.seal(message, next);
            next = next.appended(sealed.envelope());
            records.add(record(sealed.envelope(), sealed.key().kid(), sealed.key().publicJwk().toJsonString(), now));
        }
        return next;
    }

    private Stored idempotent(MessageRecord stored, Envelope resent, Caller.AgentCaller caller) {
        if (!stored.hash().equals(resent.hash()) || !stored.sender().equals(caller.agentId())) {
            throw DomainException.conflict("message id " + resent.id() + " was already used for a different envelope");
        }
        return new Stored(stored, false, store.load(stored.sessionId()).map(TranscriptStore.Loaded::negotiation).orElseThrow());
    }

    /**
     * Whether a message can join a group commit: it causes no system message, and none of its
     * effects is one its owner writes in the message's transaction ({@link Effect#atomicWithMessage}).
     */
    private static boolean staysOnTranscript(Decision d) {
        return d.systemMessages().isEmpty() && d.effects().stream().noneMatch(Effect::atomicWithMessage);
    }

    private static boolean addsReaders(Decision d) {
        return !d.effects(Effect.ParticipantJoined.class).isEmpty() || !d.effects(Effect.DelegateInvited.class).isEmpty();
    }

    private static boolean buildsOnHead(Negotiation n, Envelope e) {
        return e.seq() == n.head().seq() + 1 && e.prevHash().map(h -> h.equals(n.head().hash())).orElse(false);
    }

    private static DomainException staleHead(Negotiation n) {
        return new DomainException(ProblemCode.STALE_HEAD, "the envelope does not build on the current head; re-sign on top of it",
                Map.of("head", Map.of("seq", n.head().seq(), "hash", n.head().hash())));
    }

    private static MessageRecord record(Envelope e, String kid, String jwk, Instant now) {
        return new MessageRecord(e.sessionId(), e.seq(), e.id(), e.sender(), e.performative().name(), e.json().toString(), e.hash(), kid, jwk, now);
    }
}
