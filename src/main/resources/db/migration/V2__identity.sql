-- Identity (spec 1-3): organizations, their credentials, agents, agent keys, DPoP replay cache.

CREATE TABLE organizations (
    id                       VARCHAR(40) PRIMARY KEY,
    name                     VARCHAR(200) NOT NULL UNIQUE,
    region                   VARCHAR(64) NOT NULL,
    verified                 BOOLEAN NOT NULL,
    balance                  NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
    held                     NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (held >= 0),
    require_approval_above   NUMERIC(19, 2),
    escalate_disputes_above  NUMERIC(19, 2),
    always_escrow            BOOLEAN NOT NULL DEFAULT FALSE,
    min_inviter_trust        NUMERIC(7, 4) NOT NULL DEFAULT 0,
    min_directional_score    NUMERIC(7, 4) NOT NULL DEFAULT 0,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Bearer credentials: org admin / auditor / SCIM keys and agent API keys. Only hashes are kept.
CREATE TABLE api_keys (
    id           VARCHAR(40) PRIMARY KEY,
    org_id       VARCHAR(40) NOT NULL REFERENCES organizations (id),
    agent_id     VARCHAR(40),
    role         VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'auditor', 'scim', 'agent')),
    secret_hash  VARCHAR(64) NOT NULL UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE agents (
    id               VARCHAR(40) PRIMARY KEY,
    org_id           VARCHAR(40) NOT NULL REFERENCES organizations (id),
    name             VARCHAR(200) NOT NULL,
    external_id      VARCHAR(200),
    status           VARCHAR(16) NOT NULL CHECK (status IN ('active', 'suspended', 'deprovisioned')),
    provisioned_by   VARCHAR(16) NOT NULL CHECK (provisioned_by IN ('registry', 'scim')),
    trust_override   VARCHAR(32),
    endpoints        TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT agents_name_per_org UNIQUE (org_id, name)
);

-- The agents' capabilities, regions and protocols (JPA element collections; registry search, spec 3).
CREATE TABLE agent_capabilities (
    agent_id    VARCHAR(40) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    capability  VARCHAR(200) NOT NULL,
    PRIMARY KEY (agent_id, capability)
);
CREATE INDEX agent_capabilities_name ON agent_capabilities (capability);
CREATE TABLE agent_regions (
    agent_id  VARCHAR(40) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    region    VARCHAR(64) NOT NULL,
    PRIMARY KEY (agent_id, region)
);
CREATE TABLE agent_protocols (
    agent_id  VARCHAR(40) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    protocol  VARCHAR(64) NOT NULL,
    PRIMARY KEY (agent_id, protocol)
);

-- Agents' public keys; kid = RFC 7638 thumbprint. Retired and revoked keys are kept for history.
CREATE TABLE agent_keys (
    kid          VARCHAR(64) PRIMARY KEY,
    agent_id     VARCHAR(40) NOT NULL REFERENCES agents (id),
    jwk          TEXT NOT NULL,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_keys_agent ON agent_keys (agent_id);

-- JWT ids already used (DPoP proofs, client assertions) until they expire: shared by every
-- server on the database, so a replay is refused whichever server it reaches.
CREATE TABLE used_jtis (
    jti_hash    VARCHAR(64) PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX used_jtis_expiry ON used_jtis (expires_at);
