package dev.asp.infrastructure.persistence.session;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An agent named by a session: who may read it and whose session list shows it. */
@Entity
@Table(name = "session_members")
@IdClass(SessionMember.Key.class)
public class SessionMember {
    @Id
    @Column(name = "session_id")
    private String sessionId;
    @Id
    @Column(name = "agent_id")
    private String agentId;
    @Column(nullable = false)
    private String role;

    protected SessionMember() {
    }

    SessionMember(String sessionId, String agentId, String role) {
        this.sessionId = sessionId;
        this.agentId = agentId;
        this.role = role;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String sessionId;
        public String agentId;

        public Key() {
        }

        Key(String sessionId, String agentId) {
            this.sessionId = sessionId;
            this.agentId = agentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.sessionId, sessionId) && Objects.equals(k.agentId, agentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, agentId);
        }
    }
}
