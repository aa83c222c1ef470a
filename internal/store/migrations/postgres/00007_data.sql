-- +goose Up
-- History imports: the uploaded NDJSON is kept in the database, in chunks of whole lines, so
-- any replica can work on it and a restart resumes where the last committed batch ended. A
-- chunk is deleted in the transaction that imports it.
CREATE TABLE imports (
    tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                  text NOT NULL,
    status              text NOT NULL,   -- uploading, queued, running, completed, cancelled, failed
    filename            text NOT NULL DEFAULT '',
    bytes               bigint NOT NULL DEFAULT 0,
    lines_total         integer NOT NULL DEFAULT 0,
    chunks_total        integer NOT NULL DEFAULT 0,
    chunks_done         integer NOT NULL DEFAULT 0,
    lines_read          integer NOT NULL DEFAULT 0,
    lines_failed        integer NOT NULL DEFAULT 0,
    candidates_created  integer NOT NULL DEFAULT 0,
    candidates_updated  integer NOT NULL DEFAULT 0,
    candidates_skipped  integer NOT NULL DEFAULT 0,
    rejections_created  integer NOT NULL DEFAULT 0,
    rejections_skipped  integer NOT NULL DEFAULT 0,
    line_errors         jsonb NOT NULL DEFAULT '[]',   -- the first 100
    failure             text NOT NULL DEFAULT '',
    attempts            integer NOT NULL DEFAULT 0,
    cancel_requested    boolean NOT NULL DEFAULT false,
    lease_owner         text,
    lease_until         timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    started_at          timestamptz,
    finished_at         timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- The workers look for work across tenants on a small partial index.
CREATE INDEX imports_work ON imports (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX imports_uploading ON imports (updated_at) WHERE status = 'uploading';

CREATE TABLE import_chunks (
    tenant_id  text NOT NULL,
    import_id  text NOT NULL,
    seq        integer NOT NULL,
    first_line integer NOT NULL,
    lines      integer NOT NULL,
    data       bytea NOT NULL,
    PRIMARY KEY (tenant_id, import_id, seq),
    FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
);

-- ATS connectors: one per tenant and kind. The signature secret and the API key are kept, not
-- hashed: they verify and make calls. The public hook finds a connector by id before the
-- tenant is known (like api_keys by hash).
CREATE TABLE connectors (
    tenant_id          text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                 text NOT NULL,
    kind               text NOT NULL,
    secret             text NOT NULL,
    api_key            text,
    base_url           text NOT NULL DEFAULT '',
    company            text NOT NULL,
    timezone           text NOT NULL,
    stage_map          jsonb NOT NULL DEFAULT '{}',
    reason_map         jsonb NOT NULL DEFAULT '{}',
    default_stage      text NOT NULL,
    default_reason     text NOT NULL,
    received           bigint NOT NULL DEFAULT 0,
    recorded           bigint NOT NULL DEFAULT 0,
    duplicates         bigint NOT NULL DEFAULT 0,
    ignored            bigint NOT NULL DEFAULT 0,
    withdrawn          bigint NOT NULL DEFAULT 0,
    failed             bigint NOT NULL DEFAULT 0,
    signature_failures bigint NOT NULL DEFAULT 0,
    unmapped           jsonb NOT NULL DEFAULT '{}',
    last_received_at   timestamptz,
    last_error         text NOT NULL DEFAULT '',
    last_error_at      timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX connectors_tenant_kind ON connectors (tenant_id, kind);
CREATE UNIQUE INDEX connectors_id ON connectors (id);

-- Deliveries a connector has accepted, by the vendor's delivery id: a replay is answered as a
-- duplicate without acting again. Purged after 30 days.
CREATE TABLE connector_receipts (
    tenant_id    text NOT NULL,
    connector_id text NOT NULL,
    delivery_id  text NOT NULL,
    outcome      text NOT NULL,
    rejection_id text,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, connector_id, delivery_id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connectors (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX connector_receipts_received ON connector_receipts (received_at);

-- Tenant analytics aggregate a date range of rejections and what hangs off them. Each index
-- below leads with the tenant and holds every column its query reads, so the range of
-- rejections and the lookups of their plans, steps and feedback requests are index-only scans
-- that never touch another tenant's rows (nor the tables' wide rows). The analytics index
-- starts with (tenant_id, received_at), so it serves the received_at filters of the lists too
-- and replaces rejections_tenant_received. Plans and steps already had a unique index leading
-- with (tenant_id, rejection_id) and (tenant_id, plan_id): each is rebuilt covering the
-- analytics' columns rather than doubled by a second index, which every plan and step insert
-- (an import writes about ten steps a rejection) would also have to maintain.
DROP INDEX rejections_tenant_received;
CREATE INDEX rejections_tenant_analytics ON rejections (tenant_id, received_at, id, candidate_id, stage, reason_category, company_folded);
DROP INDEX recovery_plans_tenant_rejection;
CREATE UNIQUE INDEX recovery_plans_tenant_rejection ON recovery_plans (tenant_id, rejection_id) INCLUDE (id, candidate_id, historical, status);
DROP INDEX recovery_plan_steps_tenant_plan_key;
CREATE UNIQUE INDEX recovery_plan_steps_tenant_plan_key ON recovery_plan_steps (tenant_id, plan_id, key) INCLUDE (kind, status, completed_at);
CREATE INDEX feedback_requests_tenant_analytics ON feedback_requests (tenant_id, rejection_id, status, sent_at, responded_at, created_at, candidate_id);

-- +goose Down
DROP INDEX feedback_requests_tenant_analytics;
DROP INDEX recovery_plan_steps_tenant_plan_key;
CREATE UNIQUE INDEX recovery_plan_steps_tenant_plan_key ON recovery_plan_steps (tenant_id, plan_id, key);
DROP INDEX recovery_plans_tenant_rejection;
CREATE UNIQUE INDEX recovery_plans_tenant_rejection ON recovery_plans (tenant_id, rejection_id);
DROP INDEX rejections_tenant_analytics;
CREATE INDEX rejections_tenant_received ON rejections (tenant_id, received_at);
DROP TABLE connector_receipts;
DROP TABLE connectors;
DROP TABLE import_chunks;
DROP TABLE imports;
