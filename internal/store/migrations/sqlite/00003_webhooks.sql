-- +goose Up
CREATE TABLE webhook_endpoints (
    tenant_id                  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                         text NOT NULL,
    url                        text NOT NULL,
    description                text NOT NULL DEFAULT '',
    enabled_events             text NOT NULL,
    disabled                   integer NOT NULL DEFAULT 0,
    disabled_reason            text NOT NULL DEFAULT '',
    -- Secrets sign payloads (HMAC), so they are kept, not hashed. During a rotation the previous
    -- secret keeps signing until it expires.
    secret                     text NOT NULL,
    previous_secret            text,
    previous_secret_expires_at datetime,
    failing_since              datetime,
    lease_until                datetime,   -- a dispatcher owns the endpoint until then
    lease_owner                text,
    created_at                 datetime NOT NULL,
    updated_at                 datetime NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- One row per (event, endpoint): the unit of at-least-once delivery.
CREATE TABLE webhook_deliveries (
    tenant_id        text NOT NULL,
    id               text NOT NULL,
    endpoint_id      text NOT NULL,
    event_id         text NOT NULL,
    event_type       text NOT NULL,
    status           text NOT NULL,  -- pending, succeeded, failed
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  datetime NOT NULL,
    last_attempt_at  datetime,
    last_status_code integer,
    last_error       text NOT NULL DEFAULT '',
    delivered_at     datetime,
    created_at       datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (tenant_id, status, endpoint_id, id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (tenant_id, event_id);

CREATE TABLE webhook_attempts (
    tenant_id        text NOT NULL,
    id               text NOT NULL,
    delivery_id      text NOT NULL,
    attempted_at     datetime NOT NULL,
    status_code      integer,
    duration_ms      integer NOT NULL,
    error            text NOT NULL DEFAULT '',
    response_snippet text NOT NULL DEFAULT '',
    next_retry_at    datetime,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (tenant_id, delivery_id, id);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
