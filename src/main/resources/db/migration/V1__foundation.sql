-- Foundation: the service's own state and its signing keys.
-- Portable SQL: the same migrations run on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE service_state (
    id                   INTEGER PRIMARY KEY,
    operator_token_hash  VARCHAR(128),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO service_state (id, created_at) VALUES (1, CURRENT_TIMESTAMP);

-- Ed25519 keys the service signs with (access tokens, system messages, exports).
-- Exactly one is 'active'; 'retired' ones stay published in the JWKS so old signatures verify.
CREATE TABLE service_keys (
    kid          VARCHAR(64) PRIMARY KEY,
    public_x     VARCHAR(64) NOT NULL,
    private_seed VARCHAR(128) NOT NULL,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('active', 'retired')),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
