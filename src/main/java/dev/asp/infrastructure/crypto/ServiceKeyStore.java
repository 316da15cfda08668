package dev.asp.infrastructure.crypto;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.infrastructure.persistence.InTransaction;

/** The service keys in the database, shared by every server on it. */
@ApplicationScoped
@InTransaction
public class ServiceKeyStore {
    private static final Logger LOG = Logger.getLogger(ServiceKeyStore.class.getName());

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    /** The active key, created (once, whichever server comes first) if there is none. */
    public SigningKey activeOrCreate(Instant now) {
        List<ServiceKey> active = active();
        if (active.isEmpty()) {
            lockServiceState();
            active = active();
            if (active.isEmpty()) {
                ServiceKey created = ServiceKey.generate(now);
                em.persist(created);
                LOG.info(() -> "created the service signing key " + created.kid());
                active = List.of(created);
            }
        }
        return signing(active.get(0));
    }

    public SigningKey rotate(Instant now) {
        lockServiceState();
        active().forEach(k -> k.retire(now));
        ServiceKey created = ServiceKey.generate(now);
        em.persist(created);
        LOG.info(() -> "rotated the service signing key; now " + created.kid());
        return signing(created);
    }

    public List<ServiceKey> all() {
        return em.createQuery("select k from ServiceKey k order by k.createdAt desc", ServiceKey.class).getResultList();
    }

    public ServiceKey find(String kid) {
        return em.find(ServiceKey.class, kid);
    }

    private static SigningKey signing(ServiceKey k) {
        return new SigningKey(k.kid(), k.seed());
    }

    private List<ServiceKey> active() {
        return em.createQuery("select k from ServiceKey k where k.status = 'active' order by k.createdAt desc", ServiceKey.class)
                .getResultList();
    }

    // Serialises key creation and rotation among servers sharing the database.
    private void lockServiceState() {
        em.createNativeQuery("SELECT id FROM service_state WHERE id = 1 FOR UPDATE").getResultList();
    }
}
