package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

class BodyTest {

    private static void refused(ProblemCode code, Performative p, String body) {
        JsonObject o = json(body);
        DomainException e = assertThrows(DomainException.class, () -> Body.parse(p, o));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void requiredMembersMissingAreProtocolViolations() {
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COUNTER, "{'terms':null}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.REJECT, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.QUERY, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INFORM, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.CLARIFY, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, "{'obligations':[]}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, "{'proposal':3}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.FULFILL, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.DELEGATE, "{'to':'agt_x'}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.DELEGATE, "{'scope':'pricing'}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.ESCALATE, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.CLOSE, "{}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INVITE, "{'participants':[]}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INVITE, "{'purpose':'x'}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE, "{'terms':{'items':[]}}");
    }

    @Test
    void wrongTypesAreMalformed() {
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':'cheap'}");
        refused(ProblemCode.MALFORMED, Performative.REJECT, "{'reason':false}");
        refused(ProblemCode.MALFORMED, Performative.INFORM, "{'facts':42}");
        refused(ProblemCode.MALFORMED, Performative.COMMIT, "{'proposal':'3','obligations':[]}");
        refused(ProblemCode.MALFORMED, Performative.COMMIT, "{'proposal':3,'obligations':{}}");
        refused(ProblemCode.MALFORMED, Performative.COMMIT, "{'proposal':3,'obligations':['pay']}");
        refused(ProblemCode.MALFORMED, Performative.CLOSE, "{'outcome':'great'}");
        refused(ProblemCode.MALFORMED, Performative.CLOSE, "{'outcome':'SUCCESS'}");
        refused(ProblemCode.MALFORMED, Performative.CLOSE, "{'outcome':'success','ratings':{'agt_b':'5'}}");
        refused(ProblemCode.MALFORMED, Performative.CLOSE, "{'outcome':'success','ratings':{'agt_b':4.5}}");
        refused(ProblemCode.MALFORMED, Performative.ACCEPT, "{'note':1}");
        refused(ProblemCode.MALFORMED, Performative.INVITE, "{'purpose':'x','participants':[{'agent':'agt_a','role':1}]}");
        refused(ProblemCode.MALFORMED, Performative.INVITE, "{'purpose':'x','participants':[{'agent':'bob','role':'buyer'}]}");
        refused(ProblemCode.MALFORMED, Performative.FULFILL, "{'commitment':'delivery'}");
    }

    @Test
    void termsMoneyIsNeverAJsonNumber() {
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':2550}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':'2550.001'}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE,
                "{'terms':{'items':[{'description':'x','quantity':1,'unitPrice':2.5}],'total':'2.50'}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':'1.00','penalty':250}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE,
                "{'terms':{'items':[{'description':'x','quantity':'1'}],'total':'1.00'}}");
    }

    @Test
    void totalMustBeTheSumOfPricedItems() {
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE,
                "{'terms':{'items':[{'description':'GPU hours','quantity':1000,'unitPrice':'2.55'}],'total':'2500.00'}}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE,
                "{'terms':{'items':[{'description':'a','quantity':1,'unitPrice':'1.00'},{'description':'b','quantity':1}],'total':'1.00'}}");
        Body.Propose ok = (Body.Propose) Body.parse(Performative.PROPOSE, json(
                "{'terms':{'items':[{'description':'a','quantity':1.5,'unitPrice':'2.00'},{'description':'b','quantity':2,'unitPrice':'0.25'}],'total':'3.5'}}"));
        assertEquals(new BigDecimal("3.5"), ok.terms().total());
    }

    @Test
    void unpricedItemsLeaveTheTotalAsStated() {
        Body.Propose p = (Body.Propose) Body.parse(Performative.PROPOSE,
                json("{'terms':{'items':[{'description':'advice','quantity':1}],'total':'90.00'}}"));
        assertEquals(new BigDecimal("90.00"), p.terms().total());
    }

    @Test
    void termsReadEveryMember() {
        Terms t = ((Body.Propose) Body.parse(Performative.PROPOSE, json("{'terms':{"
                + "'items':[{'description':'GPU hours','quantity':1000,'unitPrice':'2.55','unit':'hour'}],"
                + "'total':'2550.00','currency':'EUR','deliverBy':'2026-03-15','parties':['agt_b','agt_s'],"
                + "'breachSeverity':3,'penalty':'250.00','escrow':true,'conditions':['on-prem only']}}"))).terms();
        assertEquals("EUR", t.currency());
        assertEquals(Instant.parse("2026-03-16T00:00:00Z"), t.deliverBy());
        assertEquals(List.of("agt_b", "agt_s"), t.parties());
        assertEquals(3, t.breachSeverity());
        assertEquals(new BigDecimal("250.00"), t.penalty());
        assertTrue(t.escrow());
        assertEquals(List.of("on-prem only"), t.conditions());
        assertEquals(t, Terms.parse(t.toJson()));
    }

    @Test
    void termsRangesAreProtocolViolations() {
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE, "{'terms':{'total':'1.00','breachSeverity':11}}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE, "{'terms':{'total':'-1.00'}}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE, "{'terms':{'total':'1.00','parties':['agt_a','agt_a']}}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.PROPOSE,
                "{'terms':{'items':[{'description':'x','quantity':0,'unitPrice':'1.00'}],'total':'0.00'}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':'1.00','currency':'usd'}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':'1.00','escrow':'yes'}}");
        refused(ProblemCode.MALFORMED, Performative.PROPOSE, "{'terms':{'total':'1.00','deliverBy':'tomorrow'}}");
    }

    @Test
    void obligationsAreValidatedOneByOne() {
        Body.Commit c = (Body.Commit) Body.parse(Performative.COMMIT, json("{'proposal':4,'obligations':["
                + "{'type':'payment','creditor':'agt_s','description':'Pay $1,800 upon confirmed delivery',"
                + "'amount':'1800.00','deadline':'2026-03-18T00:00:00Z','condition':'cmt_delivery01 fulfilled'},"
                + "{'type':'delivery','creditor':'agt_b','description':'200 adapters','deadline':'2026-03-16'}]}"));
        Obligation pay = c.obligations().get(0);
        assertEquals(ObligationType.PAYMENT, pay.type());
        assertEquals(new BigDecimal("1800.00"), pay.amount());
        assertEquals("cmt_delivery01", pay.condition());
        Obligation deliver = c.obligations().get(1);
        assertEquals(Instant.parse("2026-03-17T00:00:00Z"), deliver.deadline());
        assertNull(deliver.amount());
        assertEquals(pay, Obligation.parse(pay.toJson()));

        String base = "{'proposal':4,'obligations':[%s]}";
        refused(ProblemCode.MALFORMED, Performative.COMMIT, String.format(base, "{'type':'bribe','creditor':'agt_s','description':'x'}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, String.format(base, "{'creditor':'agt_s','description':'x'}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, String.format(base, "{'type':'payment','description':'x'}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, String.format(base, "{'type':'payment','creditor':'agt_s'}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, String.format(base, "{'type':'payment','creditor':'agt_s','description':'x'}"));
        refused(ProblemCode.MALFORMED, Performative.COMMIT, String.format(base, "{'type':'payment','creditor':'agt_s','description':'x','amount':1800}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.COMMIT, String.format(base, "{'type':'payment','creditor':'agt_s','description':'x','amount':'0.00'}"));
        refused(ProblemCode.MALFORMED, Performative.COMMIT, String.format(base, "{'type':'delivery','creditor':'agt_s','description':'x','deadline':'soon'}"));
        refused(ProblemCode.MALFORMED, Performative.COMMIT, String.format(base, "{'type':'delivery','creditor':'agt_s','description':'x','condition':'after lunch'}"));
        refused(ProblemCode.MALFORMED, Performative.COMMIT, String.format(base, "{'type':'delivery','creditor':'seller','description':'x'}"));
    }

    @Test
    void closeReadsOutcomeRatingsAndNotes() {
        Body.Close c = (Body.Close) Body.parse(Performative.CLOSE, json("{'outcome':'success','ratings':{'agt_s':5},'notes':'fine'}"));
        assertEquals(Outcome.SUCCESS, c.outcome());
        assertEquals(Map.of("agt_s", 5), c.ratings());
        assertEquals("fine", c.notes());
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.CLOSE, "{'outcome':'success','ratings':{'agt_s':0}}");
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.CLOSE, "{'outcome':'success','ratings':{'agt_s':6}}");
    }

    @Test
    void constraintsDefaultAsTheSpecSays() {
        Constraints c = Constraints.parse(json("{}"));
        assertEquals(Duration.ofHours(24), c.maxDuration());
        assertEquals(0, c.minTrustScore().signum());
        assertEquals(0, c.minDirectionalScore().signum());
        assertEquals(EnumSet.copyOf(Performative.negotiation()), c.allowedPerformatives());
        assertTrue(c.tokenBudget().isEmpty());
        assertEquals("USD", c.currency());
        assertEquals(c, Constraints.defaults());
        assertEquals(c, Constraints.parse(c.toJson()));
    }

    @Test
    void constraintsReadEveryMember() {
        Constraints c = Constraints.parse(json("{'maxDuration':'PT2H','minTrustScore':60,'minDirectionalScore':42.04,"
                + "'allowedPerformatives':['PROPOSE','ACCEPT','CLOSE'],'tokenBudget':25000,'currency':'EUR'}"));
        assertEquals(Duration.ofHours(2), c.maxDuration());
        assertEquals(new BigDecimal("60"), c.minTrustScore());
        assertEquals(new BigDecimal("42.04"), c.minDirectionalScore());
        assertEquals(EnumSet.of(Performative.PROPOSE, Performative.ACCEPT, Performative.CLOSE), c.allowedPerformatives());
        assertEquals(25000, c.tokenBudget().getAsLong());
        assertEquals("EUR", c.currency());
        assertEquals(c, Constraints.parse(c.toJson()));
    }

    @Test
    void constraintsRefuseWhatTheyCannotMean() {
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'allowedPerformatives':['PROPOSE','HAGGLE']}"));
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'allowedPerformatives':['INVITE']}"));
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'maxDuration':'two hours'}"));
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'minTrustScore':'60'}"));
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'tokenBudget':2.5}"));
        refused(ProblemCode.MALFORMED, Performative.INVITE, invite("{'tokenBudget':'25000'}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INVITE, invite("{'minTrustScore':101}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INVITE, invite("{'tokenBudget':0}"));
        refused(ProblemCode.PROTOCOL_VIOLATION, Performative.INVITE, invite("{'maxDuration':'PT0S'}"));
    }

    private static String invite(String constraints) {
        return "{'purpose':'x','participants':[{'agent':'agt_a','role':'buyer'}],'constraints':" + constraints + "}";
    }

    @Test
    void tokenUsageIsStatedOrAQuarterOfTheCanonicalBytes() {
        assertEquals(1200, TokenUsage.of(json("{'note':'x','usage':{'tokens':1200}}")));
        // {"note":"joining"} is 18 canonical bytes: ceil(18 / 4) = 5
        assertEquals(5, TokenUsage.of(json("{ \"note\" : \"joining\" }".replace('"', '\''))));
        assertEquals(1, TokenUsage.of(json("{}")));
        assertEquals(ProblemCode.MALFORMED,
                assertThrows(DomainException.class, () -> TokenUsage.of(json("{'usage':{'tokens':'many'}}"))).code());
        assertEquals(ProblemCode.PROTOCOL_VIOLATION,
                assertThrows(DomainException.class, () -> TokenUsage.of(json("{'usage':{'tokens':-1}}"))).code());
    }
}
