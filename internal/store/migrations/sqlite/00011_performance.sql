-- +goose Up
-- A candidate's open plans (every new rejection reads them, and refreshes each) by candidate
-- and status: with only (tenant_id, candidate_id, id) and (tenant_id, status, id), PostgreSQL
-- walked the tenant's whole status index backwards filtering on the candidate, a cost that grew
-- with the tenant's open plans (docs/performance.md).
CREATE INDEX recovery_plans_tenant_candidate_status ON recovery_plans (tenant_id, candidate_id, status, id);
-- A candidate's history newest first (every regeneration reads it): with only (tenant_id,
-- candidate_id, id), PostgreSQL preferred walking the tenant's analytics index by received_at
-- backwards, filtering on the candidate, once the tenant had thousands of rejections.
CREATE INDEX rejections_tenant_candidate_received ON rejections (tenant_id, candidate_id, received_at, id);

-- +goose Down
DROP INDEX rejections_tenant_candidate_received;
DROP INDEX recovery_plans_tenant_candidate_status;
