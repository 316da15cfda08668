-- Spec 7: disputes. The row is the truth; the JMS message only names it, and a sweeper re-enqueues a
-- dispute still open whose message was lost. A decision is recorded once (conditional UPDATE on status).
CREATE TABLE disputes (
    id                    VARCHAR(40) PRIMARY KEY,
    session_id            VARCHAR(64) NOT NULL,
    commitment_id         VARCHAR(40),
    origin                VARCHAR(16) NOT NULL CHECK (origin IN ('filed', 'breach', 'rejection')),
    filed_by              VARCHAR(40) NOT NULL,
    claim                 TEXT NOT NULL,
    requested_resolution  TEXT,
    refs                  TEXT NOT NULL,
    evidence              TEXT NOT NULL,
    amount_usd            NUMERIC(19, 2),
    status                VARCHAR(16) NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed', 'escalated')),
    finding               TEXT,
    at_fault              VARCHAR(40),
    decided_by            VARCHAR(80),
    decision_note         TEXT,
    decided_at            TIMESTAMP WITH TIME ZONE,
    filed_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    enqueued_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- origin:commitment for an automatic dispute, so a redelivered breach or REJECT opens nothing twice
    automatic_key         VARCHAR(80),
    CONSTRAINT disputes_automatic UNIQUE (automatic_key)
);
CREATE INDEX disputes_session ON disputes (session_id);
CREATE INDEX disputes_open ON disputes (status, enqueued_at);

