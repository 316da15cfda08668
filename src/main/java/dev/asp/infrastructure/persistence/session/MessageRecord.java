package dev.asp.infrastructure.persistence.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One stored envelope, exactly as signed, with the key that signed it (spec 2.3: transcripts verify forever). */
@Entity
@Table(name = "messages")
@IdClass(MessageRecord.Key.class)
public class MessageRecord {
    @Id
    @Column(name = "session_id")
    private String sessionId;
    @Id
    private long seq;
    @Column(nullable = false)
    private String id;
    @Column(nullable = false)
    private String sender;
    @Column(nullable = false)
    private String performative;
    @Column(nullable = false)
    private String envelope;
    @Column(nullable = false)
    private String hash;
    @Column(nullable = false)
    private String kid;
    @Column(name = "signer_jwk", nullable = false)
    private String signerJwk;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected MessageRecord() {
    }

    public MessageRecord(String sessionId, long seq, String id, String sender, String performative, String envelope, String hash, String kid,
            String signerJwk, Instant receivedAt) {
        this.sessionId = sessionId;
        this.seq = seq;
        this.id = id;
        this.sender = sender;
        this.performative = performative;
        this.envelope = envelope;
        this.hash = hash;
        this.kid = kid;
        this.signerJwk = signerJwk;
        this.receivedAt = receivedAt;
    }

    public String sessionId() {
        return sessionId;
    }

    public long seq() {
        return seq;
    }

    public String id() {
        return id;
    }

    public String sender() {
        return sender;
    }

    public String performative() {
        return performative;
    }

    public String envelope() {
        return envelope;
    }

    public String hash() {
        return hash;
    }

    public String kid() {
        return kid;
    }

    public String signerJwk() {
        return signerJwk;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String sessionId;
        public long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.sessionId, sessionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, seq);
        }
    }
}
