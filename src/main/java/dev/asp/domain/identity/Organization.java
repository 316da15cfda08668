package dev.asp.domain.identity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.ledger.Account;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;

/** An organization: owner of agents, credentials, policies and a token balance (spec 1, 5). */
@Entity
@Table(name = "organizations")
public class Organization {
    @Id
    private String id;
    @Column(nullable = false, unique = true)
    private String name;
    @Column(nullable = false)
    private String region;
    @Column(nullable = false)
    private boolean verified;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal balance = BigDecimal.ZERO.setScale(2);
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal held = BigDecimal.ZERO.setScale(2);
    @Column(name = "require_approval_above", precision = 19, scale = 2)
    private BigDecimal requireApprovalAbove;
    @Column(name = "escalate_disputes_above", precision = 19, scale = 2)
    private BigDecimal escalateDisputesAbove;
    @Column(name = "always_escrow", nullable = false)
    private boolean alwaysEscrow;
    @Column(name = "min_inviter_trust", nullable = false, precision = 7, scale = 4)
    private BigDecimal minInviterTrust = BigDecimal.ZERO;
    @Column(name = "min_directional_score", nullable = false, precision = 7, scale = 4)
    private BigDecimal minDirectionalScore = BigDecimal.ZERO;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Organization() {
    }

    public Organization(String name, String region, boolean verified, Instant now) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainException.malformed("\"name\" must be 1-200 characters");
        }
        if (region == null || !region.matches("[A-Za-z0-9-]{1,64}")) {
            throw DomainException.malformed("\"region\" must be a region code such as \"eu-west\"");
        }
        this.id = Ids.newId("org");
        this.name = name;
        this.region = region;
        this.verified = verified;
        this.createdAt = now;
    }

    public void setVerified(boolean verified) {
        this.verified = verified;
    }

    public void setPolicy(OrgPolicy policy) {
        this.requireApprovalAbove = policy.requireApprovalAbove();
        this.escalateDisputesAbove = policy.escalateDisputesAbove();
        this.alwaysEscrow = policy.alwaysEscrow();
        this.minInviterTrust = policy.minInviterTrust();
        this.minDirectionalScore = policy.minDirectionalScore();
    }

    public OrgPolicy policy() {
        return new OrgPolicy(requireApprovalAbove, escalateDisputesAbove, alwaysEscrow, minInviterTrust, minDirectionalScore);
    }

    /** The balance as arithmetic; {@code lastSeq} is the org's latest ledger entry number. */
    public Account account(long lastSeq) {
        return new Account(id, balance, held, lastSeq);
    }

    /** Takes over the result of movements made on {@link #account(long)}. */
    public void settle(Account account) {
        this.balance = account.balance();
        this.held = account.held();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public boolean verified() {
        return verified;
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal held() {
        return held;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
