-- +goose Up
-- A candidate's open plans (every new rejection reads them, and refreshes each) by candidate
-- and status: with only (tenant_id, candidate_id, id) and (tenant_id, status, id), PostgreSQL
-- walked the tenant's whole status index backwards filtering on the candidate, a cost that grew
-- with the tenant's open plans (docs/performance.md).
CREATE INDEX recovery_plans_tenant_candidate_status ON recovery_plans (tenant_id, candidate_id, status, id);

-- +goose Down
DROP INDEX recovery_plans_tenant_candidate_status;
