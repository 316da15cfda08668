package dev.asp.application.trust;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.AgentKey;
import dev.asp.domain.identity.KeyStatus;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.trust.ActivityTrail;
import dev.asp.domain.trust.AspTrust1;
import dev.asp.domain.trust.IdentityFacts;
import dev.asp.domain.trust.TrustAssessment;
import dev.asp.domain.trust.TrustFact;
import dev.asp.domain.trust.TrustJson;
import dev.asp.domain.trust.TrustMath;
import dev.asp.domain.trust.TrustState;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.trust.TrustEventRecord;
import dev.asp.infrastructure.persistence.trust.TrustStateRecord;
import dev.asp.infrastructure.persistence.trust.TrustStore;

/**
 * Records trust events (spec 6.2) and answers assessments. Each change locks the agent's row, folds
 * the activity the transcript shows since the last event, applies its one fact (nothing when the
 * cause was applied already), appends the event and stores the fold and the score the registry ranks by.
 */
@ApplicationScoped
@InTransaction
public class TrustLedger {
    @Inject
    TrustStore store;

    @Inject
    AgentDirectory agents;

    @Inject
    Clock clock;

    @Inject
    Event<TrustChanged> changed;

    /** A state and the assessment it gives, with what it was computed from. */
    public record Current(Agent agent, TrustState state, TrustAssessment assessment) {
    }

    /** @return whether the fact changed anything (false: its cause was applied already) */
    public boolean record(String agentId, Instant at, TrustFact fact) {
        Agent agent = store.lockAgent(agentId);
        if (agent == null) {
            return false;
        }
        Optional<TrustStateRecord> row = store.state(agentId);
        TrustStateRecord record = row.orElse(null);
        TrustState state = row.map(r -> TrustJson.state(Jsonp.parse(r.state()))).orElse(TrustState.initial());
        if (state.applied(fact.cause())) {
            return false;
        }
        long seq = record == null ? 0 : record.lastSeq();
        IdentityFacts id = identityOf(agent, at);
        for (ActivityTrail.Sent sent : pendingActivity(agentId, state, at)) {
            TrustState next = state.apply(sent.at(), new TrustFact.Activity(sent.messageId()));
            if (next != state) {
                append(agentId, ++seq, sent.at(), new TrustFact.Activity(sent.messageId()), null, state, next, id);
                state = next;
            }
        }
        TrustState next = state.apply(at, fact);
        TrustAssessment after = append(agentId, ++seq, at, fact, sessionOf(fact), state, next, id);
        if (record == null) {
            store.create(new TrustStateRecord(agentId, TrustJson.state(next).toString(), seq, clock.instant()));
        } else {
            record.advance(TrustJson.state(next).toString(), seq, clock.instant());
        }
        agent.rank(wire(after.score()));
        changed.fire(new TrustChanged(agentId, sessionOf(fact), fact.cause().json(), after));
        return true;
    }

    /** The trust of an agent now (spec 6.2 GET): the stored fold and the activity since, nothing written. */
    public Current current(String agentId) {
        Instant now = clock.instant();
        return assess(agentId, now, now);
    }

    /**
     * The trust at {@code at} ≥ now assuming no activity after now ({@code ?asOf}, 6.2); writes nothing.
     */
    public Current at(String agentId, Instant at) {
        Instant now = clock.instant();
        if (at.isBefore(now)) {
            throw DomainException.malformed("\"asOf\" must not be in the past");
        }
        return assess(agentId, now, at);
    }

    private Current assess(String agentId, Instant now, Instant at) {
        Agent agent = agents.get(agentId);
        TrustState state = storedState(agentId);
        // an infrastructure agent shows 100 whatever its activity: its transcript is not read on every check
        if (!"infrastructure".equals(agent.trustOverride())) {
            for (ActivityTrail.Sent sent : pendingActivity(agentId, state, now)) {
                state = state.apply(sent.at(), new TrustFact.Activity(sent.messageId()));
            }
        }
        // a projection holds the components as they are now: only the idle days move (6.2)
        return new Current(agent, state, AspTrust1.assess(state, identityOf(agent, now), at));
    }

    /** Re-ranks the agent after a change of its identity (keys, level, override): no trust event, only the cached score. */
    public void rerank(String agentId) {
        Current c = current(agentId);
        c.agent().rank(wire(c.assessment().score()));
        changed.fire(new TrustChanged(agentId, null, null, c.assessment()));
    }

    public TrustState storedState(String agentId) {
        return store.state(agentId).map(r -> TrustJson.state(Jsonp.parse(r.state()))).orElse(TrustState.initial());
    }

    public List<TrustEventRecord> history(String agentId, long after, int limit) {
        agents.get(agentId);
        return store.events(agentId, after, limit);
    }

    /**
     * The daily pass (6.2): for each agent whose whole idle days grew, a {@code decay} event keyed by its
     * last activity and d, so a second run records nothing; its stored score (the registry's order) follows.
     *
     * @return how many decay events were recorded
     */
    public int recordDecay(String agentId) {
        Instant now = clock.instant();
        TrustState state = assess(agentId, now, now).state();
        long d = TrustMath.idleDays(state.lastActivity(), now);
        if (d < 1) {
            return 0;
        }
        return record(agentId, now, new TrustFact.Decay(state.lastActivity(), d)) ? 1 : 0;
    }

    public List<String> agentsWithTrustEvents() {
        return store.agentsWithState();
    }

    /** What the events of one agent in one session were (6.2's recovery rule reads its fulfilments and breaches there). */
    public List<TrustFact> inSession(String agentId, String sessionId) {
        return store.inSession(agentId, sessionId).stream().map(e -> TrustJson.fact(Jsonp.parse(e.fact()))).toList();
    }

    public List<TrustFact> dealings(String subject) {
        return store.dealings(subject).stream().map(e -> TrustJson.fact(Jsonp.parse(e.fact()))).toList();
    }

    public IdentityFacts identityOf(Agent agent, Instant at) {
        List<AgentKey> keys = agents.keys(agent.id());
        List<AgentKey> active = keys.stream().filter(AgentKey::isActive).toList();
        long age = active.stream().map(AgentKey::createdAt).min(Instant::compareTo).map(t -> Duration.between(t, at).toDays()).orElse(0L);
        var level = agents.identityLevel(agent);
        return new IdentityFacts(level.wire(), level.score(), !active.isEmpty(), Math.max(0, age),
                keys.stream().anyMatch(k -> k.status() == KeyStatus.RETIRED), keys.stream().filter(k -> k.status() == KeyStatus.REVOKED).count(),
                "infrastructure".equals(agent.trustOverride()));
    }

    private List<ActivityTrail.Sent> pendingActivity(String agentId, TrustState state, Instant upTo) {
        return ActivityTrail.toRecord(state.lastActivity(), store.sentBy(agentId, state.lastActivity(), upTo));
    }

    private TrustAssessment append(String agentId, long seq, Instant at, TrustFact fact, String sessionId, TrustState before, TrustState after,
            IdentityFacts id) {
        TrustAssessment was = AspTrust1.assess(before, id, at);
        TrustAssessment is = AspTrust1.assess(after, id, at);
        JsonObjectBuilder components = Jsonp.object();
        is.components().forEach((k, v) -> components.add(k, wire(v)));
        store.append(new TrustEventRecord(agentId, seq, fact.cause().key(), fact.cause().type(), sessionId, TrustJson.fact(fact).toString(), at,
                wire(was.score()), wire(is.score()), wire(is.base()), is.penalty(), components.build().toString()));
        return is;
    }

    private static String sessionOf(TrustFact fact) {
        if (fact instanceof TrustFact.SessionClosed s) {
            return s.session();
        }
        if (fact instanceof TrustFact.Breach b) {
            return b.session();
        }
        if (fact instanceof TrustFact.Fulfilment f) {
            return f.session();
        }
        if (fact instanceof TrustFact.Rating r) {
            return r.session();
        }
        return null;
    }

    /** Scores and components on the wire: 4 decimals (6.2). */
    public static BigDecimal wire(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
