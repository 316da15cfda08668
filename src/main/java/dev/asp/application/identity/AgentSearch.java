package dev.asp.application.identity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import dev.asp.application.trust.TrustReader;
import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Registry search (spec 3): active agents matching every capability (itself or anything below it,
 * segment by segment), a region and a protocol, at or above a trust score, best trust first.
 */
@ApplicationScoped
@InTransaction
public class AgentSearch {
    public static final int MAX_LIMIT = 100;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    TrustReader trust;

    static final int MAX_CAPABILITIES = 32;

    public record Query(List<String> capabilities, String region, BigDecimal minTrustScore, String protocol, int limit, String cursor) {
    }

    public record Hit(Agent agent, TrustSummary trust) {
    }

    public record Page(List<Hit> hits, String next) {
    }

    public Page search(Query q) {
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw DomainException.malformed("\"limit\" must be 1-" + MAX_LIMIT);
        }
        // spec 10: each capability is a subquery; thousands of them overflowed the JPQL parser's stack
        if (q.capabilities().size() > MAX_CAPABILITIES) {
            throw DomainException.malformed("a search names at most " + MAX_CAPABILITIES + " capabilities");
        }
        for (String c : q.capabilities()) {
            if (!Agent.CAPABILITY.matcher(c).matches()) {
                throw DomainException.malformed("capability \"" + c + "\" is not dotted lower-case segments such as compute.gpu");
            }
        }
        StringBuilder jpql = new StringBuilder("select a from Agent a where a.status = 'active'");
        for (int i = 0; i < q.capabilities().size(); i++) {
            jpql.append(" and exists (select c from Agent x join x.capabilities c where x = a and (c = :c").append(i)
                    .append(" or c like :p").append(i).append(" escape '!'))");
        }
        if (q.region() != null) {
            jpql.append(" and :region member of a.regions");
        }
        if (q.protocol() != null) {
            jpql.append(" and :protocol member of a.protocols");
        }
        TypedQuery<Agent> query = em.createQuery(jpql.toString(), Agent.class);
        for (int i = 0; i < q.capabilities().size(); i++) {
            String c = q.capabilities().get(i);
            query.setParameter("c" + i, c).setParameter("p" + i, c.replace("!", "!!").replace("_", "!_").replace("%", "!%") + ".%");
        }
        if (q.region() != null) {
            query.setParameter("region", q.region());
        }
        if (q.protocol() != null) {
            query.setParameter("protocol", q.protocol());
        }
        BigDecimal min = q.minTrustScore() == null ? BigDecimal.ZERO : q.minTrustScore();
        List<Hit> ranked = new ArrayList<>();
        for (Agent a : query.getResultList()) {
            TrustSummary t = trust.of(a);
            if (t.score().compareTo(min) >= 0) {
                ranked.add(new Hit(a, t));
            }
        }
        ranked.sort(Comparator.comparing((Hit h) -> h.trust().score()).reversed().thenComparing(h -> h.agent().id()));
        int offset = decode(q.cursor());
        int end = Math.min(ranked.size(), offset + q.limit());
        List<Hit> page = offset >= ranked.size() ? List.of() : ranked.subList(offset, end);
        return new Page(List.copyOf(page), end < ranked.size() ? encode(end) : null);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            return Math.max(0, Integer.parseInt(text.substring(2)));
        } catch (IllegalArgumentException e) {
            throw DomainException.malformed("\"cursor\" is not a cursor this service issued");
        }
    }
}
