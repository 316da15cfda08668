-- Every organization's token balance as an append-only ledger (spec 5): each entry references its cause.
CREATE TABLE ledger_entries (
    id             VARCHAR(40) PRIMARY KEY,
    org_id         VARCHAR(40) NOT NULL REFERENCES organizations (id),
    kind           VARCHAR(16) NOT NULL CHECK (kind IN ('credit', 'hold', 'release', 'refund', 'payment', 'penalty', 'receipt')),
    amount         NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    currency       VARCHAR(3) NOT NULL,
    balance_after  NUMERIC(19, 2) NOT NULL CHECK (balance_after >= 0),
    held_after     NUMERIC(19, 2) NOT NULL CHECK (held_after >= 0),
    cause_type     VARCHAR(32) NOT NULL,
    cause_id       VARCHAR(64) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    seq            BIGINT NOT NULL,
    CONSTRAINT ledger_entries_order UNIQUE (org_id, seq)
);
