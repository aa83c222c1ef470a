-- +goose Up
-- Tenant settings: how long closed rejections keep their personal data (NULL: forever), and
-- from what age a recorded rejection counts as history (its plan never nudges).
ALTER TABLE tenants ADD COLUMN retention_days integer;
ALTER TABLE tenants ADD COLUMN historical_after_days integer NOT NULL DEFAULT 30;

-- The company filter compares a case-folded copy (folded in Go, Unicode-aware on both
-- databases) through an index that leads with the tenant.
ALTER TABLE rejections ADD COLUMN company_folded text NOT NULL DEFAULT '';
UPDATE rejections SET company_folded = lower(trim(company));
DROP INDEX rejections_tenant_company;
CREATE INDEX rejections_tenant_company ON rejections (tenant_id, company_folded, id);
CREATE INDEX rejections_tenant_external_ref ON rejections (tenant_id, external_ref) WHERE external_ref IS NOT NULL;
-- Retention: when a rejection was closed, and when its personal data was purged.
ALTER TABLE rejections ADD COLUMN closed_at timestamp;
ALTER TABLE rejections ADD COLUMN purged_at timestamp;
UPDATE rejections SET closed_at = updated_at WHERE status = 'closed';
CREATE INDEX rejections_tenant_retention ON rejections (tenant_id, closed_at) WHERE closed_at IS NOT NULL AND purged_at IS NULL;

-- Idempotent responses commit with their resource: no in-flight state, no lease.
ALTER TABLE idempotency_keys DROP COLUMN state;
ALTER TABLE idempotency_keys DROP COLUMN locked_until;
ALTER TABLE idempotency_keys ADD COLUMN rejection_id text;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Events know which rejection and which record they are about, so deleting one redacts them.
ALTER TABLE events ADD COLUMN rejection_id text;
ALTER TABLE events ADD COLUMN subject_id text;
ALTER TABLE events ADD COLUMN redacted integer NOT NULL DEFAULT 0;
DROP INDEX events_tenant_candidate;
CREATE INDEX events_tenant_candidate ON events (tenant_id, candidate_id, id);
CREATE INDEX events_tenant_rejection ON events (tenant_id, rejection_id) WHERE rejection_id IS NOT NULL;
CREATE INDEX events_tenant_subject ON events (tenant_id, subject_id) WHERE subject_id IS NOT NULL;

-- Work queues the workers scan across tenants, each on a small partial index.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX feedback_requests_open_expiry ON feedback_requests (expires_at) WHERE status IN ('draft', 'sent');
-- The language the request's message and the employer's page are written in ('' : the candidate's).
ALTER TABLE feedback_requests ADD COLUMN locale text NOT NULL DEFAULT '';

-- Historical plans (rejections recorded long after they happened) never nudge.
ALTER TABLE recovery_plans ADD COLUMN historical integer NOT NULL DEFAULT 0;
ALTER TABLE recovery_plan_steps ADD COLUMN nudge integer NOT NULL DEFAULT 1;
ALTER TABLE recovery_plan_steps ADD COLUMN optional integer NOT NULL DEFAULT 0;
-- A lapsed step's moment had passed when the plan was recorded: never overdue, never nudged.
ALTER TABLE recovery_plan_steps ADD COLUMN lapsed integer NOT NULL DEFAULT 0;
-- How many reasons were left out beyond the cap a step's reasons keep.
ALTER TABLE recovery_plan_steps ADD COLUMN reasons_omitted integer NOT NULL DEFAULT 0;
DROP INDEX recovery_plan_steps_tenant_due;
CREATE INDEX recovery_plan_steps_due ON recovery_plan_steps (due_on)
    WHERE due_emitted_at IS NULL AND nudge AND status IN ('pending', 'in_progress');

-- +goose Down
DROP INDEX recovery_plan_steps_due;
CREATE INDEX recovery_plan_steps_tenant_due ON recovery_plan_steps (tenant_id, due_emitted_at, due_on);
ALTER TABLE recovery_plan_steps DROP COLUMN reasons_omitted;
ALTER TABLE recovery_plan_steps DROP COLUMN lapsed;
ALTER TABLE recovery_plan_steps DROP COLUMN optional;
ALTER TABLE recovery_plan_steps DROP COLUMN nudge;
ALTER TABLE recovery_plans DROP COLUMN historical;
ALTER TABLE feedback_requests DROP COLUMN locale;
DROP INDEX feedback_requests_open_expiry;
DROP INDEX webhook_deliveries_due;
DROP INDEX events_tenant_subject;
DROP INDEX events_tenant_rejection;
DROP INDEX events_tenant_candidate;
CREATE INDEX events_tenant_candidate ON events (tenant_id, candidate_id);
ALTER TABLE events DROP COLUMN redacted;
ALTER TABLE events DROP COLUMN subject_id;
ALTER TABLE events DROP COLUMN rejection_id;
DROP INDEX idempotency_keys_created;
ALTER TABLE idempotency_keys DROP COLUMN rejection_id;
ALTER TABLE idempotency_keys ADD COLUMN locked_until timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE idempotency_keys ADD COLUMN state text NOT NULL DEFAULT 'completed';
DROP INDEX rejections_tenant_retention;
ALTER TABLE rejections DROP COLUMN purged_at;
ALTER TABLE rejections DROP COLUMN closed_at;
DROP INDEX rejections_tenant_external_ref;
DROP INDEX rejections_tenant_company;
CREATE INDEX rejections_tenant_company ON rejections (tenant_id, lower(company), id);
ALTER TABLE rejections DROP COLUMN company_folded;
ALTER TABLE tenants DROP COLUMN historical_after_days;
ALTER TABLE tenants DROP COLUMN retention_days;
