package dev.asp.application.commitment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.ledger.FxRates;
import dev.asp.application.ledger.Ledger;
import dev.asp.application.session.RunningCommitments;
import dev.asp.application.session.TranscriptAppended;
import dev.asp.application.session.TrustGate;
import dev.asp.domain.commitment.Commitment;
import dev.asp.domain.commitment.CommitmentMade;
import dev.asp.domain.commitment.CommitmentRepository;
import dev.asp.domain.commitment.CommitmentStatus;
import dev.asp.domain.commitment.DeliveryClaimed;
import dev.asp.domain.commitment.DeliveryRejected;
import dev.asp.domain.commitment.Severity;
import dev.asp.domain.identity.Agent;
import dev.asp.domain.identity.Organization;
import dev.asp.domain.session.Effect;
import dev.asp.domain.session.Negotiation;
import dev.asp.domain.session.Obligation;
import dev.asp.domain.session.Proposal;
import dev.asp.domain.shared.DomainException;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * Spec 5 as messages drive it: a COMMIT makes its commitments and takes their escrow, a FULFILL
 * pays, claims or confirms, a creditor's REJECT disputes a delivery. Runs inside the transaction
 * that stores the message, so a refusal here (insufficient funds, an unknown commitment) leaves
 * neither the message nor any commitment or ledger entry behind.
 */
@ApplicationScoped
@InTransaction
public class CommitmentService implements RunningCommitments {
    @Inject
    CommitmentRepository commitments;

    @Inject
    AgentDirectory agents;

    @Inject
    TrustGate trust;

    @Inject
    FxRates fx;

    @Inject
    Ledger ledger;

    @Inject
    Event<CommitmentMade> made;

    @Inject
    Event<DeliveryClaimed> claimed;

    @Inject
    Settlement settlement;

    @Inject
    Event<DeliveryRejected> rejected;

    @Inject
    Clock clock;

    /** Spec 5: how long a claimed delivery waits for its creditor before it counts as confirmed. */
    @Inject
    @ConfigProperty(name = "ASP_DELIVERY_GRACE_PERIOD", defaultValue = "PT72H")
    Duration gracePeriod;

    /** The commitment effects of messages just appended, in transcript order (the deadline and grace timers follow its events). */
    public void apply(TranscriptAppended appended) {
        Instant now = clock.instant();
        for (Effect effect : appended.effects()) {
            if (effect instanceof Effect.CommitmentsRequested commit) {
                make(commit, appended.session(), now);
            } else if (effect instanceof Effect.FulfilmentClaimed claim) {
                fulfil(appended.sessionId(), claim, now);
            } else if (effect instanceof Effect.DeliveryRejected reject) {
                dispute(appended, reject, now);
            }
        }
    }

    /** Whether any commitment of the session is still unsettled (4.5: FULFILL and REJECT outlive CLOSE and maxDuration). */
    @Override
    public boolean running(String sessionId) {
        return commitments.anyRunning(sessionId);
    }

    public List<Commitment> ofSession(String sessionId) {
        return commitments.ofSession(sessionId);
    }

    /** The commitments the COMMIT at {@code seq} made (spec 5: its 201 lists them). */
    public List<Commitment> madeBy(String sessionId, long seq) {
        return commitments.madeBy(sessionId, seq);
    }

    private void make(Effect.CommitmentsRequested commit, Negotiation session, Instant now) {
        Proposal agreement = session.agreement().orElseThrow(() -> new IllegalStateException("a COMMIT took effect without an agreement"));
        Agent debtor = agents.get(commit.debtor());
        Organization debtorOrg = agents.organizationOf(debtor);
        String level = trust.trustOf(debtor.id()).level();
        BigDecimal ceiling = TrustGate.ceiling(level);
        BigDecimal totalUsd = fx.toUsd(agreement.terms().total(), commit.currency());
        for (Obligation o : commit.obligations()) {
            Agent creditor = agents.get(o.creditor());
            BigDecimal amountUsd = o.amount() == null ? null : fx.toUsd(o.amount(), commit.currency());
            Commitment condition = o.condition() == null ? null : condition(session.sessionId(), o.condition());
            int severity = Severity.of(agreement.terms().breachSeverity(), amountUsd != null ? amountUsd : totalUsd, ceiling);
            Commitment c = new Commitment(session.sessionId(), commit.agreement(), commit.seq(),
                    new Commitment.Parties(debtor.id(), debtor.orgId(), creditor.id(), creditor.orgId()),
                    new Commitment.Terms(o.type(), o.description(), o.amount(), commit.currency(), amountUsd, o.deadline(),
                            o.condition(), severity), now);
            commitments.add(c);
            // Spec 5 / 6.3: escrow when the debtor's level requires it, the terms ask, its org's policy says, or it is conditioned.
            if (c.isPayment() && ("probation".equals(level) || commit.escrow() || debtorOrg.policy().alwaysEscrow() || condition != null)) {
                ledger.hold(debtor.orgId(), amountUsd, c.id());
                c.escrow(now);
            }
            made.fire(new CommitmentMade(c.id(), c.sessionId(), c.deadline()));
            if (condition != null && condition.status() == CommitmentStatus.FULFILLED) {
                settlement.releaseConditionedOn(condition, now);
            }
        }
    }

    /** Spec 5: a condition names a commitment of this session that can still be fulfilled. */
    private Commitment condition(String sessionId, String conditionId) {
        Commitment condition = commitments.byId(conditionId).orElse(null);
        if (condition == null || !condition.sessionId().equals(sessionId)) {
            throw DomainException.protocol("the condition names " + conditionId + ", which is no commitment of this session");
        }
        if (condition.status() == CommitmentStatus.BREACHED || condition.status() == CommitmentStatus.CANCELLED) {
            throw DomainException.protocol("the condition names " + conditionId + ", which is " + condition.status().wire());
        }
        return condition;
    }

    private void fulfil(String sessionId, Effect.FulfilmentClaimed claim, Instant now) {
        Commitment c = locked(sessionId, claim.commitment());
        switch (c.fulfil(claim.by(), claim.seq(), now)) {
            case PAID -> {
                BigDecimal escrow = c.takeEscrow();
                if (escrow.signum() > 0) {
                    ledger.release(c.debtorOrg(), c.creditorOrg(), escrow, c.id());
                } else {
                    ledger.transfer(c.debtorOrg(), c.creditorOrg(), c.amountUsd(), c.id());
                }
                settlement.fulfilled(c, "payment", now);
            }
            case DELIVERED -> claimed.fire(new DeliveryClaimed(c.id(), c.sessionId(), now.plus(gracePeriod)));
            case CONFIRMED -> settlement.fulfilled(c, "confirmed", now);
        }
        settlement.closeSessionIfSettled(sessionId);
    }

    private void dispute(TranscriptAppended appended, Effect.DeliveryRejected reject, Instant now) {
        Commitment c = locked(appended.sessionId(), reject.commitment());
        c.disputeDelivery(reject.by(), reject.seq(), now);
        String messageId = appended.messages().stream().filter(m -> m.seq() == reject.seq()).map(MessageRecord::id).findFirst().orElseThrow();
        rejected.fire(new DeliveryRejected(c.id(), c.sessionId(), c.debtor(), c.creditor(), messageId, reject.seq(), now));
    }

    /** The commitment under its row lock; one of another session is as unknown as a missing one (422, 4.7). */
    private Commitment locked(String sessionId, String commitmentId) {
        Commitment c = commitments.lockedById(commitmentId).orElse(null);
        if (c == null || !c.sessionId().equals(sessionId)) {
            throw DomainException.protocol("unknown commitment " + commitmentId + " in this session");
        }
        return c;
    }
}
