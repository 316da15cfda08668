package dev.asp.application.session;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.ledger.FxRates;
import dev.asp.application.trust.DirectionalReputation;
import dev.asp.application.trust.TrustChanged;
import dev.asp.application.trust.TrustReader;
import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.session.Terms;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.domain.trust.TrustLevel;
import dev.asp.domain.trust.TrustMath;

/** Spec 6.3 limits, enforced not advisory: minimum scores, transaction ceilings, daily session quotas. */
@ApplicationScoped
public class TrustGate {
    @Inject
    TrustReader trust;

    @Inject
    AgentDirectory agents;

    @Inject
    FxRates fx;

    @Inject
    DirectionalReputation directional;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    // Checked on every proposal for every party: a few seconds' staleness is fine for limits
    // that change with sessions, not with messages, and saves the agent's rows per check. A trust
    // event recorded on this server drops the agent at once; one recorded on another server is seen
    // here within CACHE (docs/trust.md).
    private static final Duration CACHE = Duration.ofSeconds(5);
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(TrustSummary trust, Instant at) {
    }

    public TrustSummary trustOf(String agentId) {
        Instant now = clock.instant();
        Cached c = cache.get(agentId);
        if (c == null || c.at().plus(CACHE).isBefore(now)) {
            if (cache.size() > 100_000) {
                cache.clear();
            }
            c = new Cached(trust.of(agents.get(agentId)), now);
            cache.put(agentId, c);
        }
        return c.trust();
    }

    void trustChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrustChanged changed) {
        cache.remove(changed.agentId());
    }

    public void requireScore(String agentId, BigDecimal minimum, String who) {
        TrustSummary t = trustOf(agentId);
        if (t.score().compareTo(minimum) < 0) {
            throw DomainException.notAllowed(who + " " + agentId + " scores " + t.score() + ", below the session's minTrustScore " + minimum);
        }
    }

    /** The inviter's org policy of the invitee: {@code minInviterTrust}. */
    public void requireInviterAcceptable(String inviteeId, String inviterId) {
        Agent invitee = agents.get(inviteeId);
        BigDecimal min = agents.organizationOf(invitee).policy().minInviterTrust();
        TrustSummary inviter = trustOf(inviterId);
        if (inviter.score().compareTo(min) < 0) {
            throw DomainException.notAllowed("the policy of " + invitee.orgId() + " requires inviters to score at least " + min);
        }
    }

    /**
     * 6.4: the inviter's own view of the joining invitee must reach the INVITE's minDirectionalScore and
     * the inviter's org policy's (the policy applies to every session its agents open).
     */
    public void requireDirectional(String inviteeId, String inviterId, BigDecimal constraint) {
        BigDecimal policy = agents.organizationOf(agents.get(inviterId)).policy().minDirectionalScore();
        BigDecimal min = constraint == null ? policy : constraint.max(policy);
        if (min.signum() <= 0) {
            return;
        }
        double view = directional.of(inviterId, inviteeId).score();
        if (BigDecimal.valueOf(TrustMath.round4(view)).compareTo(min) < 0) {
            throw DomainException.notAllowed("the inviter's view of " + inviteeId + " scores " + TrustMath.round4(view)
                    + ", below the minDirectionalScore " + min);
        }
    }

    /** A proposal above any party's transaction ceiling is refused before it is stored (4.4). */
    public void requireWithinCeilings(Terms terms) {
        BigDecimal usd = fx.toUsd(terms.total(), terms.currency());
        for (String party : terms.parties()) {
            BigDecimal ceiling = ceiling(trustOf(party).level());
            if (ceiling != null && usd.compareTo(ceiling) > 0) {
                throw new DomainException(ProblemCode.TRUST_CEILING,
                        "the total " + usd + " USD exceeds the transaction ceiling " + ceiling + " USD of " + party);
            }
        }
    }

    /**
     * Sessions an agent may take part in per 24 h (6.3), counted over the sessions it is named in;
     * {@code countedAlready} when the session in question is stored already (an invitee's join).
     */
    public void requireSessionQuota(String agentId, boolean countedAlready) {
        Integer quota = quota(trustOf(agentId).level());
        if (quota == null) {
            return;
        }
        long recent = em.createQuery("select count(s) from SessionRecord s where s.createdAt > :since and s.id in "
                + "(select m.sessionId from SessionMember m where m.agentId = :a)", Long.class)
                .setParameter("since", clock.instant().minus(Duration.ofHours(24))).setParameter("a", agentId).getSingleResult();
        if (recent - (countedAlready ? 1 : 0) >= quota) {
            throw new DomainException(ProblemCode.SESSION_QUOTA, agentId + " has reached its " + quota + " sessions per 24 h");
        }
    }

    /** Spec 6.3 transaction ceiling of a level in USD; null for none (infrastructure). */
    public static BigDecimal ceiling(String level) {
        return TrustLevel.ofWire(level).ceilingUsd();
    }

    static Integer quota(String level) {
        return TrustLevel.ofWire(level).sessionsPerDay();
    }
}
