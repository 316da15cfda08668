-- Trust (spec 6): the append-only trust events of each agent (the fold's input), the cached fold per agent,
-- the stored score the registry ranks by, and endorsements.

-- One row per change; (agent_id, cause_key) makes every cause apply once (a redelivered timer or event).
CREATE TABLE trust_events (
    agent_id      VARCHAR(40) NOT NULL,
    seq           BIGINT NOT NULL,
    cause_key     VARCHAR(200) NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    session_id    VARCHAR(64),
    fact          TEXT NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    before_score  NUMERIC(7, 4) NOT NULL,
    after_score   NUMERIC(7, 4) NOT NULL,
    base          NUMERIC(7, 4) NOT NULL,
    penalty       DOUBLE PRECISION NOT NULL,
    components    TEXT NOT NULL,
    PRIMARY KEY (agent_id, seq),
    CONSTRAINT trust_events_cause UNIQUE (agent_id, cause_key)
);
CREATE INDEX trust_events_session ON trust_events (session_id);

-- The cache of the fold of an agent's events up to last_seq (replaying them reproduces it).
CREATE TABLE trust_states (
    agent_id    VARCHAR(40) PRIMARY KEY REFERENCES agents (id),
    state       TEXT NOT NULL,
    last_seq    BIGINT NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The score as of the agent's last trust event or the daily timer: the registry's order (keyset paging).
ALTER TABLE agents ADD COLUMN trust_score NUMERIC(7, 4) DEFAULT 0 NOT NULL;
CREATE INDEX agents_trust_rank ON agents (trust_score DESC, id);

-- One live endorsement per endorser and subject (6.4): a new one replaces the row.
CREATE TABLE endorsements (
    id              VARCHAR(40) PRIMARY KEY,
    endorser        VARCHAR(40) NOT NULL REFERENCES agents (id),
    subject         VARCHAR(40) NOT NULL REFERENCES agents (id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    endorser_score  NUMERIC(7, 4) NOT NULL,
    same_org        BOOLEAN NOT NULL,
    weight          DOUBLE PRECISION NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT endorsements_live UNIQUE (endorser, subject)
);
CREATE INDEX endorsements_subject ON endorsements (subject);
