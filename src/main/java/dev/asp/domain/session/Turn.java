package dev.asp.domain.session;

import static dev.asp.domain.session.SessionState.AGREED;
import static dev.asp.domain.session.SessionState.CLOSED;
import static dev.asp.domain.session.SessionState.ESCALATED;
import static dev.asp.domain.session.SessionState.INVITED;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.asp.domain.session.Effect.Reason;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** One participant's message judged against spec 4.3-4.5, applied to a copy of the negotiation. */
final class Turn {
    /** How the sender stands in the session; only joined participants negotiate. */
    private enum Standing { JOINED, INVITEE, DELEGATE, OUTSIDER }

    /** Spec 4.5 INVITED: invitees answer the INVITE and may talk before they do. */
    private static final Set<Performative> INVITEE_MAY = EnumSet.of(Performative.ACCEPT, Performative.REJECT,
            Performative.QUERY, Performative.INFORM, Performative.CLARIFY);
    /** Spec 4.3 DELEGATE: an invited delegate reads, and answers its DELEGATE. */
    private static final Set<Performative> DELEGATE_MAY = EnumSet.of(Performative.ACCEPT, Performative.REJECT);

    private final Negotiation before;
    private final Changes c;
    private final Negotiation n;
    private final Envelope e;
    private final String sender;
    private final boolean commitmentsRunning;
    private final boolean holdCommit;
    private Standing standing;

    Turn(Negotiation current, Envelope message, boolean commitmentsRunning, boolean holdCommit) {
        this.before = current;
        this.c = new Changes(current.copy());
        this.n = c.n;
        this.e = message;
        this.sender = message.sender();
        this.commitmentsRunning = commitmentsRunning;
        this.holdCommit = holdCommit;
    }

    Decision play() {
        if (e.fromService()) {
            throw DomainException.notAllowed("only the service writes as " + Envelope.SYSTEM);
        }
        if (!e.sessionId().equals(n.sessionId)) {
            throw DomainException.protocol("the envelope is for " + e.sessionId() + ", not " + n.sessionId);
        }
        standing = standingOf(sender);
        if (standing == Standing.OUTSIDER) {
            throw DomainException.notAllowed(sender + " takes no part in session " + n.sessionId);
        }
        Performative p = e.performative();
        admit(p);
        Body body = Body.parse(p, e.body());
        Set<String> recipients = Recipients.resolve(n, e.to());
        if (e.replyTo().isPresent() && (e.replyTo().getAsLong() < 1 || e.replyTo().getAsLong() > n.head.seq())) {
            throw DomainException.protocol("replyTo " + e.replyTo().getAsLong() + " is no message of this session");
        }
        switch (p) {
            case PROPOSE -> propose(((Body.Propose) body).terms(), recipients);
            case COUNTER -> counter(((Body.Counter) body).terms(), recipients);
            case ACCEPT -> accept();
            case REJECT -> reject((Body.Reject) body);
            case QUERY, INFORM -> { }
            case CLARIFY -> replyTo("CLARIFY");
            case COMMIT -> commit((Body.Commit) body);
            case FULFILL -> fulfill((Body.Fulfill) body);
            case DELEGATE -> delegate((Body.Delegate) body);
            case ESCALATE -> escalate((Body.Escalate) body);
            case WITHDRAW -> withdraw();
            case CLOSE -> close((Body.Close) body);
            case INVITE -> throw new IllegalStateException("no state admits INVITE");
        }
        long tokens = TokenUsage.of(e.body());
        if (!n.constraints.budgetAllows(before.tokensUsed, tokens)) {
            throw new DomainException(ProblemCode.BUDGET_EXHAUSTED, "this message takes " + tokens + " tokens; "
                    + before.tokensLeft().getAsLong() + " of the session's " + n.constraints.tokenBudget().getAsLong() + " are left");
        }
        n.tokensUsed = before.tokensUsed + tokens;
        n.head = new Head(e.seq(), e.hash());
        return c.decision(tokens);
    }

    private Standing standingOf(String agent) {
        Participant p = n.participants.get(agent);
        if (p != null) {
            return p.joined() ? Standing.JOINED : Standing.INVITEE;
        }
        return n.delegations.values().stream().anyMatch(d -> d.agent().equals(agent)) ? Standing.DELEGATE : Standing.OUTSIDER;
    }

    /** The per-state table of StateMachine, the INVITE's allowedPerformatives, then who may say what. */
    private void admit(Performative p) {
        if (!StateMachine.admits(n.state, p)) {
            String detail = p + " is not allowed in state " + n.state;
            throw n.state == CLOSED ? DomainException.conflict("session is CLOSED: " + detail) : DomainException.protocol(detail);
        }
        if (!n.constraints.allows(p)) {
            String detail = "the session's constraints do not allow " + p;
            throw n.state == CLOSED ? DomainException.conflict(detail) : DomainException.protocol(detail);
        }
        if (standing == Standing.INVITEE && !INVITEE_MAY.contains(p)) {
            throw DomainException.notAllowed(sender + " has not accepted the INVITE yet: it may only answer it, ask or inform");
        }
        if (standing == Standing.DELEGATE && !DELEGATE_MAY.contains(p)) {
            throw DomainException.notAllowed(sender + " is an invited delegate: it may only ACCEPT or REJECT its DELEGATE");
        }
    }

    private long replyTo(String performative) {
        if (e.replyTo().isEmpty()) {
            throw DomainException.protocol(performative + " needs a replyTo");
        }
        return e.replyTo().getAsLong();
    }

    private void requireJoined(String what) {
        if (standing != Standing.JOINED) {
            throw DomainException.notAllowed("only a participant that has joined may " + what);
        }
    }

    // --- proposals (4.3 PROPOSE, COUNTER, WITHDRAW; 4.4 parties) ---

    private void propose(Terms offered, Set<String> recipients) {
        open(Performative.PROPOSE, offered, e.to().isEmpty() ? joinedAgents() : withSender(recipients));
    }

    private void counter(Terms offered, Set<String> recipients) {
        Proposal countered = openProposal(replyTo("COUNTER"), "COUNTER");
        if (countered.proposer().equals(sender)) {
            throw DomainException.protocol("a COUNTER answers another party's proposal; PROPOSE again or WITHDRAW your own");
        }
        if (!countered.parties().contains(sender)) {
            throw DomainException.protocol(sender + " is not a party of proposal " + countered.seq());
        }
        c.closeProposal(countered.seq(), Reason.COUNTERED);
        // Without `to` or parties, a COUNTER binds the parties of what it answers (documented choice).
        open(Performative.COUNTER, offered, e.to().isEmpty() ? countered.parties() : withSender(recipients));
    }

    /** A sender has one open proposal at a time: a new one supersedes its earlier ones (4.3 PROPOSE). */
    private void open(Performative kind, Terms offered, List<String> defaultParties) {
        Terms terms = offered.withDefaults(n.constraints.currency(), defaultParties);
        if (terms.parties().size() < 2) {
            throw DomainException.protocol("a proposal needs at least two parties");
        }
        for (String party : terms.parties()) {
            if (!n.isParticipant(party)) {
                throw DomainException.protocol("party " + party + " is not a participant of this session");
            }
        }
        n.proposals.values().stream().filter(p -> p.proposer().equals(sender)).map(Proposal::seq).toList()
                .forEach(seq -> c.closeProposal(seq, Reason.SUPERSEDED));
        Proposal proposal = new Proposal(e.seq(), kind, sender, terms, Set.of());
        n.proposals.put(proposal.seq(), proposal);
        c.record(new Effect.ProposalOpened(proposal));
    }

    private void withdraw() {
        Proposal p = openProposal(replyTo("WITHDRAW"), "WITHDRAW");
        if (!p.proposer().equals(sender)) {
            throw DomainException.protocol("only its proposer withdraws proposal " + p.seq());
        }
        c.closeProposal(p.seq(), Reason.WITHDRAWN);
    }

    private Proposal openProposal(long seq, String performative) {
        Proposal p = n.proposals.get(seq);
        if (p == null) {
            throw DomainException.protocol(performative + " answers an open proposal; " + seq + " is not one");
        }
        return p;
    }

    private List<String> joinedAgents() {
        return n.joined().stream().map(Participant::agent).toList();
    }

    private List<String> withSender(Set<String> recipients) {
        List<String> parties = new ArrayList<>();
        parties.add(sender);
        recipients.stream().filter(a -> !a.equals(sender) && n.isParticipant(a)).forEach(parties::add);
        return parties;
    }

    // --- answers (4.3 ACCEPT, REJECT) ---

    private void accept() {
        long target = replyTo("ACCEPT");
        if (target == 1) {
            joinThroughInvite();
        } else if (n.delegations.containsKey(target)) {
            joinAsDelegate(n.delegations.get(target));
        } else if (n.proposals.containsKey(target)) {
            acceptProposal(n.proposals.get(target));
        } else {
            throw DomainException.protocol("ACCEPT answers the INVITE, a DELEGATE naming its sender or an open proposal; "
                    + target + " is none of these");
        }
    }

    private void joinThroughInvite() {
        if (n.state != INVITED) {
            throw DomainException.protocol("the INVITE is no longer open to answer");
        }
        if (standing != Standing.INVITEE) {
            throw DomainException.protocol(sender + " has already joined");
        }
        Participant joined = n.participants.get(sender).join();
        n.participants.put(sender, joined);
        c.record(new Effect.ParticipantJoined(sender, joined.role(), null));
        c.introduceWhenAllAnswered();
    }

    private void joinAsDelegate(Delegation d) {
        if (!d.agent().equals(sender)) {
            throw DomainException.protocol("DELEGATE " + d.seq() + " names " + d.agent() + ", not " + sender);
        }
        n.delegations.remove(d.seq());
        String role = n.participants.get(d.by()).role();
        n.participants.put(sender, new Participant(sender, role, true, false, d.by()));
        c.record(new Effect.ParticipantJoined(sender, role, d.by()));
    }

    private void acceptProposal(Proposal p) {
        requireJoined("accept a proposal");
        if (p.proposer().equals(sender)) {
            throw DomainException.protocol("a proposal is accepted by its other parties, not by its proposer");
        }
        if (!p.parties().contains(sender)) {
            throw DomainException.protocol(sender + " is not a party of proposal " + p.seq());
        }
        if (p.accepts().contains(sender)) {
            throw DomainException.protocol(sender + " has already accepted proposal " + p.seq());
        }
        Proposal accepted = p.acceptedBy(sender);
        n.proposals.put(p.seq(), accepted);
        c.record(new Effect.ProposalAccepted(p.seq(), sender));
        if (accepted.agreed()) {
            n.proposals.remove(p.seq());
            List.copyOf(n.proposals.keySet()).forEach(seq -> c.closeProposal(seq, Reason.AGREEMENT_REACHED));
            n.agreement = accepted;
            c.record(new Effect.AgreementReached(accepted));
            c.moveTo(AGREED);
        }
    }

    private void reject(Body.Reject body) {
        long target = replyTo("REJECT");
        if (n.state == CLOSED) {
            requireRunning("REJECT");
            if (!n.claims.containsKey(target)) {
                throw DomainException.conflict("session is CLOSED: a REJECT may only answer a FULFILL of a running commitment");
            }
        }
        if (target == 1) {
            declineInvite(body.reason());
        } else if (n.delegations.containsKey(target)) {
            declineDelegation(n.delegations.get(target));
        } else if (n.proposals.containsKey(target)) {
            rejectProposal(n.proposals.get(target));
        } else if (n.claims.containsKey(target)) {
            rejectDelivery(n.claims.get(target), body.reason());
        } else {
            throw DomainException.protocol("REJECT answers the INVITE, a DELEGATE naming its sender, an open proposal "
                    + "or a FULFILL; " + target + " is none of these");
        }
    }

    private void declineInvite(String reason) {
        if (n.state != INVITED) {
            throw DomainException.protocol("the INVITE is no longer open to answer");
        }
        if (standing != Standing.INVITEE) {
            throw DomainException.protocol(sender + " has already joined; CLOSE leaves a session");
        }
        n.participants.remove(sender);
        n.declined.add(sender);
        c.record(new Effect.InvitationDeclined(sender, reason));
        if (n.bilateral) {
            c.closeSession(sender, Outcome.CANCELLED);
        } else {
            c.introduceWhenAllAnswered();
        }
    }

    private void declineDelegation(Delegation d) {
        if (!d.agent().equals(sender)) {
            throw DomainException.protocol("DELEGATE " + d.seq() + " names " + d.agent() + ", not " + sender);
        }
        n.delegations.remove(d.seq());
        c.record(new Effect.DelegationDeclined(d.seq(), sender));
    }

    private void rejectProposal(Proposal p) {
        requireJoined("reject a proposal");
        if (p.proposer().equals(sender)) {
            throw DomainException.protocol("a proposer WITHDRAWs its own proposal rather than rejecting it");
        }
        if (!p.parties().contains(sender)) {
            throw DomainException.protocol(sender + " is not a party of proposal " + p.seq());
        }
        c.closeProposal(p.seq(), Reason.REJECTED);
    }

    private void rejectDelivery(Claim claim, String reason) {
        requireJoined("dispute a delivery");
        if (claim.by().equals(sender)) {
            throw DomainException.protocol("a FULFILL is rejected by the other side of its commitment, not by its sender");
        }
        c.record(new Effect.DeliveryRejected(e.seq(), sender, claim.seq(), claim.commitment(), reason));
    }

    private void requireRunning(Performative p) {
        requireRunning(p.name());
    }

    private void requireRunning(String performative) {
        if (!commitmentsRunning) {
            throw DomainException.conflict("session is CLOSED and none of its commitments is running: " + performative + " is refused");
        }
    }

    // --- commitments (4.5 AGREED, EXECUTING; spec 5) ---

    private void commit(Body.Commit body) {
        requireJoined("commit");
        Proposal agreed = n.agreement;
        if (body.proposal() != agreed.seq()) {
            throw DomainException.protocol("COMMIT names proposal " + body.proposal() + "; the agreement is " + agreed.seq());
        }
        if (!agreed.parties().contains(sender)) {
            throw DomainException.protocol(sender + " is not a party of the agreement");
        }
        if (n.committed.contains(sender)) {
            throw DomainException.protocol(sender + " has already committed");
        }
        Map<String, BigDecimal> paid = new LinkedHashMap<>();
        for (Obligation o : body.obligations()) {
            if (o.creditor().equals(sender) || !agreed.parties().contains(o.creditor())) {
                throw DomainException.protocol("an obligation's creditor must be another party of the agreement, not " + o.creditor());
            }
            if (o.isPayment()) {
                paid.merge(o.creditor(), o.amount(), BigDecimal::add);
            }
        }
        paid.forEach((creditor, sum) -> {
            if (sum.compareTo(agreed.terms().total()) > 0) {
                throw DomainException.protocol("payments of " + sum.toPlainString() + " to " + creditor
                        + " exceed the agreement's total of " + agreed.terms().total().toPlainString());
            }
        });
        Effect.CommitmentsRequested commit = new Effect.CommitmentsRequested(e.seq(), sender, agreed.seq(),
                body.obligations(), agreed.terms().currency(), agreed.terms().escrow());
        if (holdCommit) {
            hold(commit);
        } else {
            c.takeEffect(commit);
        }
    }

    private void hold(Effect.CommitmentsRequested commit) {
        Escalation escalation = new Escalation(e.seq(), sender, "the COMMIT needs approval under its organization's policy",
                n.state, commit);
        n.escalation = escalation;
        c.record(new Effect.EscalationRequested(escalation));
        c.moveTo(ESCALATED);
    }

    private void fulfill(Body.Fulfill body) {
        requireJoined("claim fulfilment");
        if (n.state == CLOSED) {
            requireRunning(Performative.FULFILL);
        }
        n.claims.put(e.seq(), new Claim(e.seq(), sender, body.commitment()));
        c.record(new Effect.FulfilmentClaimed(e.seq(), sender, body.commitment(), body.evidence()));
    }

    // --- delegation, oversight, closing (4.3, 4.5, 4.6) ---

    private void delegate(Body.Delegate body) {
        requireJoined("delegate");
        String agent = body.to();
        if (agent.equals(sender)) {
            throw DomainException.protocol("an agent does not delegate to itself");
        }
        if (n.participants.containsKey(agent)) {
            throw DomainException.protocol(agent + " is already in this session");
        }
        if (n.delegations.values().stream().anyMatch(d -> d.agent().equals(agent))) {
            throw DomainException.protocol(agent + " has already been invited as a delegate");
        }
        Delegation d = new Delegation(e.seq(), agent, sender, body.scope());
        n.delegations.put(d.seq(), d);
        c.record(new Effect.DelegateInvited(d));
    }

    private void escalate(Body.Escalate body) {
        requireJoined("escalate");
        Escalation escalation = new Escalation(e.seq(), sender, body.reason(), n.state, null);
        n.escalation = escalation;
        c.record(new Effect.EscalationRequested(escalation));
        c.moveTo(ESCALATED);
    }

    private void close(Body.Close body) {
        requireJoined("close");
        for (String rated : body.ratings().keySet()) {
            if (rated.equals(sender) || !n.isParticipant(rated)) {
                throw DomainException.protocol("ratings are for counterparts in this session, not " + rated);
            }
        }
        if (n.state == CLOSED) {
            if (n.closedBy.contains(sender)) {
                throw DomainException.conflict(sender + " has already closed this session");
            }
            n.closedBy.add(sender);
            c.record(new Effect.CloseRecorded(sender, body.outcome(), body.ratings(), body.notes(), false));
            return;
        }
        requireOutcomeFits(body.outcome());
        n.closedBy.add(sender);
        c.closeSession(sender, body.outcome());
        c.record(new Effect.CloseRecorded(sender, body.outcome(), body.ratings(), body.notes(), true));
    }

    /**
     * Which outcome a party may fix: timeout and escalated are the service's (4.5, 4.6); AGREED
     * closes only as cancelled (4.5); success and partial speak of commitments, so need EXECUTING.
     */
    private void requireOutcomeFits(Outcome outcome) {
        Set<Outcome> fitting = switch (n.state) {
            case INVITED, CONVERSING -> EnumSet.of(Outcome.FAILURE, Outcome.CANCELLED);
            case AGREED -> EnumSet.of(Outcome.CANCELLED);
            case EXECUTING -> EnumSet.of(Outcome.SUCCESS, Outcome.PARTIAL, Outcome.FAILURE, Outcome.CANCELLED);
            case ESCALATED, CLOSED -> EnumSet.noneOf(Outcome.class);
        };
        if (!fitting.contains(outcome)) {
            throw DomainException.protocol("a CLOSE in " + n.state + " may end the session as " + wires(fitting)
                    + ", not " + outcome.wire());
        }
    }

    private static String wires(Set<Outcome> outcomes) {
        return String.join(" or ", outcomes.stream().map(Outcome::wire).toList());
    }
}
