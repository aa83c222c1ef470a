package store

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// RetentionDue is a rejection whose personal data is past its tenant's retention.
type RetentionDue struct {
	TenantID      string
	RejectionID   string
	RetentionDays int
}

// RejectionsPastRetention lists, across the tenants that set a retention, the rejections closed
// for longer than their tenant's retention_days before now whose personal data has not been
// purged yet: tenants in id order after afterTenant, at most perTenant of each tenant's (oldest
// closed first), at most limit in all. One statement whatever the number of tenants: for each
// tenant with a retention, a probe of the partial index rejections_tenant_retention (PostgreSQL:
// a LATERAL subquery; SQLite, which has no LATERAL: a join numbered per tenant). Tenants
// without a retention are skipped on the tenants' rows alone.
func (q *queries) RejectionsPastRetention(ctx context.Context, now time.Time, afterTenant string, perTenant, limit int) ([]RetentionDue, error) {
	query := `SELECT t.id AS tenant_id, r.id AS rejection_id, t.retention_days
		FROM tenants t CROSS JOIN LATERAL (
			SELECT r.id, r.closed_at FROM rejections r
			WHERE r.tenant_id = t.id AND r.closed_at IS NOT NULL AND r.purged_at IS NULL
			  AND r.closed_at < CAST(? AS timestamptz) - t.retention_days * interval '24 hours'
			ORDER BY r.closed_at LIMIT ?
		) r
		WHERE t.retention_days IS NOT NULL AND t.id > ?
		ORDER BY t.id, r.closed_at LIMIT ?`
	args := []any{now, perTenant, afterTenant, limit}
	if q.dialect != DialectPostgres {
		query = `SELECT tenant_id, rejection_id, retention_days FROM (
			SELECT t.id AS tenant_id, r.id AS rejection_id, t.retention_days, r.closed_at,
			       ROW_NUMBER() OVER (PARTITION BY t.id ORDER BY r.closed_at) AS n
			FROM tenants t JOIN rejections r ON r.tenant_id = t.id
			WHERE t.retention_days IS NOT NULL AND t.id > ?
			  AND r.closed_at IS NOT NULL AND r.purged_at IS NULL
			  AND julianday(r.closed_at) < julianday(?) - t.retention_days
		) WHERE n <= ? ORDER BY tenant_id, closed_at LIMIT ?`
		args = []any{afterTenant, now, perTenant, limit}
	}
	var rows []RetentionDue
	err := q.db.WithContext(ctx).Raw(query, args...).Scan(&rows).Error
	return rows, translate(err, "rejections past retention")
}

// PurgeRejectionRecords deletes the records under a rejection that hold other people's words and
// the candidate's own (feedback requests with recipients' names and e-mails, feedback,
// reflections) and the plan steps that name the people met (the thank-you steps, worked on or
// not), and clears what the other steps quote (reasons, notes). The rejection row itself is
// scrubbed by the caller through UpdateRejection.
func (tx *Tx) PurgeRejectionRecords(ctx context.Context, tenantID, rejectionID string) error {
	for _, table := range []any{&model.FeedbackRequest{}, &model.Feedback{}, &model.Reflection{}} {
		if err := tx.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Delete(table).Error; err != nil {
			return translate(err, "purge rejection records")
		}
	}
	plans := tx.scoped(ctx, tenantID).Model(&model.RecoveryPlan{}).Select("id").Where("rejection_id = ?", rejectionID)
	if err := tx.scoped(ctx, tenantID).Where("plan_id IN (?) AND key LIKE ?", plans, "thank_contacts:%").Delete(&model.PlanStep{}).Error; err != nil {
		return translate(err, "purge thank-you steps")
	}
	return translate(tx.scoped(ctx, tenantID).Model(&model.PlanStep{}).Where("plan_id IN (?)", plans).
		Updates(map[string]any{"reasons": "[]", "note": "", "reasons_omitted": 0}).Error, "scrub plan steps")
}
