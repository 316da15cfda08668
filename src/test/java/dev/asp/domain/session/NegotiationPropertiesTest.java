package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.JsonObject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * Random conversations (random senders, performatives, replyTo targets and bodies, good and bad,
 * mixed with service events) must keep the engine's invariants whatever happens.
 */
class NegotiationPropertiesTest {
    private static final List<String> AGENTS = List.of("agt_a", "agt_b", "agt_c", "agt_delegate", "agt_outsider");
    private static final Set<ProblemCode> REFUSALS = EnumSet.of(ProblemCode.MALFORMED, ProblemCode.PROTOCOL_VIOLATION,
            ProblemCode.NOT_ALLOWED, ProblemCode.CONFLICT, ProblemCode.BUDGET_EXHAUSTED);

    /** A participant's performative, or one of the service's own events. */
    enum Move { PROPOSE, COUNTER, ACCEPT, REJECT, QUERY, INFORM, CLARIFY, COMMIT, FULFILL, DELEGATE, ESCALATE, WITHDRAW,
        CLOSE, INVITE, HOLD_COMMIT, APPROVE, DENY, TIMEOUT, SETTLE }

    /** Sender index meaning "whoever this move would make sense from", so deep states are reached too. */
    static final int FITTING = 5;

    record Step(int sender, Move move, int target, int variant) {
    }

    @Provide
    Arbitrary<List<Step>> conversations() {
        Arbitrary<Integer> sender = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)), Tuple.of(6, Arbitraries.just(1)),
                Tuple.of(4, Arbitraries.just(2)), Tuple.of(1, Arbitraries.just(3)), Tuple.of(1, Arbitraries.just(4)),
                Tuple.of(16, Arbitraries.just(FITTING)));
        Arbitrary<Move> move = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Move.PROPOSE)), Tuple.of(4, Arbitraries.just(Move.COUNTER)),
                Tuple.of(10, Arbitraries.just(Move.ACCEPT)), Tuple.of(3, Arbitraries.just(Move.REJECT)),
                Tuple.of(2, Arbitraries.just(Move.QUERY)), Tuple.of(2, Arbitraries.just(Move.INFORM)),
                Tuple.of(1, Arbitraries.just(Move.CLARIFY)), Tuple.of(10, Arbitraries.just(Move.COMMIT)),
                Tuple.of(3, Arbitraries.just(Move.FULFILL)), Tuple.of(2, Arbitraries.just(Move.DELEGATE)),
                Tuple.of(1, Arbitraries.just(Move.ESCALATE)), Tuple.of(2, Arbitraries.just(Move.WITHDRAW)),
                Tuple.of(1, Arbitraries.just(Move.CLOSE)), Tuple.of(1, Arbitraries.just(Move.INVITE)),
                Tuple.of(1, Arbitraries.just(Move.HOLD_COMMIT)), Tuple.of(1, Arbitraries.just(Move.APPROVE)),
                Tuple.of(1, Arbitraries.just(Move.DENY)), Tuple.of(1, Arbitraries.just(Move.TIMEOUT)),
                Tuple.of(1, Arbitraries.just(Move.SETTLE)));
        Arbitrary<Step> step = Combinators.combine(sender, move, Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 19)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(50).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<JsonObject> constraints() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(json("{}"))),
                Tuple.of(3, Arbitraries.integers().between(60, 5000).map(b -> json("{'tokenBudget':" + b + "}"))),
                Tuple.of(1, Arbitraries.just(json("{'tokenBudget':1500,'allowedPerformatives':['ACCEPT','PROPOSE','COMMIT','CLOSE','FULFILL']}"))));
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void invariantsHoldWhateverIsSent(@ForAll("conversations") List<Step> steps, @ForAll boolean threeParty,
            @ForAll Start start, @ForAll("constraints") JsonObject constraints) {
        Talk t = threeParty
                ? Talk.invite("agt_a", constraints, "agt_a", "buyer", "agt_b", "seller", "agt_c", "broker")
                : Talk.invite("agt_a", constraints, "agt_a", "buyer", "agt_b", "seller");
        start.reach(t);
        World w = new World();
        for (Step step : steps) {
            play(t, w, step);
        }
        try (var reader = Talk.JSON.createReader(new StringReader(t.n.toJson().toString()))) {
            Negotiation reloaded = Negotiation.fromJson(reader.readObject());
            assertEquals(t.n, reloaded, "the snapshot survives being stored as text");
            assertEquals(t.n.toJson(), reloaded.toJson());
        }
        Statistics.label("final state").collect(t.n.state());
        Statistics.label("start").collect(start);
        Statistics.label("reached AGREED").collect(w.reached.contains(SessionState.AGREED));
        Statistics.label("reached EXECUTING").collect(w.reached.contains(SessionState.EXECUTING));
    }

    /** Where the random conversation begins, so the deeper states meet random messages as often as the first. */
    enum Start {
        INVITED, CONVERSING, AGREED, EXECUTING;

        void reach(Talk t) {
            try {
                play(t);
            } catch (DomainException e) {
                assertEquals(ProblemCode.BUDGET_EXHAUSTED, e.code(), "only a small budget stops the opening moves");
            }
        }

        private void play(Talk t) {
            if (this == INVITED) {
                return;
            }
            t.allJoin();
            if (this == CONVERSING) {
                return;
            }
            t.send("agt_a", "PROPOSE", Talk.terms("2.40", 100));
            long proposal = t.seq();
            t.n.openProposal(proposal).orElseThrow().parties().stream().skip(1)
                    .forEach(party -> t.send(party, "ACCEPT", json("{}"), proposal));
            if (this == AGREED) {
                return;
            }
            for (String party : t.n.agreement().orElseThrow().parties()) {
                String creditor = party.equals("agt_a") ? "agt_b" : "agt_a";
                t.send(party, "COMMIT", json("{'proposal':" + proposal + ",'obligations':[{'type':'delivery','creditor':'"
                        + creditor + "','description':'hours'}]}"));
            }
        }
    }

    /** What the test remembers beyond the engine's public state: FULFILL seqs and whether it was ever CLOSED. */
    static final class World {
        final List<Long> claims = new ArrayList<>();
        final Set<SessionState> reached = EnumSet.noneOf(SessionState.class);
        boolean closed;
    }

    private static void play(Talk t, World w, Step step) {
        Negotiation before = t.n;
        JsonObject snapshot = before.toJson();
        Function<Negotiation, Decision> action = action(t, w, step);
        Decision d;
        try {
            d = action.apply(before);
        } catch (DomainException e) {
            assertTrue(REFUSALS.contains(e.code()), e.code() + ": " + e.getMessage());
            assertEquals(snapshot, t.n.toJson(), "a refused message changes nothing");
            assertSame(before, t.n);
            return;
        }
        Decision again = action.apply(Negotiation.fromJson(snapshot));
        assertEquals(d.next(), again.next(), "a reloaded snapshot decides exactly the same");
        t.keep(d);
        Negotiation n = t.n;
        assertNotNull(n.state());
        if (w.closed) {
            assertEquals(SessionState.CLOSED, n.state(), "CLOSED is absorbing");
        }
        w.closed |= n.state() == SessionState.CLOSED;
        w.reached.add(n.state());
        if (d.effects().contains(new Effect.StateChanged(before.state(), SessionState.AGREED))) {
            Proposal agreement = n.agreement().orElseThrow();
            assertTrue(agreement.agreed(), "every party other than the proposer accepted");
            if (d.effect(Effect.AgreementReached.class).isPresent()) {
                assertTrue(before.openProposal(agreement.seq()).isPresent(), "the agreement was an open proposal");
            } else {
                assertEquals(SessionState.ESCALATED, before.state(), "only an approval returns to AGREED");
                assertEquals(before.agreement(), n.agreement());
            }
        }
        n.agreement().ifPresent(a -> {
            assertTrue(a.agreed());
            assertTrue(a.parties().containsAll(a.accepts()));
        });
        if (n.state() == SessionState.AGREED || n.state() == SessionState.EXECUTING) {
            assertTrue(n.agreement().isPresent());
        }
        assertEquals(before.tokensUsed() + d.tokens(), n.tokensUsed());
        n.constraints().tokenBudget().ifPresent(budget -> assertTrue(n.tokensUsed() <= budget, "within the budget"));
        assertTrue(n.head().seq() >= before.head().seq());
        assertEquals(n, Negotiation.fromJson(n.toJson()), "toJson/fromJson round-trips");
        d.effects(Effect.FulfilmentClaimed.class).forEach(c -> w.claims.add(c.seq()));
    }

    /** The step as a function of the negotiation it meets, so the same envelope can meet a reloaded copy. */
    private static Function<Negotiation, Decision> action(Talk t, World w, Step step) {
        Long replyTo = replyTo(t, w, step);
        String sender = step.sender() == FITTING ? fitting(t.n, step.move(), replyTo) : AGENTS.get(step.sender());
        boolean running = step.variant() % 2 == 0;
        return switch (step.move()) {
            case APPROVE -> Negotiation::approve;
            case DENY -> Negotiation::deny;
            case TIMEOUT -> n -> n.timeout(running);
            case SETTLE -> n -> n.settle(List.of(Outcome.SUCCESS, Outcome.PARTIAL, Outcome.FAILURE).get(step.variant() % 3));
            case HOLD_COMMIT -> {
                Envelope e = t.envelope(sender, "COMMIT", body(t, Move.COMMIT, sender, step.variant()), replyTo, List.of());
                yield n -> n.holdCommit(e);
            }
            default -> {
                Envelope e = t.envelope(sender, step.move().name(), body(t, step.move(), sender, step.variant()),
                        replyTo, to(step.variant()));
                yield n -> n.decide(e, running);
            }
        };
    }

    private static String fitting(Negotiation n, Move move, Long replyTo) {
        List<String> joined = n.participants().stream().filter(Participant::joined).map(Participant::agent).toList();
        if (!n.pendingInvitees().isEmpty() && (move == Move.ACCEPT || move == Move.REJECT)) {
            return n.pendingInvitees().get(0);
        }
        var proposal = replyTo == null ? Optional.<Proposal>empty() : n.openProposal(replyTo);
        if (proposal.isPresent()) {
            Proposal p = proposal.get();
            if (move == Move.WITHDRAW || move == Move.PROPOSE) {
                return p.proposer();
            }
            return p.parties().stream().filter(a -> !a.equals(p.proposer()) && !p.accepts().contains(a)).findFirst()
                    .orElse(p.proposer());
        }
        if (n.agreement().isPresent() && (move == Move.COMMIT || move == Move.HOLD_COMMIT)) {
            return n.agreement().get().parties().stream().filter(a -> !n.committed().contains(a)).findFirst()
                    .orElse(joined.get(0));
        }
        if (!n.pendingDelegations().isEmpty() && (move == Move.ACCEPT || move == Move.REJECT)) {
            return n.pendingDelegations().get(0).agent();
        }
        return joined.get(n.head().seq() % joined.size() == 0 ? 0 : joined.size() - 1);
    }

    private static List<String> to(int variant) {
        return switch (variant) {
            case 15 -> List.of("role:seller");
            case 16 -> List.of("agt_b");
            case 17 -> List.of("role:nobody");
            default -> List.of();
        };
    }

    private static Long replyTo(Talk t, World w, Step step) {
        Negotiation n = t.n;
        long head = n.head().seq();
        return switch (step.target()) {
            case 0 -> null;
            case 1 -> n.pendingDelegations().isEmpty() ? 1L : n.pendingDelegations().get(0).seq();
            case 2, 3, 4, 5, 6 -> n.openProposals().isEmpty() ? head
                    : n.openProposals().get(step.variant() % n.openProposals().size()).seq();
            case 7 -> w.claims.isEmpty() ? head : w.claims.get(step.variant() % w.claims.size());
            case 8 -> head + 1;
            default -> n.agreement().map(Proposal::seq).orElse(head);
        };
    }

    private static JsonObject body(Talk t, Move move, String sender, int variant) {
        if (variant == 0) {
            return json("{}");
        }
        if (variant == 1) {
            return json("{'terms':'cheap','reason':7,'question':false,'facts':1,'outcome':'great','proposal':'x','to':3,"
                    + "'commitment':1,'participants':{}}");
        }
        String usage = variant == 3 ? ",'usage':{'tokens':300}" : "";
        String other = sender.equals("agt_a") ? "agt_b" : "agt_a";
        long agreement = t.n.agreement().map(Proposal::seq).orElse(2L);
        String total = t.n.agreement().map(a -> a.terms().total().toPlainString()).orElse("100.00");
        return switch (move) {
            case PROPOSE, COUNTER -> {
                String price = "2." + (10 + variant * 4);
                String parties = variant % 2 == 1 ? ",'parties':['" + sender + "','" + other + "']" : "";
                String sum = variant == 19 ? "1.00" : new BigDecimal(price).multiply(BigDecimal.TEN).toPlainString();
                yield json("{'terms':{'items':[{'description':'GPU hours','quantity':10,'unitPrice':'" + price + "'}],'total':'"
                        + sum + "'" + parties + "}" + usage + "}");
            }
            case ACCEPT -> json("{'note':'yes'" + usage + "}");
            case REJECT, ESCALATE, WITHDRAW -> json("{'reason':'no'" + usage + "}");
            case QUERY, CLARIFY -> json("{'question':'why?'" + usage + "}");
            case INFORM -> json("{'facts':{'k':'v'}" + usage + "}");
            case COMMIT -> {
                String obligation = switch (variant % 4) {
                    case 0 -> "";
                    case 1 -> "{'type':'delivery','creditor':'" + other + "','description':'hours'}";
                    case 2 -> "{'type':'payment','creditor':'" + other + "','description':'pay','amount':'" + total + "'}";
                    default -> "{'type':'payment','creditor':'" + other + "','description':'pay','amount':'999999.00'}";
                };
                long proposal = variant == 18 ? agreement + 1 : agreement;
                yield json("{'proposal':" + proposal + ",'obligations':[" + obligation + "]" + usage + "}");
            }
            case FULFILL -> json("{'commitment':'cmt_" + variant % 3 + "'" + usage + "}");
            case DELEGATE -> json("{'to':'" + (variant % 3 == 0 ? other : "agt_delegate") + "','scope':'pricing'" + usage + "}");
            case CLOSE -> {
                Outcome outcome = Outcome.values()[variant % Outcome.values().length];
                String ratings = variant % 2 == 0 ? ",'ratings':{'" + other + "':" + (variant % 6 + 1) + "}" : "";
                yield json("{'outcome':'" + outcome.wire() + "'" + ratings + usage + "}");
            }
            default -> json("{'purpose':'again','participants':[{'agent':'agt_a','role':'buyer'}]}");
        };
    }
}
