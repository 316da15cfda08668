package dev.asp.domain.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The worked example of docs/trust.md, number by number, so the page cannot drift from the code. */
class WorkedExampleTest {
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void theDocumentedAgent() {
        TrustState s = TrustState.initial();
        long[] durations = {1800, 3600, 2700, 600};
        String[] creditors = {"agt_b", "agt_c", "agt_d"};
        double[] amounts = {2000, 500, 50};
        boolean[] payment = {true, false, true};
        int[] ratings = {5, 4, 5};
        for (int i = 0; i < 4; i++) {
            Instant at = T0.plus(Duration.ofHours(4L * i));
            s = s.apply(at, new TrustFact.Activity("msg_" + i));
            if (i < 3) {
                s = s.apply(at, new TrustFact.Fulfilment("cmt_" + i, "ses_" + i, creditors[i], false, payment[i], amounts[i], true));
                s = s.apply(at, new TrustFact.Rating("msg_close" + i, "ses_" + i, creditors[i], false, ratings[i]));
            }
            s = s.apply(at, new TrustFact.SessionClosed("ses_" + i, i < 3 ? "success" : "cancelled", i < 3, i < 3, List.of("agt_x"), durations[i]));
        }
        s = s.apply(T0.plus(Duration.ofHours(13)), new TrustFact.Endorsement("end_1", "agt_e", TrustMath.endorsementWeight(60, 5, false)));
        IdentityFacts id = new IdentityFacts("org_verified", 70, true, 100, false, 0, false);
        TrustAssessment a = AspTrust1.assess(s, id, T0.plus(Duration.ofHours(14)));
        assertEquals(70, a.components().get("IV"), 1e-4);
        assertEquals(22.9091, a.components().get("CF"), 1e-4);
        assertEquals(24.1416, a.components().get("CH"), 1e-4);
        assertEquals(15.0369, a.components().get("BC"), 1e-4);
        assertEquals(39.4790, a.components().get("RQ"), 1e-4);
        assertEquals(70, a.components().get("SP"), 1e-4);
        assertEquals(28.4933, a.components().get("ER"), 1e-4);
        assertEquals(60, a.components().get("PE"), 1e-4);
        assertEquals(40.5040, a.base(), 1e-4);
        assertEquals(1.0, a.penalty(), 0, "three successful sessions at D = 1 change nothing");
        assertEquals(40.5040, a.score(), 1e-4);
        assertEquals(TrustLevel.VERIFIED, a.level());
        TrustState breached = s.apply(T0.plus(Duration.ofHours(14)), new TrustFact.Breach("cmt_9", null, "ses_9", "agt_b", 2));
        assertEquals(14.9006, AspTrust1.assess(breached, id, T0.plus(Duration.ofHours(14))).score(), 1e-4);
        assertEquals(34.8621, AspTrust1.assess(s, id, T0.plus(Duration.ofHours(12)).plus(Duration.ofDays(30))).score(), 1e-4);
    }
}
