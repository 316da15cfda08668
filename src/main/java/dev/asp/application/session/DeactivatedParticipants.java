package dev.asp.application.session;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentDeactivated;

/**
 * Spec 2.4: an agent suspended (SCIM active:false, admin PATCH) or deprovisioned has its open
 * sessions closed with outcome cancelled, in the same transaction as the status change.
 */
@ApplicationScoped
public class DeactivatedParticipants {
    private static final Logger LOG = Logger.getLogger(DeactivatedParticipants.class.getName());

    @Inject
    SessionService sessions;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    void closeSessions(@Observes AgentDeactivated event) {
        var open = em.createQuery("select s.id from SessionRecord s where s.state <> 'CLOSED' and s.id in "
                + "(select m.sessionId from SessionMember m where m.agentId = :a)", String.class)
                .setParameter("a", event.agentId()).getResultList();
        for (String sessionId : open) {
            sessions.serviceEvent(sessionId, n -> n.participantDeactivated(event.agentId()));
        }
        if (!open.isEmpty()) {
            LOG.info(() -> event.agentId() + " is " + event.status().wire() + ": cancelled " + open.size() + " open sessions");
        }
    }
}
