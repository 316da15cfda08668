package dev.asp.application.identity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

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

    static final int MAX_CAPABILITIES = 32;

    public record Query(List<String> capabilities, String region, BigDecimal minTrustScore, String protocol, int limit, String cursor) {
    }

    /** Ranked by the stored score; the caller shows each one's live trust (TrustReader). */
    public record Page(List<Agent> hits, String next) {
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
        // ranked in the database by the stored score (agents_trust_rank), keyset-paged: no match is loaded beyond the page
        jpql.append(" and a.trustScore >= :min");
        if (q.cursor() != null && !q.cursor().isEmpty()) {
            // the first term bounds the index scan (the OR alone would be a filter over every earlier row)
            jpql.append(" and a.trustScore <= :afterScore and (a.trustScore < :afterScore or (a.trustScore = :afterScore and a.id > :afterId))");
        }
        jpql.append(" order by a.trustScore desc, a.id");
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
        query.setParameter("min", min);
        Cursor after = decode(q.cursor());
        if (after != null) {
            query.setParameter("afterScore", after.score()).setParameter("afterId", after.id());
        }
        List<Agent> rows = query.setMaxResults(q.limit() + 1).getResultList();
        List<Agent> page = rows.subList(0, Math.min(q.limit(), rows.size()));
        Agent last = rows.size() > q.limit() ? rows.get(q.limit() - 1) : null;
        return new Page(List.copyOf(page), last == null ? null : encode(new Cursor(last.trustScore(), last.id())));
    }

    /** The last row of a page: the keyset the next one starts after. */
    private record Cursor(BigDecimal score, String id) {
    }

    private static String encode(Cursor c) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + c.score().toPlainString() + ":" + c.id()).getBytes(StandardCharsets.US_ASCII));
    }

    private static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 3);
            if (parts.length != 3 || !parts[0].equals("k") || parts[2].isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(new BigDecimal(parts[1]), parts[2]);
        } catch (IllegalArgumentException e) {
            throw DomainException.malformed("\"cursor\" is not a cursor this service issued");
        }
    }
}
