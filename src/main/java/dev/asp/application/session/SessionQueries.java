package dev.asp.application.session;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.Caller;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Participant;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.MessageRecord;
import dev.asp.infrastructure.persistence.session.TranscriptStore;

/**
 * Reading sessions (spec 1, 4.7): participants and delegates see their sessions; admins and
 * auditors the sessions their org's agents take part in; the operator everything. Anyone else
 * gets the 404 of a missing session.
 */
@ApplicationScoped
@InTransaction
public class SessionQueries {
    public static final int MAX_PAGE = 500;

    @Inject
    TranscriptStore store;

    @Inject
    SessionService sessions;

    @Inject
    AgentDirectory agents;

    public Negotiation session(String sessionId, Caller caller) {
        return readable(sessionId, caller).negotiation();
    }

    public List<MessageRecord> page(String sessionId, long after, int limit, Caller caller) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.malformed("\"limit\" must be 1-" + MAX_PAGE);
        }
        readable(sessionId, caller);
        return store.page(sessionId, after, limit);
    }

    public TranscriptVerifier.Result verify(String sessionId, Caller caller) {
        readable(sessionId, caller);
        return TranscriptVerifier.verify(store.page(sessionId, 0, Integer.MAX_VALUE));
    }

    /** The agent's sessions, optionally in one state and shared with another participant. */
    public List<Negotiation> sessionsOf(Caller.AgentCaller caller, String state, String participant) {
        List<Negotiation> out = new ArrayList<>();
        for (String id : store.sessionsOf(caller.agentId(), state)) {
            store.load(id).map(TranscriptStore.Loaded::negotiation)
                    .filter(n -> participant == null || n.isParticipant(participant) || n.pendingInvitees().contains(participant))
                    .ifPresent(out::add);
        }
        return out;
    }

    private TranscriptStore.Loaded readable(String sessionId, Caller caller) {
        if (caller instanceof Caller.AgentCaller a) {
            return sessions.readable(sessionId, a.agentId());
        }
        TranscriptStore.Loaded loaded = store.load(sessionId).orElseThrow(() -> DomainException.notFound("session " + sessionId));
        if (caller instanceof Caller.Operator) {
            return loaded;
        }
        if (caller instanceof Caller.OrgMember m && m.role() != Caller.Role.SCIM) {
            for (Participant p : loaded.negotiation().participants()) {
                if (agents.get(p.agent()).orgId().equals(m.orgId())) {
                    return loaded;
                }
            }
        }
        throw DomainException.notFound("session " + sessionId);
    }
}
