package dev.asp.domain.session;

import static dev.asp.domain.session.JoiningTest.BUYER;
import static dev.asp.domain.session.JoiningTest.NOTE;
import static dev.asp.domain.session.JoiningTest.OUTSIDER;
import static dev.asp.domain.session.JoiningTest.SELLER;
import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.ProblemCode;

class OversightAndLimitsTest {
    static final String LAWYER = "agt_lawyer";

    private static Talk conversing() {
        return Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
    }

    @Test
    void aPerformativeTheStateDoesNotAdmitIsRefused() {
        Talk t = conversing();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "FULFILL", json("{'commitment':'cmt_x'}"), null);
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.send(SELLER, "ACCEPT", NOTE, t.seq());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "PROPOSE", terms("2.50", 1000), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "DELEGATE", json("{'to':'agt_lawyer','scope':'x'}"), null);
    }

    @Test
    void theStateIsCheckedAgainstTheStateMachineTable() {
        for (SessionState s : SessionState.values()) {
            for (Performative p : Performative.values()) {
                if (p == Performative.INVITE) {
                    assertFalse(StateMachine.admits(s, p));
                }
            }
        }
        Talk t = conversing();
        for (Performative p : Performative.negotiation()) {
            if (!StateMachine.admits(SessionState.CONVERSING, p)) {
                t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, p.name(), json("{}"), null);
            }
        }
    }

    @Test
    void theInvitesAllowedPerformativesAreEnforced() {
        Talk t = Talk.invite(BUYER, json("{'allowedPerformatives':['ACCEPT','PROPOSE','CLOSE']}"),
                BUYER, "buyer", SELLER, "seller").allJoin();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "QUERY", json("{'question':'?'}"), null);
        t.send(SELLER, "PROPOSE", terms("2.90", 1000));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "COUNTER", terms("2.40", 1000), t.seq());
    }

    @Test
    void escalatePausesTheSessionUntilApproved() {
        Talk t = conversing();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        Decision d = t.send(SELLER, "ESCALATE", json("{'reason':'price below floor'}"));
        assertEquals(SessionState.ESCALATED, d.state());
        assertEquals(SessionState.CONVERSING, t.n.pausedFrom().orElseThrow());
        assertEquals(SELLER, d.effect(Effect.EscalationRequested.class).orElseThrow().escalation().by());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, proposal);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "CLOSE", json("{'outcome':'cancelled'}"), null);
        t.send(BUYER, "QUERY", json("{'question':'how long?'}"));
        t.send(SELLER, "INFORM", json("{'facts':'an hour'}"), t.seq());

        Decision approved = t.keep(t.n.approve());
        assertEquals(SessionState.CONVERSING, approved.state());
        assertTrue(t.n.pendingEscalation().isEmpty());
        assertEquals(SessionState.AGREED, t.send(SELLER, "ACCEPT", NOTE, proposal).state());
    }

    @Test
    void aDeniedEscalationClosesTheSessionEscalated() {
        Talk t = conversing();
        t.send(SELLER, "ESCALATE", json("{'reason':'needs a human'}"));
        Decision d = t.keep(t.n.deny());
        assertEquals(Outcome.ESCALATED, t.n.outcome().orElseThrow());
        assertEquals(Performative.CLOSE, d.systemMessages().get(0).performative());
        t.send(SELLER, "CLOSE", json("{'outcome':'escalated'}"));
    }

    @Test
    void aDecisionWithoutAPendingEscalationIsAConflict() {
        Talk t = conversing();
        t.refused(ProblemCode.CONFLICT, () -> t.n.approve());
        t.refused(ProblemCode.CONFLICT, () -> t.n.deny());
    }

    @Test
    void aDelegateMayReadAndJoinsWhenItAccepts() {
        Talk t = conversing();
        Decision d = t.send(SELLER, "DELEGATE", json("{'to':'agt_lawyer','scope':'contract review'}"));
        long delegation = t.seq();
        assertEquals(LAWYER, d.effect(Effect.DelegateInvited.class).orElseThrow().delegation().agent());
        assertTrue(t.n.canRead(LAWYER));
        assertFalse(t.n.isParticipant(LAWYER));
        t.refused(ProblemCode.NOT_ALLOWED, LAWYER, "QUERY", json("{'question':'?'}"), null);
        t.refused(ProblemCode.NOT_ALLOWED, LAWYER, "PROPOSE", terms("2.40", 1000), null);
        t.send(BUYER, "PROPOSE", terms("2.40", 1000), null, LAWYER, SELLER);

        Decision joined = t.send(LAWYER, "ACCEPT", NOTE, delegation);
        assertEquals(new Effect.ParticipantJoined(LAWYER, "seller", SELLER), joined.effects().get(0));
        assertTrue(t.n.isParticipant(LAWYER));
        assertEquals(List.of(), t.n.pendingDelegations());
        t.send(LAWYER, "QUERY", json("{'question':'liability cap?'}"), null, "role:buyer");
    }

    @Test
    void aDelegationIsAnsweredOnlyByTheAgentItNames() {
        Talk t = conversing();
        t.send(SELLER, "DELEGATE", json("{'to':'agt_lawyer','scope':'contract review'}"));
        long delegation = t.seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "ACCEPT", NOTE, delegation);
        t.refused(ProblemCode.NOT_ALLOWED, OUTSIDER, "ACCEPT", NOTE, delegation);
        Decision declined = t.send(LAWYER, "REJECT", json("{'reason':'conflict of interest'}"), delegation);
        assertEquals(List.of(new Effect.DelegationDeclined(delegation, LAWYER)), declined.effects());
        assertFalse(t.n.canRead(LAWYER));
    }

    @Test
    void aDelegationMustInviteSomeoneNew() {
        Talk t = conversing();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "DELEGATE", json("{'to':'agt_seller','scope':'x'}"), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "DELEGATE", json("{'to':'agt_buyer','scope':'x'}"), null);
        t.send(SELLER, "DELEGATE", json("{'to':'agt_lawyer','scope':'x'}"));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "DELEGATE", json("{'to':'agt_lawyer','scope':'y'}"), null);
        t.refused(ProblemCode.MALFORMED, BUYER, "DELEGATE", json("{'to':'agt_other','scope':3}"), null);
    }

    @Test
    void aMessageBeyondTheTokenBudgetIsRefusedAndNothingIsSpent() {
        Talk t = Talk.invite(BUYER, json("{'tokenBudget':500}"), BUYER, "buyer", SELLER, "seller").allJoin();
        long used = t.n.tokensUsed();
        long left = 500 - used;
        assertEquals(left, t.n.tokensLeft().getAsLong());
        t.refused(ProblemCode.BUDGET_EXHAUSTED, SELLER, "INFORM",
                json("{'facts':'long answer','usage':{'tokens':" + (left + 1) + "}}"), null);
        Decision d = t.send(SELLER, "INFORM", json("{'facts':'long answer','usage':{'tokens':" + left + "}}"));
        assertEquals(left, d.tokens());
        assertEquals(0, t.n.tokensLeft().getAsLong());
        t.refused(ProblemCode.BUDGET_EXHAUSTED, BUYER, "QUERY", json("{'question':'?'}"), null);
        t.refused(ProblemCode.BUDGET_EXHAUSTED, BUYER, "CLOSE", json("{'outcome':'failure'}"), null);
        Decision timeout = t.keep(t.n.timeout(false));
        assertEquals(0, timeout.tokens(), "the service's own messages consume nothing");
        assertEquals(500, t.n.tokensUsed());
    }

    @Test
    void aDeactivatedParticipantCancelsTheSessionOnce() {
        Talk t = Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
        Decision cancelled = t.keep(t.n.participantDeactivated(SELLER));
        assertEquals(SessionState.CLOSED, t.n.state());
        assertEquals(Outcome.CANCELLED, t.n.outcome().orElseThrow());
        assertEquals(1, cancelled.systemMessages().size());
        assertEquals(Performative.CLOSE, cancelled.systemMessages().get(0).performative());
        assertTrue(t.n.participantDeactivated(SELLER).changedNothing(), "a second deactivation changes nothing");
        assertTrue(Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin().n.participantDeactivated("agt_stranger").changedNothing());
    }

    @Test
    void withoutStatedUsageAMessageTakesAQuarterOfItsCanonicalBodyBytes() {
        Talk t = conversing();
        long before = t.n.tokensUsed();
        // {"question":"How many hours can you deliver this week?"} is 56 canonical bytes
        Decision d = t.send(BUYER, "QUERY", json("{ 'question' : 'How many hours can you deliver this week?' }"));
        assertEquals(14, d.tokens());
        assertEquals(14, Negotiation.tokens(json("{'question':'How many hours can you deliver this week?'}")));
        assertEquals(before + 14, t.n.tokensUsed());
    }

    @Test
    void theViewShowsWhatGetSessionAnswers() {
        Talk t = Talk.invite(BUYER, json("{'tokenBudget':25000,'currency':'EUR'}"), BUYER, "buyer", SELLER, "seller").allJoin();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        var open = t.n.view();
        assertEquals("CONVERSING", open.getString("state"));
        assertEquals(Talk.SESSION, open.getString("id"));
        assertEquals(List.of(t.seq()), open.getJsonArray("openProposals").getValuesAs(jakarta.json.JsonNumber.class)
                .stream().map(jakarta.json.JsonNumber::longValue).toList());
        assertEquals(json("{'agent':'agt_seller','role':'seller','joined':true}"), open.getJsonArray("participants").get(1));
        assertEquals(25000, open.getJsonObject("constraints").getInt("tokenBudget"));
        assertEquals("EUR", open.getJsonObject("constraints").getString("currency"));
        assertTrue(open.isNull("agreement"));
        assertTrue(open.isNull("outcome"));
        assertEquals(t.n.head().hash(), open.getJsonObject("head").getString("hash"));

        t.send(SELLER, "ACCEPT", NOTE, t.seq());
        var agreed = t.n.view();
        assertEquals("AGREED", agreed.getString("state"));
        assertEquals(t.seq() - 1, agreed.getJsonObject("agreement").getInt("seq"));
        assertEquals("2400.00", agreed.getJsonObject("agreement").getJsonObject("terms").getString("total"));
        assertEquals("EUR", agreed.getJsonObject("agreement").getJsonObject("terms").getString("currency"));
    }
}
