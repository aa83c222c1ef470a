-- +goose Up
-- Tenants are the platforms embedding Rebound. This is the one table not keyed by tenant_id.
CREATE TABLE tenants (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           text NOT NULL,
    name         text NOT NULL DEFAULT '',
    key_hash     text NOT NULL,
    hint         text NOT NULL,
    scopes       text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- Authentication looks a key up by its hash before the tenant is known: the one index that
-- cannot lead with tenant_id.
CREATE UNIQUE INDEX api_keys_key_hash ON api_keys (key_hash);

CREATE TABLE candidates (
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           text NOT NULL,
    external_id  text NOT NULL,
    display_name text NOT NULL DEFAULT '',
    email        text,
    timezone     text NOT NULL,
    locale       text NOT NULL,
    metadata     jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX candidates_tenant_external_id ON candidates (tenant_id, external_id);

CREATE TABLE rejections (
    tenant_id        text NOT NULL,
    id               text NOT NULL,
    candidate_id     text NOT NULL,
    company          text NOT NULL,
    role_title       text NOT NULL,
    stage            text NOT NULL,
    channel          text NOT NULL,
    reason_category  text NOT NULL,
    reason_text      text NOT NULL DEFAULT '',
    received_at      timestamptz NOT NULL,
    applied_at       timestamptz,
    contacts         jsonb NOT NULL DEFAULT '[]',
    emotional_impact smallint,
    notes            text NOT NULL DEFAULT '',
    status           text NOT NULL,
    external_ref     text,
    metadata         jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    -- The composite key makes a cross-tenant link impossible, and erasing a candidate erases
    -- their rejections.
    FOREIGN KEY (tenant_id, candidate_id) REFERENCES candidates (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX rejections_tenant_candidate ON rejections (tenant_id, candidate_id, id);
CREATE INDEX rejections_tenant_received ON rejections (tenant_id, received_at);
CREATE INDEX rejections_tenant_company ON rejections (tenant_id, lower(company), id);

-- Idempotency keys remember the first response to a POST for 24 hours.
CREATE TABLE idempotency_keys (
    tenant_id        text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key              text NOT NULL,
    request_hash     text NOT NULL,
    state            text NOT NULL, -- in_flight or completed
    response_status  integer,
    response_headers jsonb,
    response_body    bytea,
    candidate_id     text,          -- whose data the stored response holds, for erasure
    created_at       timestamptz NOT NULL,
    locked_until     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_tenant_candidate ON idempotency_keys (tenant_id, candidate_id);
CREATE INDEX idempotency_keys_tenant_created ON idempotency_keys (tenant_id, created_at);

-- Installation-wide secrets (the cursor signing key), shared by every replica.
CREATE TABLE server_secrets (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);

-- +goose Down
DROP TABLE server_secrets;
DROP TABLE idempotency_keys;
DROP TABLE rejections;
DROP TABLE candidates;
DROP TABLE api_keys;
DROP TABLE tenants;
