package dev.asp.domain.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** Spec 4.3 INVITE and 4.2: a session starts from its first message, which sets its participants and constraints. */
final class Opening {
    /** The role of an inviter the INVITE does not list among its participants. */
    static final String INVITER_ROLE = "inviter";

    private Opening() {
    }

    static Decision open(Envelope invite) {
        if (invite.performative() != Performative.INVITE) {
            throw DomainException.protocol("a session opens with an INVITE, not " + invite.performative());
        }
        if (invite.seq() != 1) {
            throw DomainException.protocol("an INVITE is seq 1 only");
        }
        if (invite.fromService()) {
            throw DomainException.notAllowed("an INVITE is sent by its inviter");
        }
        if (invite.replyTo().isPresent()) {
            throw DomainException.protocol("an INVITE answers nothing: it has no replyTo");
        }
        Body.Invite body = (Body.Invite) Body.parse(Performative.INVITE, invite.body());
        String inviter = invite.sender();
        Map<String, Participant> participants = new LinkedHashMap<>();
        if (body.participants().stream().noneMatch(p -> p.agent().equals(inviter))) {
            participants.put(inviter, new Participant(inviter, INVITER_ROLE, true, true, null));
        }
        for (Body.Invitee p : body.participants()) {
            boolean isInviter = p.agent().equals(inviter);
            participants.put(p.agent(), new Participant(p.agent(), p.role(), isInviter, isInviter, null));
        }
        if (participants.size() < 2) {
            throw DomainException.protocol("an INVITE names at least one agent besides its inviter");
        }
        long tokens = TokenUsage.of(invite.body());
        if (!body.constraints().budgetAllows(0, tokens)) {
            throw new DomainException(ProblemCode.BUDGET_EXHAUSTED, "the INVITE alone takes " + tokens
                    + " tokens, more than its tokenBudget of " + body.constraints().tokenBudget().getAsLong());
        }
        Negotiation n = new Negotiation(invite.sessionId(), inviter, body.purpose(), body.constraints(), invite.sentAt(),
                participants.size() == 2, SessionState.INVITED, participants, Set.of(), Map.of(), Map.of(), null,
                Set.of(), Map.of(), null, tokens, null, Set.of(), new Head(invite.seq(), invite.hash()));
        Recipients.resolve(n, invite.to());
        return new Decision(n, tokens, List.of(new Effect.StateChanged(null, SessionState.INVITED)), List.of());
    }
}
