package store

import (
	"context"

	"github.com/reboundhq/rebound/internal/model"
)

// The queries of a candidate's export and of retention read the records under a page of
// rejections at once (one query per table, no N+1).

// CandidateRejectionPage lists a candidate's rejections in id order after the given id, at most
// limit: the export walks them in pages.
func (q *queries) CandidateRejectionPage(ctx context.Context, tenantID, candidateID, after string, limit int) ([]model.Rejection, error) {
	var rows []model.Rejection
	err := q.scoped(ctx, tenantID).Where("candidate_id = ? AND id > ?", candidateID, after).Order("id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate rejections page")
}

// FeedbackRequestsOf returns the feedback requests of the given rejections, in id order.
func (q *queries) FeedbackRequestsOf(ctx context.Context, tenantID string, rejectionIDs []string) ([]model.FeedbackRequest, error) {
	var rows []model.FeedbackRequest
	if len(rejectionIDs) == 0 {
		return rows, nil
	}
	err := q.scoped(ctx, tenantID).Where("rejection_id IN ?", rejectionIDs).Order("id").Find(&rows).Error
	return rows, translate(err, "feedback requests of rejections")
}

// FeedbackOf returns the feedback on the given rejections, in id order.
func (q *queries) FeedbackOf(ctx context.Context, tenantID string, rejectionIDs []string) ([]model.Feedback, error) {
	var rows []model.Feedback
	if len(rejectionIDs) == 0 {
		return rows, nil
	}
	err := q.scoped(ctx, tenantID).Where("rejection_id IN ?", rejectionIDs).Order("id").Find(&rows).Error
	return rows, translate(err, "feedback of rejections")
}

// ReflectionsOf returns the reflections on the given rejections, in id order.
func (q *queries) ReflectionsOf(ctx context.Context, tenantID string, rejectionIDs []string) ([]model.Reflection, error) {
	var rows []model.Reflection
	if len(rejectionIDs) == 0 {
		return rows, nil
	}
	err := q.scoped(ctx, tenantID).Where("rejection_id IN ?", rejectionIDs).Order("id").Find(&rows).Error
	return rows, translate(err, "reflections of rejections")
}

// PlansOf returns the plans of the given rejections.
func (q *queries) PlansOf(ctx context.Context, tenantID string, rejectionIDs []string) ([]model.RecoveryPlan, error) {
	var rows []model.RecoveryPlan
	if len(rejectionIDs) == 0 {
		return rows, nil
	}
	err := q.scoped(ctx, tenantID).Where("rejection_id IN ?", rejectionIDs).Order("id").Find(&rows).Error
	return rows, translate(err, "plans of rejections")
}

// RevisionsOf returns the revisions of the given plans, in id order.
func (q *queries) RevisionsOf(ctx context.Context, tenantID string, planIDs []string) ([]model.PlanRevision, error) {
	var rows []model.PlanRevision
	if len(planIDs) == 0 {
		return rows, nil
	}
	err := q.scoped(ctx, tenantID).Where("plan_id IN ?", planIDs).Order("id").Find(&rows).Error
	return rows, translate(err, "revisions of plans")
}

// CandidateEventPage lists the events that hold a candidate's data in id order after the given
// id, at most limit.
func (q *queries) CandidateEventPage(ctx context.Context, tenantID, candidateID, after string, limit int) ([]model.Event, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return nil, err
	}
	var rows []model.Event
	err := q.scoped(ctx, tenantID).Where("candidate_id = ? AND id > ?", candidateID, after).Order("id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate events page")
}

// Snapshot makes the transaction read one consistent snapshot (PostgreSQL REPEATABLE READ, read
// only), for exports that read many tables. SQLite transactions are serialisable already.
func (tx *Tx) Snapshot(ctx context.Context) error {
	if tx.dialect != DialectPostgres {
		return nil
	}
	return translate(tx.db.WithContext(ctx).Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").Error, "snapshot")
}
