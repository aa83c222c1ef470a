package store

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// RejectionsToPurge lists a tenant's rejections closed before cutoff whose personal data has not
// been purged yet, oldest first, at most limit (the partial index rejections_tenant_retention).
func (q *queries) RejectionsToPurge(ctx context.Context, tenantID string, cutoff time.Time, limit int) ([]model.Rejection, error) {
	var rows []model.Rejection
	err := q.scoped(ctx, tenantID).Where("closed_at IS NOT NULL AND purged_at IS NULL AND closed_at < ?", cutoff).
		Order("closed_at").Limit(limit).Find(&rows).Error
	return rows, translate(err, "rejections to purge")
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
