-- +goose Up
-- The transactional outbox: every state change writes its event in the same transaction.
CREATE TABLE events (
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           text NOT NULL,
    type         text NOT NULL,
    payload      text NOT NULL,  -- the event as the API and webhooks deliver it
    candidate_id text,            -- whose personal data the payload holds, for erasure
    created_at   datetime NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_tenant_type ON events (tenant_id, type, id);
CREATE INDEX events_tenant_candidate ON events (tenant_id, candidate_id);

-- +goose Down
DROP TABLE events;
