package dev.asp.application.session;

import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.session.Decision;
import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.SessionState;
import dev.asp.domain.session.Talk;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.infrastructure.persistence.session.EscalationRecord;

/**
 * Spec 4.6 as EscalationDesk orchestrates it: the escalation recorded with its message, an admin's
 * decision applied to the session once, only by the escalating agent's organization.
 */
class EscalationDeskTest {
    static final String BUYER = "agt_buyer";
    static final String SELLER = "agt_seller";
    static final String BUYER_ORG = "org_buyer";
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    final Map<String, EscalationRecord> rows = new LinkedHashMap<>();
    final Sessions sessions = new Sessions();
    final EscalationDesk desk = new EscalationDesk();
    Talk talk;

    @BeforeEach
    void wire() {
        desk.em = entityManager(rows);
        desk.agents = new AgentDirectory() {
            @Override
            public Agent get(String agentId) {
                return new Agent(BUYER.equals(agentId) ? BUYER_ORG : "org_other", agentId, false, NOW);
            }
        };
        desk.sessions = sessions;
        desk.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        talk = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        talk.send(BUYER, "PROPOSE", terms("2.40", 1000), null);
        talk.send(SELLER, "ACCEPT", json("{'note':'ok'}"), talk.seq());
        long agreement = talk.n.agreement().orElseThrow().seq();
        Decision held = talk.keep(talk.n.holdCommit(talk.envelope(BUYER, "COMMIT", json("{'proposal':" + agreement
                + ",'obligations':[{'type':'payment','creditor':'" + SELLER + "','description':'Pay on delivery','amount':'2400.00'}]}"),
                null, List.of())));
        sessions.current = talk.n;
        desk.record(new TranscriptAppended(List.of(), held.effects(), talk.n));
    }

    @Test
    void aHeldCommitIsRecordedForTheEscalatingAgentsOrganization() {
        assertEquals(1, rows.size());
        EscalationRecord esc = rows.values().iterator().next();
        assertEquals(talk.n.sessionId(), esc.sessionId());
        assertEquals(BUYER_ORG, esc.orgId());
        assertEquals(talk.n.pendingEscalation().orElseThrow().seq(), esc.messageSeq());
        assertTrue(esc.isPending());
    }

    @Test
    void anApprovalPutsTheHeldCommitIntoEffect() {
        String id = rows.keySet().iterator().next();

        EscalationRecord decided = desk.decide(id, BUYER_ORG, "key_admin", true, "fine");

        assertEquals("approved", decided.status());
        assertEquals(NOW, decided.decidedAt());
        assertEquals(List.of(SessionState.AGREED), sessions.states, "back to the state the escalation paused");
        assertEquals(BUYER, sessions.last.effect(Effect.CommitmentsRequested.class).orElseThrow().debtor());
    }

    @Test
    void aDenialClosesTheSession() {
        String id = rows.keySet().iterator().next();

        desk.decide(id, BUYER_ORG, "key_admin", false, "too much");

        assertEquals(List.of(SessionState.CLOSED), sessions.states);
    }

    @Test
    void theFirstDecisionIsFinal() {
        String id = rows.keySet().iterator().next();
        desk.decide(id, BUYER_ORG, "key_admin", true, null);

        DomainException again = assertThrows(DomainException.class, () -> desk.decide(id, BUYER_ORG, "key_admin", false, null));

        assertEquals(ProblemCode.CONFLICT, again.code());
        assertEquals(List.of(SessionState.AGREED), sessions.states, "the session saw one decision");
    }

    @Test
    void anotherOrganizationsAdminDoesNotSeeIt() {
        String id = rows.keySet().iterator().next();

        DomainException e = assertThrows(DomainException.class, () -> desk.decide(id, "org_other", "key_admin", true, null));

        assertEquals(ProblemCode.NOT_FOUND, e.code());
        assertTrue(rows.get(id).isPending());
        assertTrue(sessions.states.isEmpty());
    }

    /** The session service's side: the decision applied to the stored negotiation. */
    static final class Sessions extends SessionService {
        Negotiation current;
        Decision last;
        final List<SessionState> states = new ArrayList<>();

        @Override
        public Negotiation serviceEvent(String sessionId, Function<Negotiation, Decision> event) {
            last = event.apply(current);
            current = last.next();
            states.add(current.state());
            return current;
        }
    }

    /** Only what the desk calls: persist and find by id. */
    private static EntityManager entityManager(Map<String, EscalationRecord> rows) {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "persist" -> {
                        EscalationRecord r = (EscalationRecord) args[0];
                        rows.put(r.id(), r);
                        yield null;
                    }
                    case "find" -> rows.get((String) args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
