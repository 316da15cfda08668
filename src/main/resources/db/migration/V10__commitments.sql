-- Commitments (spec 5): each obligation of a COMMIT, its debtor and creditor, its money and deadline,
-- the escrow it holds and the status it has reached. The status changes only through the entity;
-- a breach takes the row lock first, so a deadline passes into `breached` once however many timers fire.
-- The org columns carry no foreign key on purpose: on PostgreSQL an insert takes a KEY SHARE lock on the
-- referenced row, and two COMMITs that each hold one on the debtor's org and then ask for its FOR UPDATE
-- (to escrow) deadlock. The service copies them from the agents; the ledger's own rows keep their key.
CREATE TABLE commitments (
    id             VARCHAR(40) PRIMARY KEY,
    session_id     VARCHAR(64) NOT NULL REFERENCES sessions (id),
    agreement_seq  BIGINT NOT NULL,
    created_seq    BIGINT NOT NULL,
    debtor         VARCHAR(40) NOT NULL,
    debtor_org     VARCHAR(40) NOT NULL,
    creditor       VARCHAR(40) NOT NULL,
    creditor_org   VARCHAR(40) NOT NULL,
    type           VARCHAR(16) NOT NULL CHECK (type IN ('action', 'delivery', 'payment', 'information')),
    description    TEXT NOT NULL,
    amount         NUMERIC(19, 2),
    currency       VARCHAR(3) NOT NULL,
    amount_usd     NUMERIC(19, 2),
    escrow_usd     NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (escrow_usd >= 0),
    deadline       TIMESTAMP WITH TIME ZONE,
    condition_id   VARCHAR(40),
    severity       INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 10),
    status         VARCHAR(16) NOT NULL
                   CHECK (status IN ('pending', 'escrowed', 'delivered', 'fulfilled', 'breached', 'cancelled', 'disputed')),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX commitments_session ON commitments (session_id, status);
CREATE INDEX commitments_condition ON commitments (condition_id);
CREATE INDEX commitments_due ON commitments (status, deadline);

-- Each status change of a commitment with its time and cause (a message seq or a service event).
CREATE TABLE commitment_history (
    commitment_id  VARCHAR(40) NOT NULL REFERENCES commitments (id),
    position       INTEGER NOT NULL,
    status         VARCHAR(16) NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    cause          VARCHAR(32) NOT NULL,
    message_seq    BIGINT,
    PRIMARY KEY (commitment_id, position)
);

-- Spec 5 / issue 23: a ledger entry is found by its cause (a commitment's holds, releases, refunds).
CREATE INDEX ledger_entries_cause ON ledger_entries (cause_type, cause_id);
