-- +goose Up
-- The workers' cross-tenant queues (due steps, due webhook deliveries, expired feedback links)
-- filter on a status passed as a parameter. pgx runs them as cached prepared statements, and
-- once PostgreSQL switches such a statement to its generic plan it cannot prove that `status =
-- $1` matches a partial index's `WHERE status = 'pending'`: the plan became a sequential scan of
-- the whole table (internal/store/explain_test.go). Each queue's index now carries the status
-- as its first column instead, and keeps as predicate only what the queries state literally.
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_status_due ON webhook_deliveries (status, next_attempt_at);
DROP INDEX feedback_requests_open_expiry;
CREATE INDEX feedback_requests_status_expiry ON feedback_requests (status, expires_at);
DROP INDEX recovery_plan_steps_due;
CREATE INDEX recovery_plan_steps_status_due ON recovery_plan_steps (status, due_on) WHERE due_emitted_at IS NULL AND nudge;

-- +goose Down
DROP INDEX recovery_plan_steps_status_due;
CREATE INDEX recovery_plan_steps_due ON recovery_plan_steps (due_on)
    WHERE due_emitted_at IS NULL AND nudge AND status IN ('pending', 'in_progress');
DROP INDEX feedback_requests_status_expiry;
CREATE INDEX feedback_requests_open_expiry ON feedback_requests (expires_at) WHERE status IN ('draft', 'sent');
DROP INDEX webhook_deliveries_status_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
