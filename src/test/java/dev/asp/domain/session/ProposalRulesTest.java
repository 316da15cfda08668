package dev.asp.domain.session;

import static dev.asp.domain.session.JoiningTest.BROKER;
import static dev.asp.domain.session.JoiningTest.BUYER;
import static dev.asp.domain.session.JoiningTest.NOTE;
import static dev.asp.domain.session.JoiningTest.OUTSIDER;
import static dev.asp.domain.session.JoiningTest.SELLER;
import static dev.asp.domain.session.Talk.json;
import static dev.asp.domain.session.Talk.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.asp.domain.session.Effect.Reason;
import dev.asp.domain.shared.ProblemCode;

class ProposalRulesTest {

    private static Talk bilateral() {
        return Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller").allJoin();
    }

    private static Talk threeParty() {
        return Talk.invite(BUYER, BUYER, "buyer", SELLER, "seller", BROKER, "broker").allJoin();
    }

    private static List<Long> open(Talk t) {
        return t.n.openProposals().stream().map(Proposal::seq).toList();
    }

    @Test
    void proposeOpensAProposalWithTheSessionDefaults() {
        Talk t = bilateral();
        Decision d = t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        Proposal p = d.effect(Effect.ProposalOpened.class).orElseThrow().proposal();
        assertEquals(t.seq(), p.seq());
        assertEquals(BUYER, p.proposer());
        assertEquals("USD", p.terms().currency());
        assertEquals(List.of(BUYER, SELLER), p.parties());
        assertEquals(new BigDecimal("2400.00"), p.terms().total());
        assertEquals(List.of(p.seq()), open(t));
    }

    @Test
    void proposeSupersedesTheSendersEarlierOpenProposal() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long first = t.seq();
        Decision d = t.send(BUYER, "PROPOSE", terms("2.45", 1000));
        assertTrue(d.effects().contains(new Effect.ProposalClosed(first, Reason.SUPERSEDED)));
        assertEquals(List.of(t.seq()), open(t));
    }

    @Test
    void proposalsOfDifferentSendersStayOpenSideBySide() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.send(SELLER, "PROPOSE", terms("2.90", 1000));
        assertEquals(2, open(t).size());
    }

    @Test
    void counterClosesTheCounteredProposal() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        Decision d = t.send(SELLER, "COUNTER", terms("2.80", 1000), proposal);
        assertTrue(d.effects().contains(new Effect.ProposalClosed(proposal, Reason.COUNTERED)));
        assertEquals(List.of(t.seq()), open(t));
        assertEquals(Performative.COUNTER, t.n.openProposals().get(0).kind());
        assertEquals(List.of(BUYER, SELLER), t.n.openProposals().get(0).parties());
    }

    @Test
    void counterOfOwnProposalIsRefused() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "COUNTER", terms("2.30", 1000), t.seq());
    }

    @Test
    void counterOfAClosedProposalIsRefused() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        t.send(SELLER, "COUNTER", terms("2.80", 1000), proposal);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COUNTER", terms("2.70", 1000), proposal);
    }

    @Test
    void counterNeedsAReplyTo() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "COUNTER", terms("2.80", 1000), null);
    }

    @Test
    void counterOfAProposalTheSenderIsNoPartyOfIsRefused() {
        Talk t = threeParty();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000, BUYER, SELLER));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BROKER, "COUNTER", terms("2.50", 1000), t.seq());
    }

    @Test
    void acceptOfOwnProposalIsRefused() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "ACCEPT", NOTE, t.seq());
    }

    @Test
    void acceptWithNoOpenProposalIsRefused() {
        Talk t = bilateral();
        t.send(BUYER, "QUERY", json("{'question':'price?'}"));
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, t.seq());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, null);
    }

    @Test
    void replyToNothingIsRefused() {
        Talk t = bilateral();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "INFORM", json("{'facts':'x'}"), t.seq() + 1);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "INFORM", json("{'facts':'x'}"), 0L);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "QUERY", json("{'question':'x'}"), 99L);
    }

    @Test
    void twoPartiesAgreeWithOneAccept() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        Decision d = t.send(SELLER, "ACCEPT", NOTE, proposal);
        assertEquals(SessionState.AGREED, d.state());
        Proposal agreement = t.n.agreement().orElseThrow();
        assertEquals(proposal, agreement.seq());
        assertEquals(Set.of(SELLER), agreement.accepts());
        assertEquals(agreement, d.effect(Effect.AgreementReached.class).orElseThrow().agreement());
        assertEquals(List.of(), open(t));
    }

    @Test
    void threePartyConsensusNeedsEveryParty() {
        Talk t = threeParty();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        assertEquals(List.of(BUYER, SELLER, BROKER), t.n.openProposal(proposal).orElseThrow().parties());
        Decision first = t.send(SELLER, "ACCEPT", NOTE, proposal);
        assertEquals(SessionState.CONVERSING, first.state());
        assertEquals(List.of(new Effect.ProposalAccepted(proposal, SELLER)), first.effects());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, proposal);
        assertEquals(SessionState.AGREED, t.send(BROKER, "ACCEPT", NOTE, proposal).state());
        assertEquals(Set.of(SELLER, BROKER), t.n.agreement().orElseThrow().accepts());
    }

    @Test
    void aProposalBetweenTwoOfThreeNeedsOnlyItsOtherParty() {
        Talk t = threeParty();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000, BUYER, SELLER));
        long proposal = t.seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BROKER, "ACCEPT", NOTE, proposal);
        assertEquals(SessionState.AGREED, t.send(SELLER, "ACCEPT", NOTE, proposal).state());
    }

    @Test
    void agreementClosesTheOtherOpenProposals() {
        Talk t = bilateral();
        t.send(SELLER, "PROPOSE", terms("2.90", 1000));
        long sellers = t.seq();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        Decision d = t.send(SELLER, "ACCEPT", NOTE, t.seq());
        assertTrue(d.effects().contains(new Effect.ProposalClosed(sellers, Reason.AGREEMENT_REACHED)));
        assertEquals(List.of(), open(t));
    }

    @Test
    void rejectClosesTheProposal() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "REJECT", json("{'reason':'mine'}"), proposal);
        Decision d = t.send(SELLER, "REJECT", json("{'reason':'too low'}"), proposal);
        assertEquals(List.of(new Effect.ProposalClosed(proposal, Reason.REJECTED)), d.effects());
        assertEquals(SessionState.CONVERSING, d.state());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "ACCEPT", NOTE, proposal);
    }

    @Test
    void withdrawClosesTheSendersOwnProposalOnly() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000));
        long proposal = t.seq();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "WITHDRAW", json("{}"), proposal);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "WITHDRAW", json("{}"), null);
        Decision d = t.send(BUYER, "WITHDRAW", json("{'reason':'budget cut'}"), proposal);
        assertEquals(List.of(new Effect.ProposalClosed(proposal, Reason.WITHDRAWN)), d.effects());
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "WITHDRAW", json("{}"), proposal);
    }

    @Test
    void clarifyNeedsAReplyTo() {
        Talk t = bilateral();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, SELLER, "CLARIFY", json("{'question':'what?'}"), null);
        t.send(SELLER, "CLARIFY", json("{'question':'what?'}"), 1L);
    }

    @Test
    void proposalPartiesMustBeParticipants() {
        Talk t = bilateral();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "PROPOSE", terms("2.40", 1000, BUYER, OUTSIDER), null);
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "PROPOSE", terms("2.40", 1000, BUYER), null);
    }

    @Test
    void roleAddressingChoosesTheDefaultParties() {
        Talk t = threeParty();
        t.send(BUYER, "PROPOSE", terms("2.40", 1000), null, "role:seller");
        assertEquals(List.of(BUYER, SELLER), t.n.openProposals().get(0).parties());
        t.send(SELLER, "COUNTER", terms("2.80", 1000), t.seq());
        assertEquals(List.of(BUYER, SELLER), t.n.openProposals().get(0).parties(), "a COUNTER keeps the countered parties");
    }

    @Test
    void roleAddressingMustNameAnExistingRole() {
        Talk t = threeParty();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "QUERY", json("{'question':'?'}"), null, "role:auditor");
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "QUERY", json("{'question':'?'}"), null, OUTSIDER);
        t.send(BUYER, "QUERY", json("{'question':'?'}"), null, "role:broker", SELLER);
    }

    @Test
    void aProposalMayBeInAnotherCurrency() {
        Talk t = bilateral();
        t.send(BUYER, "PROPOSE", json("{'terms':{'total':'100.00','currency':'EUR'}}"));
        assertEquals("EUR", t.n.openProposals().get(0).terms().currency());
    }

    @Test
    void theTotalMustAddUp() {
        Talk t = bilateral();
        t.refused(ProblemCode.PROTOCOL_VIOLATION, BUYER, "PROPOSE",
                json("{'terms':{'items':[{'description':'GPU hours','quantity':1000,'unitPrice':'2.55'}],'total':'2500.00'}}"), null);
        t.refused(ProblemCode.MALFORMED, BUYER, "PROPOSE", json("{'terms':{'total':2550}}"), null);
    }
}
