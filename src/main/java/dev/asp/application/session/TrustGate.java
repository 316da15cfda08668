package dev.asp.application.session;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.ledger.FxRates;
import dev.asp.application.trust.TrustReader;
import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.session.Terms;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

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
    Clock clock;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    // Checked on every proposal for every party: a few seconds' staleness is fine for limits
    // that change with sessions, not with messages, and saves the agent's rows per check.
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
        return switch (level) {
            case "probation" -> BigDecimal.valueOf(100);
            case "verified" -> BigDecimal.valueOf(1_000);
            case "established" -> BigDecimal.valueOf(10_000);
            case "trusted" -> BigDecimal.valueOf(100_000);
            case "premium" -> BigDecimal.valueOf(1_000_000);
            default -> null;
        };
    }

    static Integer quota(String level) {
        return switch (level) {
            case "probation" -> 3;
            case "verified" -> 50;
            case "established" -> 500;
            case "trusted" -> 5_000;
            default -> null;
        };
    }
}
