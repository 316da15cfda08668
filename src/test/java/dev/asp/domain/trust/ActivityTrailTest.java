package dev.asp.domain.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Recording only the messages around idle gaps (and the latest) folds to the same state as every message. */
class ActivityTrailTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void theRecordedMessagesFoldLikeAllOfThem(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 4 * 24 * 60) Integer> gapsInMinutes,
            @ForAll boolean startActive) {
        TrustState start = startActive ? TrustState.initial().apply(T0, new TrustFact.Activity("msg_start")) : TrustState.initial();
        List<ActivityTrail.Sent> sent = new ArrayList<>();
        Instant t = T0;
        for (int i = 0; i < gapsInMinutes.size(); i++) {
            t = t.plus(Duration.ofMinutes(gapsInMinutes.get(i) + 1));
            sent.add(new ActivityTrail.Sent("msg_" + i, t));
        }
        TrustState all = start;
        for (ActivityTrail.Sent s : sent) {
            all = all.apply(s.at(), new TrustFact.Activity(s.messageId()));
        }
        TrustState recorded = start;
        for (ActivityTrail.Sent s : ActivityTrail.toRecord(start.lastActivity(), sent)) {
            recorded = recorded.apply(s.at(), new TrustFact.Activity(s.messageId()));
        }
        assertEquals(all.penalty(), recorded.penalty(), 1e-12 * all.penalty(), "the same whole idle days folded (products of exponentials may differ in the last bit)");
        assertEquals(all.lastActivity(), recorded.lastActivity());
        assertEquals(all.idleDaysFolded(), recorded.idleDaysFolded());
    }
}
