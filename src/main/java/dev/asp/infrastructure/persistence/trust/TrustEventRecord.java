package dev.asp.infrastructure.persistence.trust;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One stored trust event (spec 6.2): the fact, its cause key, and the score before and after. Never updated. */
@Entity
@Table(name = "trust_events")
@IdClass(TrustEventRecord.Key.class)
public class TrustEventRecord {
    @Id
    @Column(name = "agent_id")
    private String agentId;
    @Id
    private long seq;
    @Column(name = "cause_key", nullable = false)
    private String causeKey;
    @Column(nullable = false)
    private String kind;
    @Column(name = "session_id")
    private String sessionId;
    @Column(nullable = false)
    private String fact;
    @Column(name = "occurred_at", nullable = false)
    private Instant at;
    @Column(name = "before_score", nullable = false)
    private BigDecimal before;
    @Column(name = "after_score", nullable = false)
    private BigDecimal after;
    @Column(nullable = false)
    private BigDecimal base;
    @Column(nullable = false)
    private double penalty;
    @Column(nullable = false)
    private String components;

    protected TrustEventRecord() {
    }

    public TrustEventRecord(String agentId, long seq, String causeKey, String kind, String sessionId, String fact, Instant at, BigDecimal before,
            BigDecimal after, BigDecimal base, double penalty, String components) {
        this.agentId = agentId;
        this.seq = seq;
        this.causeKey = causeKey;
        this.kind = kind;
        this.sessionId = sessionId;
        this.fact = fact;
        this.at = at;
        this.before = before;
        this.after = after;
        this.base = base;
        this.penalty = penalty;
        this.components = components;
    }

    public String agentId() {
        return agentId;
    }

    public long seq() {
        return seq;
    }

    public String kind() {
        return kind;
    }

    public String sessionId() {
        return sessionId;
    }

    public String fact() {
        return fact;
    }

    public Instant at() {
        return at;
    }

    public BigDecimal before() {
        return before;
    }

    public BigDecimal after() {
        return after;
    }

    public BigDecimal base() {
        return base;
    }

    public double penalty() {
        return penalty;
    }

    public String components() {
        return components;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String agentId;
        public long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.agentId, agentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, seq);
        }
    }
}
