-- +goose Up
CREATE TABLE feedback_requests (
    tenant_id       text NOT NULL,
    id              text NOT NULL,
    rejection_id    text NOT NULL,
    candidate_id    text NOT NULL,
    contact_id      text,
    recipient_name  text NOT NULL,
    recipient_email text,
    recipient_role  text NOT NULL,
    note            text NOT NULL DEFAULT '',
    status          text NOT NULL,
    message_subject text NOT NULL,
    message_body    text NOT NULL,
    -- Only a SHA-256 of the response link's token is kept; the link is the credential.
    token_hash      text NOT NULL,
    expires_at      datetime NOT NULL,
    sent_at         datetime,
    responded_at    datetime,
    closed_at       datetime,
    created_at      datetime NOT NULL,
    updated_at      datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, rejection_id) REFERENCES rejections (tenant_id, id) ON DELETE CASCADE
);
-- The public page finds a request by its token before the tenant is known (like api_keys).
CREATE UNIQUE INDEX feedback_requests_token_hash ON feedback_requests (token_hash);
CREATE INDEX feedback_requests_tenant_rejection ON feedback_requests (tenant_id, rejection_id, id);
CREATE INDEX feedback_requests_tenant_status ON feedback_requests (tenant_id, status, expires_at);

CREATE TABLE feedback (
    tenant_id           text NOT NULL,
    id                  text NOT NULL,
    rejection_id        text NOT NULL,
    candidate_id        text NOT NULL,
    source              text NOT NULL,
    author_name         text NOT NULL DEFAULT '',
    author_role         text NOT NULL DEFAULT '',
    received_at         datetime NOT NULL,
    summary             text NOT NULL DEFAULT '',
    items               text NOT NULL DEFAULT '[]',
    feedback_request_id text,
    created_at          datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, rejection_id) REFERENCES rejections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX feedback_tenant_rejection ON feedback (tenant_id, rejection_id, id);
CREATE INDEX feedback_tenant_candidate ON feedback (tenant_id, candidate_id, id);

-- +goose Down
DROP TABLE feedback;
DROP TABLE feedback_requests;
