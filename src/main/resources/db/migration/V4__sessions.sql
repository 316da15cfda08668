-- Sessions (spec 4): the transcript of signed, hash-chained messages and each session's state.

CREATE TABLE sessions (
    id           VARCHAR(64) PRIMARY KEY,
    state        VARCHAR(16) NOT NULL,
    inviter      VARCHAR(40) NOT NULL,
    head_seq     BIGINT NOT NULL,
    head_hash    VARCHAR(64) NOT NULL,
    outcome      VARCHAR(16),
    snapshot     TEXT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who may read a session (participants, invitees, delegates): the caller's session list and 404 checks.
CREATE TABLE session_members (
    session_id  VARCHAR(64) NOT NULL REFERENCES sessions (id),
    agent_id    VARCHAR(40) NOT NULL,
    role        VARCHAR(64) NOT NULL,
    PRIMARY KEY (session_id, agent_id)
);
CREATE INDEX session_members_agent ON session_members (agent_id);

-- The transcript. (session_id, seq) is the chain's order: the primary key refuses a fork even
-- if two servers race; the sender's id is its idempotency key within the session.
CREATE TABLE messages (
    session_id   VARCHAR(64) NOT NULL REFERENCES sessions (id),
    seq          BIGINT NOT NULL,
    id           VARCHAR(64) NOT NULL,
    sender       VARCHAR(40) NOT NULL,
    performative VARCHAR(16) NOT NULL,
    envelope     TEXT NOT NULL,
    hash         VARCHAR(64) NOT NULL,
    kid          VARCHAR(64) NOT NULL,
    signer_jwk   TEXT NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, seq),
    CONSTRAINT messages_idempotency UNIQUE (session_id, id)
);

-- Human oversight (spec 4.6): ESCALATE messages and COMMITs held by an org policy.
CREATE TABLE escalations (
    id           VARCHAR(40) PRIMARY KEY,
    session_id   VARCHAR(64) NOT NULL REFERENCES sessions (id),
    org_id       VARCHAR(40) NOT NULL,
    message_seq  BIGINT NOT NULL,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('escalate', 'commit')),
    reason       TEXT,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
    decided_by   VARCHAR(40),
    note         TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX escalations_session ON escalations (session_id);
CREATE INDEX escalations_org ON escalations (org_id, status);
