package dev.asp.domain.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Honest play against five attacks over the pure model (asp-trust/1), the same number of sessions
 * each. Gain is the value an agent transacts: each honest deal is worth min(its ceiling, the deal on
 * offer), and a breach gains what it steals (a deal at its ceiling). Every attack must gain less than
 * honest play; the table printed here is the one in docs/trust.md.
 */
class AdversarialHarnessTest {
    static final int SESSIONS = 400;
    static final double DEAL = 10_000;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Every simulated agent: key-bound in a verified organization, its key 100 days old (IV 70, SP 70). */
    static final IdentityFacts ID = new IdentityFacts("org_verified", 70, true, 100, false, 0, false);
    static final Map<String, Result> RESULTS = new LinkedHashMap<>();

    record Result(double score, String level, double gain) {
    }

    /** One simulated agent: its fold, its clock, what it gained. */
    static final class Sim {
        TrustState state = TrustState.initial();
        int n;
        double gain;
        Instant clock = T0;

        TrustAssessment now() {
            return AspTrust1.assess(state, ID, clock);
        }

        double ceiling() {
            var c = now().level().ceilingUsd();
            return c == null ? DEAL : Math.min(DEAL, c.doubleValue());
        }

        /** A session every six hours: it is active each day, so idle decay never enters. */
        void tick() {
            n++;
            clock = T0.plus(Duration.ofHours(6L * n));
        }

        void apply(TrustFact f) {
            state = state.apply(clock, f);
        }

        /** A real deal with {@code counterpart}: the agent's message, its commitment fulfilled on time, a rating, a successful close. */
        void deal(String counterpart, boolean sameOrg, double value, int rating) {
            tick();
            String s = "ses_" + n;
            apply(new TrustFact.Activity("msg_" + n));
            apply(new TrustFact.Fulfilment("cmt_" + n, s, counterpart, sameOrg, n % 2 == 0, value, true));
            apply(new TrustFact.Rating("msg_r" + n, s, counterpart, sameOrg, rating));
            apply(new TrustFact.SessionClosed(s, "success", true, !sameOrg, List.of(counterpart), 1800));
        }

        void honestDeal(int counterpartIndex) {
            double value = ceiling();
            deal("agt_peer" + (counterpartIndex % 50), false, value, 5);
            gain += value;
        }

        /** Takes a deal at its ceiling and never delivers: the value is stolen, the deadline breaches it. */
        void breach(int severity) {
            tick();
            double stolen = ceiling();
            apply(new TrustFact.Activity("msg_" + n));
            apply(new TrustFact.Breach("cmt_" + n, null, "ses_" + n, "agt_victim" + n, severity));
            apply(new TrustFact.SessionClosed("ses_" + n, "failure", true, false, List.of("agt_victim" + n), 1800));
            gain += stolen;
        }

        Result result() {
            TrustAssessment a = now();
            return new Result(a.score(), a.level().wire(), gain);
        }
    }

    static Result honest() {
        Sim s = new Sim();
        for (int i = 0; i < SESSIONS; i++) {
            s.honestDeal(i);
        }
        return s.result();
    }

    /**
     * Ten agents of one organization deal only with each other and endorse each other (renewed every 20
     * rounds, as their scores change), then one exploits an outsider.
     */
    static Result sybilRing() {
        List<Sim> ring = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ring.add(new Sim());
        }
        for (int round = 0; round < SESSIONS - 1; round++) {
            for (int i = 0; i < ring.size(); i++) {
                ring.get(i).deal("agt_sybil" + ((i + 1 + round % 9) % 10), true, DEAL, 5);
            }
            for (int i = 0; i < ring.size() && round % 20 == 0; i++) {
                for (int j = 0; j < ring.size(); j++) {
                    double endorserScore = ring.get(j).now().score();
                    if (i != j && endorserScore >= TrustMath.MIN_ENDORSER_SCORE) {
                        ring.get(i).apply(new TrustFact.Endorsement("end_" + j + "_" + i + "_" + round, "agt_sybil" + j,
                                TrustMath.endorsementWeight(endorserScore, 5, true)));
                    }
                }
            }
        }
        Sim member = ring.get(0);
        member.gain = 0; // deals within one organization move its own money
        member.breach(3);
        return member.result();
    }

    /** Breaches halfway at its ceiling, then re-registers as a new agent and plays honestly. */
    static Result whitewashing() {
        Sim first = new Sim();
        for (int i = 0; i < SESSIONS / 2 - 1; i++) {
            first.honestDeal(i);
        }
        first.breach(3);
        Sim second = new Sim();
        second.n = first.n;
        second.clock = first.clock;
        for (int i = 0; i < SESSIONS / 2; i++) {
            second.honestDeal(i);
        }
        Result r = second.result();
        return new Result(r.score(), r.level(), first.gain + second.gain);
    }

    /** Honest until trusted, then a breach at its ceiling, again and again. */
    static Result onOff() {
        Sim s = new Sim();
        int i = 0;
        while (s.n < SESSIONS) {
            if (s.now().score() >= TrustLevel.TRUSTED.min()) {
                s.breach(TrustMath.defaultSeverity(s.ceiling(), TrustLevel.TRUSTED.ceilingUsd().doubleValue()));
            } else {
                s.honestDeal(i++);
            }
        }
        return s.result();
    }

    /**
     * Agents of two organizations endorse each other across the line (renewed every 20 rounds) and only
     * talk, rating each other 5 (no agreements), then one exploits.
     */
    static Result collusiveEndorsements() {
        List<Sim> colluders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            colluders.add(new Sim());
        }
        for (int round = 0; round < SESSIONS - 1; round++) {
            for (int i = 0; i < colluders.size(); i++) {
                Sim c = colluders.get(i);
                c.tick();
                c.apply(new TrustFact.Activity("msg_" + c.n));
                String partner = "agt_colluder" + ((i + 5) % 10);
                c.apply(new TrustFact.Rating("msg_r" + c.n, "ses_" + c.n, partner, false, 5));
                c.apply(new TrustFact.SessionClosed("ses_" + c.n, "success", false, false, List.of(partner), 1800));
            }
            for (int i = 0; i < colluders.size() && round % 20 == 0; i++) {
                for (int j = 0; j < colluders.size(); j++) {
                    boolean otherOrg = (i < 5) != (j < 5);
                    double endorserScore = colluders.get(j).now().score();
                    if (otherOrg && endorserScore >= TrustMath.MIN_ENDORSER_SCORE) {
                        colluders.get(i).apply(new TrustFact.Endorsement("end_" + j + "_" + i + "_" + round, "agt_colluder" + j,
                                TrustMath.endorsementWeight(endorserScore, 5, false)));
                    }
                }
            }
        }
        Sim c = colluders.get(0);
        c.breach(3);
        return c.result();
    }

    /** $1 deals with many partners to farm CH, RQ and recovery, then one exploit at the ceiling it reached. */
    static Result tinyDealFlood() {
        Sim s = new Sim();
        for (int i = 0; i < SESSIONS - 1; i++) {
            s.deal("agt_peer" + (i % 50), false, 1, 5);
            s.gain += 1;
        }
        s.breach(3);
        return s.result();
    }

    @BeforeAll
    static void simulate() {
        RESULTS.put("honest play", honest());
        RESULTS.put("Sybil ring (10 same-org agents endorsing each other)", sybilRing());
        RESULTS.put("whitewashing (breach, re-register, honest again)", whitewashing());
        RESULTS.put("on-off (honest until trusted, then breach; repeat)", onOff());
        RESULTS.put("collusive endorsements across two orgs", collusiveEndorsements());
        RESULTS.put("tiny-deal flood ($1 deals, then one exploit)", tinyDealFlood());
        System.out.println("| strategy (" + SESSIONS + " sessions) | final score | level | gain (USD) | gain / honest |");
        System.out.println("|---|---|---|---|---|");
        double honest = RESULTS.get("honest play").gain();
        RESULTS.forEach((name, r) -> System.out.printf("| %s | %.2f | %s | %,.0f | %.3f |%n", name, r.score(), r.level(), r.gain(), r.gain() / honest));
    }

    @Test
    void everyAttackGainsLessThanHonestPlay() {
        double honest = RESULTS.get("honest play").gain();
        RESULTS.forEach((name, r) -> {
            if (!name.equals("honest play")) {
                assertTrue(r.gain() < honest, name + " gains " + r.gain() + ", honest play " + honest);
            }
        });
    }

    @Test
    void honestPlayEarnsATrustedLevel() {
        assertTrue(RESULTS.get("honest play").score() >= TrustLevel.TRUSTED.min(), RESULTS.get("honest play").toString());
    }

    /** 6.2: from 82 at D = e^1.5 (a severity-3 breach: 18.30) back to 82 with unchanged components. */
    @Test
    void recoveryFrom1830Takes323SuccessfulSessions() {
        double d = TrustMath.breach(1, 3);
        assertEquals(18.2967, TrustMath.score(82, d, 0), 1e-4);
        int sessions = 0;
        while (TrustMath.score(82, d, 0) < 82 - 1e-9) {
            d = TrustMath.recover(d);
            sessions++;
        }
        System.out.println("recovery from 18.30 back to 82: " + sessions + " successful sessions");
        assertEquals(323, sessions);
    }

    /** The same through the fold: an agent whose components do not change, one successful session (fact) at a time. */
    @Test
    void recoveryThroughTheFoldMatches() {
        TrustState s = TrustState.initial().apply(T0, new TrustFact.Breach("cmt_1", null, "ses_0", "agt_v", 3));
        int sessions = 0;
        while (TrustMath.score(82, s.penalty(), 0) < 82 - 1e-9) {
            sessions++;
            s = s.apply(T0.plus(Duration.ofHours(sessions)), new TrustFact.SessionClosed("ses_" + sessions, "success", true, true, List.of("agt_p"), 60));
        }
        assertEquals(323, sessions);
        assertTrue(sessions >= 303);
    }
}
