package dev.asp.application.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import dev.asp.domain.identity.Organization;
import dev.asp.domain.ledger.Account;
import dev.asp.domain.ledger.LedgerEntry;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;

/**
 * Every organization's balance as an append-only ledger (spec 1.1, 5). Each movement locks the
 * organization rows it touches ({@code SELECT … FOR UPDATE}) before reading their balance, so
 * concurrent holds on one balance queue up and never overdraw; two organizations are always locked
 * in the order of their ids, so two movements between the same pair cannot deadlock.
 */
@ApplicationScoped
@InTransaction
public class Ledger {
    public static final int MAX_PAGE = 1_000;
    public static final String COMMITMENT = "commitment";
    public static final String DISPUTE = "dispute";

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    FxRates fx;

    /** One page of an organization's ledger, oldest first; {@code next} is the last seq when more follow. */
    public record Page(BigDecimal balance, BigDecimal held, List<LedgerEntry> entries, Long next) {
    }

    /** Operator credit in any configured currency, booked in USD (spec 1.1, 4.4). */
    public LedgerEntry credit(String orgId, BigDecimal amount, String currency) {
        BigDecimal usd = fx.toUsd(amount, currency);
        return apply(orgId, a -> a.credit(usd, "credit", "operator", clock.instant()));
    }

    /** Escrow: {@code amountUsd} moves from the org's balance to its holds; short → 422 insufficient-funds. */
    public LedgerEntry hold(String orgId, BigDecimal amountUsd, String commitmentId) {
        return apply(orgId, a -> a.hold(amountUsd, COMMITMENT, commitmentId, clock.instant()));
    }

    /** A hold returned to the balance it came from. */
    public LedgerEntry refund(String orgId, BigDecimal amountUsd, String commitmentId) {
        return apply(orgId, a -> a.refund(amountUsd, COMMITMENT, commitmentId, clock.instant()));
    }

    /** A hold paid out: a release on the debtor's org, a receipt on the creditor's. */
    public void release(String debtorOrg, String creditorOrg, BigDecimal amountUsd, String commitmentId) {
        move(debtorOrg, creditorOrg, amountUsd, COMMITMENT, commitmentId, true);
    }

    /** A payment without escrow: from the debtor org's balance (short → 422 insufficient-funds) to the creditor's. */
    public void transfer(String debtorOrg, String creditorOrg, BigDecimal amountUsd, String commitmentId) {
        move(debtorOrg, creditorOrg, amountUsd, COMMITMENT, commitmentId, false);
    }

    public Page page(String orgId, long after, int limit, String causeId) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.malformed("\"limit\" must be 1-" + MAX_PAGE);
        }
        Organization org = em.find(Organization.class, orgId);
        if (org == null) {
            throw DomainException.notFound("organization " + orgId);
        }
        TypedQuery<LedgerEntry> q = em.createQuery("select e from LedgerEntry e where e.orgId = :o and e.seq > :a"
                + (causeId == null ? "" : " and e.causeId = :c") + " order by e.seq", LedgerEntry.class)
                .setParameter("o", orgId).setParameter("a", after);
        if (causeId != null) {
            q.setParameter("c", causeId);
        }
        List<LedgerEntry> entries = new ArrayList<>(q.setMaxResults(limit + 1).getResultList());
        Long next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            next = entries.get(limit - 1).seq();
        }
        return new Page(org.balance(), org.held(), entries, next);
    }

    /** The entries a cause (a commitment, a dispute) left in any organization's ledger. */
    public List<LedgerEntry> byCause(String causeType, String causeId) {
        return em.createQuery("select e from LedgerEntry e where e.causeType = :t and e.causeId = :c order by e.createdAt, e.seq", LedgerEntry.class)
                .setParameter("t", causeType).setParameter("c", causeId).getResultList();
    }

    /** Spec 7: a hold of the at-fault org paid out to the wronged org, citing the dispute that found the fault. */
    public void award(String atFaultOrg, String wrongedOrg, BigDecimal amountUsd, String disputeId) {
        move(atFaultOrg, wrongedOrg, amountUsd, DISPUTE, disputeId, true);
    }

    /**
     * Spec 7: the terms' penalty, taken from the at-fault org's balance (never its holds) down to 0 as a
     * {@code penalty} entry, received by the wronged org; answers what was taken.
     */
    public BigDecimal penalty(String atFaultOrg, String wrongedOrg, BigDecimal amountUsd, String disputeId) {
        Map<String, Locked> locked = lock(atFaultOrg, wrongedOrg);
        var now = clock.instant();
        var taken = locked.get(atFaultOrg).account.penalty(amountUsd, DISPUTE, disputeId, now);
        taken.ifPresent(entry -> {
            em.persist(entry);
            em.persist(locked.get(wrongedOrg).account.receive(entry.amount(), DISPUTE, disputeId, now));
        });
        locked.values().forEach(Locked::settle);
        return taken.map(LedgerEntry::amount).orElse(BigDecimal.ZERO);
    }

    private void move(String debtorOrg, String creditorOrg, BigDecimal amountUsd, String causeType, String causeId, boolean fromHold) {
        Map<String, Locked> locked = lock(debtorOrg, creditorOrg);
        Locked debtor = locked.get(debtorOrg);
        Locked creditor = locked.get(creditorOrg);
        var now = clock.instant();
        em.persist(fromHold ? debtor.account.release(amountUsd, causeType, causeId, now)
                : debtor.account.pay(amountUsd, causeType, causeId, now));
        em.persist(creditor.account.receive(amountUsd, causeType, causeId, now));
        locked.values().forEach(Locked::settle);
    }

    private LedgerEntry apply(String orgId, Function<Account, LedgerEntry> movement) {
        Locked l = lock(orgId).get(orgId);
        LedgerEntry entry = movement.apply(l.account);
        l.settle();
        em.persist(entry);
        return entry;
    }

    /** An organization row under lock and its balance as arithmetic. */
    private record Locked(Organization org, Account account) {
        void settle() {
            org.settle(account);
        }
    }

    /** Row locks in id order (a TreeMap), read after locking so the balance is the committed one. */
    private Map<String, Locked> lock(String... orgIds) {
        em.flush(); // a refresh re-reads the row: what this transaction moved already must be in it
        Map<String, Locked> locked = new TreeMap<>();
        for (String id : orgIds) {
            locked.put(id, null);
        }
        for (String id : List.copyOf(locked.keySet())) {
            Organization org = em.find(Organization.class, id);
            if (org == null) {
                throw DomainException.notFound("organization " + id);
            }
            em.refresh(org, LockModeType.PESSIMISTIC_WRITE);
            Long max = em.createQuery("select max(e.seq) from LedgerEntry e where e.orgId = :o", Long.class).setParameter("o", id).getSingleResult();
            locked.put(id, new Locked(org, org.account(max == null ? 0 : max)));
        }
        return locked;
    }
}
