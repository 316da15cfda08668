package dev.asp.domain.trust;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;
import dev.asp.domain.shared.ProblemCode;

/**
 * A live endorsement (spec 6.4), its weight fixed by the endorser's score when it was made. Guards
 * the Sybil rules: no self-endorsement, no endorser below 30, rating 1–5, halved within an organization.
 */
@Entity
@Table(name = "endorsements")
public class Endorsement {
    @Id
    private String id;
    @Column(nullable = false)
    private String endorser;
    @Column(nullable = false)
    private String subject;
    @Column(nullable = false)
    private int rating;
    private String comment;
    @Column(name = "endorser_score", nullable = false)
    private java.math.BigDecimal endorserScore;
    @Column(name = "same_org", nullable = false)
    private boolean sameOrganization;
    @Column(nullable = false)
    private double weight;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Endorsement() {
    }

    public Endorsement(String endorser, String subject, int rating, String comment, double endorserScore, boolean sameOrganization, Instant now) {
        if (endorser.equals(subject)) {
            throw DomainException.notAllowed("an agent cannot endorse itself");
        }
        if (rating < 1 || rating > 5) {
            throw DomainException.malformed("\"rating\" must be an integer 1-5");
        }
        if (endorserScore < TrustMath.MIN_ENDORSER_SCORE) {
            throw new DomainException(ProblemCode.ENDORSER_UNTRUSTED,
                    "the endorser scores " + TrustMath.round4(endorserScore) + ", below " + TrustMath.MIN_ENDORSER_SCORE);
        }
        this.id = Ids.newId("end");
        this.endorser = endorser;
        this.subject = subject;
        this.rating = rating;
        this.comment = comment;
        this.endorserScore = java.math.BigDecimal.valueOf(TrustMath.round4(endorserScore));
        this.sameOrganization = sameOrganization;
        this.weight = TrustMath.endorsementWeight(endorserScore, rating, sameOrganization);
        this.createdAt = now;
    }

    public TrustFact.Endorsement fact() {
        return new TrustFact.Endorsement(id, endorser, weight);
    }

    public String id() {
        return id;
    }

    public String endorser() {
        return endorser;
    }

    public String subject() {
        return subject;
    }

    public int rating() {
        return rating;
    }

    public String comment() {
        return comment;
    }

    public java.math.BigDecimal endorserScore() {
        return endorserScore;
    }

    public boolean sameOrganization() {
        return sameOrganization;
    }

    public double weight() {
        return weight;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
