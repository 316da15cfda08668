package dev.asp.application.session;

import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.event.Event;
import jakarta.json.Json;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.Caller;
import dev.asp.application.ledger.FxRates;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.IdentityLevel;
import dev.asp.domain.identity.OrgPolicy;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Envelope;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.SystemMessage;
import dev.asp.domain.session.Talk;
import dev.asp.domain.session.Terms;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.crypto.SigningKey;
import dev.asp.infrastructure.persistence.session.GroupCommit;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.persistence.session.TranscriptStore;
import dev.asp.infrastructure.pubsub.CommittedMessages;

/**
 * SessionService's orchestration without a server: which checks run, which write a message takes
 * and what a refusal leaves behind. The negotiation is the real engine; the store, the writers, the
 * trust gate and the directory are fakes that record what they were asked.
 */
class SessionServiceTest {
    static final String BUYER = "agt_buyer";
    static final String SELLER = "agt_seller";
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    static final SigningKey KEY = new SigningKey("kid_test", new byte[32]);
    /** The engine checks structure, not signatures: EnvelopeAuthenticity does, and is a fake here. */
    static final String SIGNATURE = "c2lnbmF0dXJl";
    String session;

    final Store store = new Store();
    final Writer writer = new Writer();
    final Commits commits = new Commits();
    final Gate gate = new Gate();
    final Directory agents = new Directory();
    final Fired appended = new Fired();
    final ExecutorService executor = Executors.newSingleThreadExecutor();
    final SessionService service = new SessionService();
    Talk talk;

    @BeforeEach
    void wire() {
        service.store = store;
        service.authenticity = new Authenticity();
        service.gate = gate;
        service.system = new Seals();
        service.agents = agents;
        service.fx = new Fx();
        service.writer = writer;
        service.appended = appended;
        service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service.cache = new SessionCache();
        service.commits = commits;
        service.live = new Live();
        service.executor = executor;
        talk = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        store.stored(talk.n);
        session = talk.n.sessionId();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aProposalJoinsTheGroupCommitOnTheHeadItWasCheckedAgainst() {
        long head = talk.seq();
        Envelope propose = talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of());

        SessionService.Stored stored = service.send(session, propose, caller(BUYER), null).join();

        assertTrue(stored.created());
        assertEquals(propose.id(), stored.message().id());
        assertEquals(1, commits.submitted.size(), "one append, group committed");
        GroupCommit.Append append = commits.submitted.get(0);
        assertEquals(head, append.expectedHeadSeq());
        assertEquals(head + 1, append.head().seq());
        assertEquals(List.of(propose.id()), append.records().stream().map(MessageRecord::id).toList());
        assertEquals(NOW, append.now());
        assertTrue(writer.appends.isEmpty(), "no transaction of its own");
        assertEquals(1, gate.ceilingsChecked.size(), "the proposal's terms went through the trust gate");
        assertEquals(1, appended.events.size(), "published once durable");
    }

    @Test
    void aResentEnvelopeIsAnsweredWithTheStoredMessageAndWritesNothing() {
        Envelope propose = talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of());
        talk.keep(talk.n.decide(propose));
        store.stored(talk.n);
        store.byId.put(propose.id(), record(propose, BUYER));

        SessionService.Stored again = service.send(session, propose, caller(BUYER), null).join();

        assertFalse(again.created());
        assertEquals(propose.hash(), again.message().hash());
        assertTrue(commits.submitted.isEmpty());
        assertTrue(writer.appends.isEmpty());
    }

    @Test
    void aReusedIdOnADifferentEnvelopeIsAConflict() {
        Envelope propose = talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of());
        talk.keep(talk.n.decide(propose));
        store.stored(talk.n);
        Envelope other = withSeq(talk.envelope(BUYER, "PROPOSE", terms("2.50", 1000), null, List.of()), talk.seq());
        store.byId.put(other.id(), record(propose, BUYER));

        DomainException e = assertThrows(DomainException.class, () -> service.send(session, other, caller(BUYER), null));

        assertEquals(ProblemCode.CONFLICT, e.code());
        assertTrue(commits.submitted.isEmpty());
        assertTrue(writer.appends.isEmpty());
    }

    @Test
    void anEnvelopeNotOnTheHeadIsRefusedWithTheCurrentHead() {
        Envelope behind = withSeq(talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of()), talk.seq());

        DomainException e = assertThrows(DomainException.class, () -> service.send(session, behind, caller(BUYER), null));

        assertEquals(ProblemCode.STALE_HEAD, e.code());
        assertEquals(Map.of("seq", talk.seq(), "hash", talk.n.head().hash()), e.extensions().get("head"));
        assertTrue(commits.submitted.isEmpty());
        assertTrue(writer.appends.isEmpty());
    }

    @Test
    void aHeadTakenAtTheWriteFailsTheStageWithTheStoredHead() {
        Envelope propose = talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of());
        commits.answer = GroupCommit.Result.STALE_HEAD;

        CompletableFuture<SessionService.Stored> stage = service.send(session, propose, caller(BUYER), null);

        CompletionException e = assertThrows(CompletionException.class, stage::join);
        DomainException refusal = assertInstanceOf(DomainException.class, e.getCause());
        assertEquals(ProblemCode.STALE_HEAD, refusal.code());
        assertEquals(talk.seq(), ((Map<?, ?>) refusal.extensions().get("head")).get("seq"));
        assertTrue(appended.events.isEmpty(), "nothing published for a refused write");
    }

    @Test
    void aProposalOverTheTrustCeilingIsRefusedBeforeAnyWrite() {
        gate.ceiling = DomainException.protocol("over the ceiling");
        Envelope propose = talk.envelope(BUYER, "PROPOSE", terms("2.40", 1000), null, List.of());

        DomainException e = assertThrows(DomainException.class, () -> service.send(session, propose, caller(BUYER), null));

        assertSame(gate.ceiling, e);
        assertTrue(commits.submitted.isEmpty());
        assertTrue(writer.appends.isEmpty());
        assertTrue(appended.events.isEmpty());
    }

    @Test
    void aCommitAboveTheOrgsApprovalThresholdIsHeldAndWrittenInItsOwnTransaction() {
        agents.approvalAbove = new BigDecimal("1000");
        talk.send(BUYER, "PROPOSE", terms("2.40", 1000), null);
        talk.send(SELLER, "ACCEPT", json("{'note':'ok'}"), talk.seq());
        store.stored(talk.n);
        long agreement = talk.n.agreement().orElseThrow().seq();
        Envelope commit = talk.envelope(BUYER, "COMMIT", json("{'proposal':" + agreement + ",'obligations':[{'type':'payment','creditor':'"
                + SELLER + "','description':'Pay on delivery','amount':'2400.00'}]}"), null, List.of());

        SessionService.Stored stored = service.send(session, commit, caller(BUYER), null).join();

        assertEquals(SessionState.ESCALATED, stored.session().state());
        assertTrue(commits.submitted.isEmpty(), "an escalation is not transcript-only");
        assertEquals(1, writer.appends.size());
        List<Effect> effects = writer.appends.get(0);
        assertTrue(effects.stream().anyMatch(Effect.EscalationRequested.class::isInstance), effects.toString());
        assertTrue(effects.stream().noneMatch(Effect.CommitmentsRequested.class::isInstance), "held, so not in effect yet");
    }

    @Test
    void theSameCommitBelowTheThresholdTakesEffect() {
        agents.approvalAbove = new BigDecimal("5000");
        talk.send(BUYER, "PROPOSE", terms("2.40", 1000), null);
        talk.send(SELLER, "ACCEPT", json("{'note':'ok'}"), talk.seq());
        store.stored(talk.n);
        long agreement = talk.n.agreement().orElseThrow().seq();
        Envelope commit = talk.envelope(BUYER, "COMMIT", json("{'proposal':" + agreement + ",'obligations':[{'type':'payment','creditor':'"
                + SELLER + "','description':'Pay on delivery','amount':'2400.00'}]}"), null, List.of());

        SessionService.Stored stored = service.send(session, commit, caller(BUYER), null).join();

        assertEquals(SessionState.AGREED, stored.session().state());
        assertEquals(1, writer.appends.size(), "a COMMIT is atomic with its message: its own transaction");
        assertTrue(writer.appends.get(0).stream().anyMatch(Effect.CommitmentsRequested.class::isInstance));
    }

    private static Envelope withSeq(Envelope e, long seq) {
        var b = Json.createObjectBuilder(e.json()).add("seq", seq).remove("hash").remove("signature");
        return Envelope.seal(b.build(), bytes -> SIGNATURE);
    }

    private static MessageRecord record(Envelope e, String sender) {
        return new MessageRecord(e.sessionId(), e.seq(), e.id(), sender, e.performative().name(), e.json().toString(), e.hash(), KEY.kid(),
                KEY.publicJwk().toJsonString(), NOW);
    }

    private static Caller.AgentCaller caller(String agentId) {
        return new Caller.AgentCaller(agentId, "org_test", KEY.publicJwk(), IdentityLevel.values()[0]);
    }

    static final class Store extends TranscriptStore {
        Loaded loaded;
        final Map<String, MessageRecord> byId = new HashMap<>();

        void stored(Negotiation n) {
            loaded = new Loaded(n, n.head().seq());
        }

        @Override
        public Optional<Loaded> load(String sessionId) {
            return Optional.ofNullable(loaded);
        }

        @Override
        public boolean exists(String sessionId) {
            return loaded != null;
        }

        @Override
        public Optional<MessageRecord> byId(String sessionId, String messageId) {
            return Optional.ofNullable(byId.get(messageId));
        }

        @Override
        public boolean isMember(String sessionId, String agentId) {
            return false;
        }
    }

    static final class Writer extends TranscriptWriter {
        final List<List<Effect>> appends = new ArrayList<>();

        @Override
        public boolean append(Negotiation next, long expectedHeadSeq, List<MessageRecord> records, List<Effect> effects, boolean membersChanged,
                Instant now) {
            appends.add(effects);
            return true;
        }
    }

    static final class Commits extends GroupCommit {
        final List<Append> submitted = new ArrayList<>();
        Result answer = Result.COMMITTED;

        @Override
        public CompletableFuture<Result> submit(Append a) {
            submitted.add(a);
            return CompletableFuture.completedFuture(answer);
        }
    }

    static final class Gate extends TrustGate {
        final List<Terms> ceilingsChecked = new ArrayList<>();
        DomainException ceiling;

        @Override
        public void requireScore(String agentId, BigDecimal minimum, String who) {
        }

        @Override
        public void requireInviterAcceptable(String inviteeId, String inviterId) {
        }

        @Override
        public void requireWithinCeilings(Terms terms) {
            ceilingsChecked.add(terms);
            if (ceiling != null) {
                throw ceiling;
            }
        }

        @Override
        public void requireSessionQuota(String agentId, boolean countedAlready) {
        }
    }

    static final class Directory extends AgentDirectory {
        BigDecimal approvalAbove;

        @Override
        public Agent get(String agentId) {
            return new Agent("org_test", agentId, false, NOW);
        }

        @Override
        public Organization organizationOf(Agent agent) {
            Organization org = new Organization("Test", "eu", true, NOW);
            org.setPolicy(new OrgPolicy(approvalAbove, null, false, null, null));
            return org;
        }
    }

    static final class Authenticity extends EnvelopeAuthenticity {
        @Override
        public Signer check(Envelope e, Caller.AgentCaller caller) {
            return new Signer(KEY.kid(), KEY.publicJwk());
        }
    }

    static final class Seals extends SystemMessages {
        private int ids;

        @Override
        public Sealed seal(SystemMessage message, Negotiation session) {
            var unsigned = message.unsigned("msg_sys" + (++ids), session.sessionId(), session.head(), NOW);
            return new Sealed(Envelope.seal(unsigned, bytes -> SIGNATURE), KEY);
        }
    }

    static final class Fx extends FxRates {
        @Override
        public BigDecimal toUsd(BigDecimal amount, String currency) {
            return amount;
        }
    }

    static final class Live extends CommittedMessages {
        @Override
        public String announcement(String sessionId, List<MessageRecord> records, List<Effect> effects) {
            return null;
        }
    }

    static final class Fired implements Event<TranscriptAppended> {
        final List<TranscriptAppended> events = new ArrayList<>();

        @Override
        public void fire(TranscriptAppended event) {
            events.add(event);
        }

        @Override
        public <U extends TranscriptAppended> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TranscriptAppended> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<TranscriptAppended> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TranscriptAppended> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TranscriptAppended> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
