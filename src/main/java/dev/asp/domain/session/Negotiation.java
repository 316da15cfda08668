package dev.asp.domain.session;

import dev.asp.domain.shared.Jsonp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.DomainException;

/**
 * One session's negotiation (spec 4.3-4.6): who takes part, the state, the open proposals, the
 * agreement, who has committed and closed, the tokens spent and the head of the transcript.
 *
 * <p>Immutable to its callers: {@link #decide} checks a message against the current state and
 * either refuses it (a {@link DomainException} with the spec's code, nothing changed) or answers
 * a {@link Decision} carrying the next negotiation. The service keeps that next one only if it
 * stores the message, so a refusal found later (trust ceiling, funds) leaves this one intact.
 * Signatures, seq/prevHash against the head, the sender's authentication, trust, policies,
 * money and time are the service's; this class knows only the transcript's rules.
 */
public final class Negotiation {
    // Package-private and mutable only inside a Turn working on a fresh copy (see decide).
    final String sessionId;
    final String inviter;
    final String purpose;
    final Constraints constraints;
    final Instant startedAt;
    /** Spec 4.5: a REJECT of the INVITE cancels a session the INVITE opened between two agents. */
    final boolean bilateral;
    SessionState state;
    final LinkedHashMap<String, Participant> participants;
    final LinkedHashSet<String> declined;
    final TreeMap<Long, Delegation> delegations;
    final TreeMap<Long, Proposal> proposals;
    Proposal agreement;
    final LinkedHashSet<String> committed;
    final TreeMap<Long, Claim> claims;
    Escalation escalation;
    long tokensUsed;
    Outcome outcome;
    final LinkedHashSet<String> closedBy;
    Head head;

    Negotiation(String sessionId, String inviter, String purpose, Constraints constraints, Instant startedAt,
            boolean bilateral, SessionState state, Map<String, Participant> participants, Set<String> declined,
            Map<Long, Delegation> delegations, Map<Long, Proposal> proposals, Proposal agreement, Set<String> committed,
            Map<Long, Claim> claims, Escalation escalation, long tokensUsed, Outcome outcome, Set<String> closedBy, Head head) {
        this.sessionId = sessionId;
        this.inviter = inviter;
        this.purpose = purpose;
        this.constraints = constraints;
        this.startedAt = startedAt;
        this.bilateral = bilateral;
        this.state = state;
        this.participants = new LinkedHashMap<>(participants);
        this.declined = new LinkedHashSet<>(declined);
        this.delegations = new TreeMap<>(delegations);
        this.proposals = new TreeMap<>(proposals);
        this.agreement = agreement;
        this.committed = new LinkedHashSet<>(committed);
        this.claims = new TreeMap<>(claims);
        this.escalation = escalation;
        this.tokensUsed = tokensUsed;
        this.outcome = outcome;
        this.closedBy = new LinkedHashSet<>(closedBy);
        this.head = head;
    }

    /** Every member is an immutable record, so copying the collections is a deep copy. */
    Negotiation copy() {
        return new Negotiation(sessionId, inviter, purpose, constraints, startedAt, bilateral, state, participants,
                declined, delegations, proposals, agreement, committed, claims, escalation, tokensUsed, outcome,
                closedBy, head);
    }

    /** Spec 4.3 INVITE: seq 1 only, the sender is the inviter. Opens the session in INVITED. */
    public static Decision open(Envelope invite) {
        return Opening.open(invite);
    }

    /** {@link #decide(Envelope, boolean)} when no commitment of the session is still running. */
    public Decision decide(Envelope message) {
        return decide(message, false);
    }

    /**
     * Checks a participant's message against the rules of 4.3-4.5 and answers what storing it
     * changes. {@code commitmentsRunning} is the commitments service's word on whether any of
     * this session's commitments is unsettled: after CLOSED, FULFILL and REJECT about them stay
     * admitted (4.5).
     */
    public Decision decide(Envelope message, boolean commitmentsRunning) {
        return new Turn(this, message, commitmentsRunning, false).play();
    }

    /**
     * This negotiation after a message it accepted before, decided again: how a session is loaded
     * from a snapshot older than its head. Decisions depend on nothing but the negotiation and the
     * message, and only messages that brought no system message are ever left out of a snapshot.
     *
     * @throws IllegalStateException when the message does not replay (the stored transcript and
     *         snapshot disagree)
     */
    public Negotiation replay(Envelope accepted) {
        Decision d;
        try {
            d = decide(accepted, false);
        } catch (DomainException e) {
            throw new IllegalStateException("message " + accepted.seq() + " of " + sessionId + " does not replay: " + e.getMessage(), e);
        }
        if (!d.systemMessages().isEmpty() || d.next().head().seq() != accepted.seq()) {
            throw new IllegalStateException("message " + accepted.seq() + " of " + sessionId + " was stored with its own snapshot, not replayed");
        }
        return d.next();
    }

    /**
     * Spec 4.6: a COMMIT an org policy holds for approval (requireApprovalAbove). It is checked
     * like any COMMIT and stored, but instead of taking effect it pauses the session in ESCALATED;
     * {@link #approve} lets it take effect, {@link #deny} closes the session.
     */
    public Decision holdCommit(Envelope commit) {
        if (commit.performative() != Performative.COMMIT) {
            throw new IllegalArgumentException("only a COMMIT is held for approval");
        }
        return new Turn(this, commit, false, true).play();
    }

    /** Spec 4.6 approve: back to the state the escalation paused; a held COMMIT takes effect. */
    public Decision approve() {
        return ServiceEvents.approve(this);
    }

    /** Spec 4.6 deny: the session closes with outcome {@code escalated}. */
    public Decision deny() {
        return ServiceEvents.deny(this);
    }

    /**
     * Spec 4.5: {@code maxDuration} has elapsed (see {@link #expiresAt}). Closes with {@code timeout}
     * unless commitments are still running; changes nothing once CLOSED, so a second firing is harmless.
     */
    public Decision timeout(boolean commitmentsRunning) {
        return ServiceEvents.timeout(this, commitmentsRunning);
    }

    /**
     * Spec 4.5: every commitment has settled; EXECUTING closes itself with {@code success},
     * {@code partial} or {@code failure}. Changes nothing once CLOSED.
     */
    public Decision settle(Outcome outcome) {
        return ServiceEvents.settle(this, outcome);
    }

    /** Spec 5: a system INFORM recording a commitment's change ({@code facts}), in any state. */
    public Decision commitmentEvent(JsonObject facts) {
        return ServiceEvents.commitmentEvent(this, facts);
    }

    /** Spec 4.5: whether this session closes itself once its commitments settle (EXECUTING, or paused from it). */
    public boolean settlesWithCommitments() {
        return state == SessionState.EXECUTING || pausedFrom().filter(s -> s == SessionState.EXECUTING).isPresent();
    }

    /** Spec 2.4: {@code agent} can no longer act, so the session closes {@code cancelled}; nothing once CLOSED. */
    public Decision participantDeactivated(String agent) {
        return ServiceEvents.participantDeactivated(this, agent);
    }

    /** Records a system message the service has signed and appended: the head moves, nothing else. */
    public Negotiation appended(Envelope systemMessage) {
        if (!systemMessage.fromService()) {
            throw new IllegalArgumentException("only the service's own messages are recorded this way");
        }
        if (!systemMessage.sessionId().equals(sessionId)) {
            throw new IllegalArgumentException("the message belongs to " + systemMessage.sessionId());
        }
        Negotiation next = copy();
        next.head = new Head(systemMessage.seq(), systemMessage.hash());
        return next;
    }

    /** Spec 4.2: what a participant's message body takes from the budget. */
    public static long tokens(JsonObject body) {
        return TokenUsage.of(body);
    }

    public String sessionId() {
        return sessionId;
    }

    public String inviter() {
        return inviter;
    }

    public String purpose() {
        return purpose;
    }

    public Constraints constraints() {
        return constraints;
    }

    /** When the INVITE was sent: {@code maxDuration} runs from it (4.2). */
    public Instant startedAt() {
        return startedAt;
    }

    public Instant expiresAt() {
        return startedAt.plus(constraints.maxDuration());
    }

    public SessionState state() {
        return state;
    }

    /** The state an escalation paused, while ESCALATED. */
    public Optional<SessionState> pausedFrom() {
        return pendingEscalation().map(Escalation::pausedFrom);
    }

    public Optional<Escalation> pendingEscalation() {
        return Optional.ofNullable(escalation);
    }

    /** Everyone the INVITE named who has not declined, and every delegate that joined, in order of invitation. */
    public List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    public Optional<Participant> participant(String agent) {
        return Optional.ofNullable(participants.get(agent));
    }

    public boolean isParticipant(String agent) {
        Participant p = participants.get(agent);
        return p != null && p.joined();
    }

    public List<String> pendingInvitees() {
        return participants.values().stream().filter(p -> !p.joined()).map(Participant::agent).toList();
    }

    public List<Delegation> pendingDelegations() {
        return List.copyOf(delegations.values());
    }

    /** Spec 1, 4.3: participants, invitees still to answer and invited delegates may read the session. */
    public boolean canRead(String agent) {
        return participants.containsKey(agent) || delegations.values().stream().anyMatch(d -> d.agent().equals(agent));
    }

    public List<Proposal> openProposals() {
        return List.copyOf(proposals.values());
    }

    public Optional<Proposal> openProposal(long seq) {
        return Optional.ofNullable(proposals.get(seq));
    }

    public Optional<Proposal> agreement() {
        return Optional.ofNullable(agreement);
    }

    public Set<String> committed() {
        return Collections.unmodifiableSet(committed);
    }

    public long tokensUsed() {
        return tokensUsed;
    }

    public OptionalLong tokensLeft() {
        return constraints.tokenBudget().isPresent()
                ? OptionalLong.of(constraints.tokenBudget().getAsLong() - tokensUsed) : OptionalLong.empty();
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Participants that have sent their CLOSE (4.5: the first fixes the outcome, the others add theirs). */
    public Set<String> closedBy() {
        return Collections.unmodifiableSet(closedBy);
    }

    /** Spec 4.5 sealing: every participant has closed (the service also waits for commitments or the window). */
    public boolean everyoneClosed() {
        return state == SessionState.CLOSED
                && participants.values().stream().filter(Participant::joined).map(Participant::agent).allMatch(closedBy::contains);
    }

    public Head head() {
        return head;
    }

    /** Spec 4.7 GET session, without what only the service holds (commitments, escalation ids). */
    public JsonObject view() {
        JsonArrayBuilder people = Jsonp.array();
        participants.values().forEach(p -> {
            JsonObjectBuilder b = Jsonp.object().add("agent", p.agent()).add("role", p.role())
                    .add("joined", p.joined());
            if (p.inviter()) {
                b.add("inviter", true);
            }
            if (p.delegateOf() != null) {
                b.add("delegateOf", p.delegateOf());
            }
            people.add(b);
        });
        JsonArrayBuilder delegates = Jsonp.array();
        delegations.values().forEach(d -> delegates.add(Jsonp.object().add("agent", d.agent())
                .add("by", d.by()).add("seq", d.seq())));
        JsonArrayBuilder open = Jsonp.array();
        proposals.keySet().forEach(open::add);
        JsonObjectBuilder b = Jsonp.object()
                .add("id", sessionId)
                .add("state", state.name())
                .add("purpose", purpose)
                .add("participants", people)
                .add("pendingDelegates", delegates)
                .add("constraints", constraints.toJson())
                .add("head", Jsonp.object().add("seq", head.seq()).add("hash", head.hash()))
                .add("openProposals", open);
        if (agreement == null) {
            b.addNull("agreement");
        } else {
            b.add("agreement", Jsonp.object().add("seq", agreement.seq()).add("terms", agreement.terms().toJson()));
        }
        b.add("committed", Jsonp.array(committed)).add("tokensUsed", tokensUsed);
        if (outcome == null) {
            b.addNull("outcome");
        } else {
            b.add("outcome", outcome.wire());
        }
        if (escalation != null) {
            b.add("escalation", Jsonp.object().add("seq", escalation.seq()).add("status", "pending"));
        }
        return b.add("startedAt", startedAt.toString()).add("expiresAt", expiresAt().toString()).build();
    }

    /** The full state as one JSON object, for the service to persist and {@link #fromJson reload}. */
    public JsonObject toJson() {
        return Snapshot.write(this);
    }

    public static Negotiation fromJson(JsonObject snapshot) {
        return Snapshot.read(snapshot);
    }

    List<Participant> joined() {
        return participants.values().stream().filter(Participant::joined).toList();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Negotiation n)) {
            return false;
        }
        return sessionId.equals(n.sessionId) && inviter.equals(n.inviter) && purpose.equals(n.purpose)
                && constraints.equals(n.constraints) && startedAt.equals(n.startedAt) && bilateral == n.bilateral
                && state == n.state && new ArrayList<>(participants.values()).equals(new ArrayList<>(n.participants.values()))
                && declined.equals(n.declined) && delegations.equals(n.delegations) && proposals.equals(n.proposals)
                && Objects.equals(agreement, n.agreement) && committed.equals(n.committed) && claims.equals(n.claims)
                && Objects.equals(escalation, n.escalation) && tokensUsed == n.tokensUsed && outcome == n.outcome
                && closedBy.equals(n.closedBy) && head.equals(n.head);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, state, head, tokensUsed);
    }

    @Override
    public String toString() {
        return "Negotiation[" + sessionId + " " + state + " at #" + head.seq() + "]";
    }
}
