-- +goose Up
-- Incremental sync (docs/sync.md) walks a list by (updated_at, id) within the tenant, and a
-- rejection's feedback requests and reflections within the rejection.
CREATE INDEX candidates_tenant_updated ON candidates (tenant_id, updated_at, id);
CREATE INDEX rejections_tenant_updated ON rejections (tenant_id, updated_at, id);
CREATE INDEX recovery_plans_tenant_updated ON recovery_plans (tenant_id, updated_at, id);
CREATE INDEX webhook_endpoints_tenant_updated ON webhook_endpoints (tenant_id, updated_at, id);
CREATE INDEX feedback_requests_tenant_rejection_updated ON feedback_requests (tenant_id, rejection_id, updated_at, id);
CREATE INDEX reflections_tenant_rejection_updated ON reflections (tenant_id, rejection_id, updated_at, id);

-- +goose Down
DROP INDEX reflections_tenant_rejection_updated;
DROP INDEX feedback_requests_tenant_rejection_updated;
DROP INDEX webhook_endpoints_tenant_updated;
DROP INDEX recovery_plans_tenant_updated;
DROP INDEX rejections_tenant_updated;
DROP INDEX candidates_tenant_updated;
