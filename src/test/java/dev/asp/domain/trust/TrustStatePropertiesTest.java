package dev.asp.domain.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** 6.2's promises over random histories: replay is exact, causes apply once, a breach is exactly e^(−0.5·s), ≤ 99.99. */
class TrustStatePropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final IdentityFacts SCIM = new IdentityFacts("enterprise_scim", 100, true, 200, true, 0, false);

    record Timed(long minutes, TrustFact fact) {
    }

    @Provide
    Arbitrary<List<Timed>> histories() {
        // few ids, so causes repeat and the idempotency is exercised
        Arbitrary<String> ids = Arbitraries.integers().between(1, 12).map(i -> "x" + i);
        Arbitrary<String> peers = Arbitraries.of("agt_a", "agt_b", "agt_c", "agt_d");
        Arbitrary<TrustFact> facts = Arbitraries.oneOf(
                ids.map(i -> new TrustFact.Activity("msg_" + i)),
                Combinators.combine(ids, Arbitraries.of(true, false), Arbitraries.longs().between(1, 200_000), peers)
                        .as((i, ok, secs, p) -> new TrustFact.SessionClosed("ses_" + i, ok ? "success" : "failure", ok, ok, List.of(p), secs)),
                Combinators.combine(ids, Arbitraries.integers().between(1, 10), peers)
                        .as((i, s, p) -> new TrustFact.Breach("cmt_" + i, null, "ses_1", p, s)),
                Combinators.combine(ids, peers, Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.doubles().between(0, 1e6))
                        .as((i, p, same, pay, usd) -> new TrustFact.Fulfilment("cmt_f" + i, "ses_1", p, same, pay, usd, !same)),
                Combinators.combine(ids, peers, Arbitraries.integers().between(1, 5))
                        .as((i, p, r) -> new TrustFact.Rating("msg_r" + i + p, "ses_1", p, false, r)),
                Combinators.combine(ids, peers, Arbitraries.doubles().between(0, 1))
                        .as((i, p, w) -> new TrustFact.Endorsement("end_" + i, p, w)),
                Arbitraries.integers().between(1, 40).map(d -> new TrustFact.Decay(T0, d)));
        return Combinators.combine(Arbitraries.longs().between(0, 60 * 24 * 40), facts).as(Timed::new).list().ofMaxSize(60)
                .map(list -> {
                    List<Timed> sorted = new ArrayList<>(list);
                    sorted.sort((x, y) -> Long.compare(x.minutes(), y.minutes()));
                    return sorted;
                });
    }

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Property
    void replayReproducesTheStoredStateExactly(@ForAll("histories") List<Timed> history) {
        TrustState live = TrustState.initial();
        List<TrustEvent> stored = new ArrayList<>();
        for (Timed t : history) {
            TrustState next = live.apply(at(t.minutes()), t.fact());
            if (next != live) {
                stored.add(new TrustEvent(stored.size() + 1, at(t.minutes()), t.fact()));
            }
            live = next;
        }
        assertEquals(live, TrustState.replay(stored));
        assertEquals(live, TrustJson.state(TrustJson.state(live)), "the stored cache reads back as the fold");
        for (TrustEvent e : stored) {
            assertEquals(e.fact(), TrustJson.fact(TrustJson.fact(e.fact())));
        }
    }

    @Property
    void aCauseAppliedTwiceChangesNothing(@ForAll("histories") List<Timed> history, @ForAll @IntRange(min = 0, max = 10_000) int later) {
        TrustState s = TrustState.initial();
        for (Timed t : history) {
            s = s.apply(at(t.minutes()), t.fact());
        }
        for (Timed t : history) {
            assertSame(s, s.apply(at(t.minutes() + later), t.fact()));
        }
    }

    @Property
    void aBreachMultipliesTheScoreByExactlyItsFactor(@ForAll("histories") List<Timed> history, @ForAll @IntRange(min = 1, max = 10) int severity,
            @ForAll @IntRange(min = 0, max = 100_000) int minutesLater) {
        TrustState s = TrustState.initial();
        long end = 0;
        for (Timed t : history) {
            s = s.apply(at(t.minutes()), t.fact());
            end = t.minutes();
        }
        Instant when = at(end + minutesLater);
        TrustAssessment before = AspTrust1.assess(s, SCIM, when);
        TrustAssessment after = AspTrust1.assess(s.apply(when, new TrustFact.Breach("cmt_new", null, "ses_9", "agt_z", severity)), SCIM, when);
        double uncapped = before.base() / before.penalty() * before.decay();
        double expected = Math.min(TrustMath.MAX_COMPUTED, uncapped) == uncapped ? before.score() * Math.exp(-0.5 * severity)
                : Math.min(TrustMath.MAX_COMPUTED, uncapped * Math.exp(-0.5 * severity));
        assertEquals(expected, after.score(), 1e-9 * Math.max(1, expected));
        assertEquals(before.components(), after.components(), "a breach acts through D only");
    }

    /** The daily timer's event records what the score shows and changes nothing else; its second run records nothing. */
    @Property
    void aDecayEventChangesOnlyTheCausesApplied(@ForAll("histories") List<Timed> history, @ForAll @IntRange(min = 1, max = 400) int days) {
        TrustState s = TrustState.initial();
        for (Timed t : history) {
            s = s.apply(at(t.minutes()), t.fact());
        }
        Instant when = at(60L * 24 * 41 + 60L * 24 * days);
        TrustFact.Decay decay = new TrustFact.Decay(s.lastActivity() == null ? T0 : s.lastActivity(), days);
        TrustState after = s.apply(when, decay);
        assertEquals(AspTrust1.assess(s, SCIM, when), AspTrust1.assess(after, SCIM, when));
        assertEquals(s.penalty(), after.penalty(), 0);
        assertSame(after, after.apply(when.plusSeconds(3600), decay));
    }

    @Property
    void aComputedScoreNeverExceeds9999(@ForAll("histories") List<Timed> history, @ForAll @IntRange(min = 0, max = 100_000) int minutesLater) {
        TrustState s = TrustState.initial();
        for (Timed t : history) {
            s = s.apply(at(t.minutes()), t.fact());
        }
        TrustAssessment a = AspTrust1.assess(s, SCIM, at(60L * 24 * 40 + minutesLater));
        assertTrue(a.score() <= 99.99, a.toString());
        assertTrue(a.score() >= 0);
        a.components().values().forEach(c -> assertTrue(c >= 0 && c <= 100, a.components().toString()));
    }
}
