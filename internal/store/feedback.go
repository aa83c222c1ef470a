package store

import (
	"context"
	"slices"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// MaxFeedbackPerRejection bounds what the plan rules read for one rejection.
const MaxFeedbackPerRejection = 200

// CreateFeedbackRequest inserts a feedback request.
func (tx *Tx) CreateFeedbackRequest(ctx context.Context, r *model.FeedbackRequest) error {
	return translate(tx.db.WithContext(ctx).Create(r).Error, "create feedback request")
}

// FeedbackRequest returns one of the tenant's feedback requests.
func (q *queries) FeedbackRequest(ctx context.Context, tenantID, id string) (model.FeedbackRequest, error) {
	var r model.FeedbackRequest
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "feedback request")
}

// FeedbackRequestByTokenHash finds the request a response link points at, in any tenant: the
// token is the credential. It is one of the two lookups not scoped to a tenant (the other is
// the API key hash), because the tenant is what it finds out.
func (q *queries) FeedbackRequestByTokenHash(ctx context.Context, tokenHash string) (model.FeedbackRequest, error) {
	var r model.FeedbackRequest
	err := q.db.WithContext(ctx).Where("token_hash = ?", tokenHash).Take(&r).Error
	return r, translate(err, "feedback request by token")
}

// FeedbackRequests lists a rejection's feedback requests, newest first.
func (q *queries) FeedbackRequests(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.FeedbackRequest, bool, error) {
	return list[model.FeedbackRequest](q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID), p, "list feedback requests")
}

// AllFeedbackRequests returns a rejection's feedback requests, newest first, bounded: the plan
// rules read their states (pending, declined, answered) to ask for feedback once.
func (q *queries) AllFeedbackRequests(ctx context.Context, tenantID, rejectionID string) ([]model.FeedbackRequest, error) {
	var rows []model.FeedbackRequest
	err := q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Order("id DESC").Limit(MaxFeedbackPerRejection).Find(&rows).Error
	return rows, translate(err, "feedback requests for rejection")
}

// UpdateFeedbackRequest reads the request under a row lock, lets change decide and modify it,
// and writes it back.
func (tx *Tx) UpdateFeedbackRequest(ctx context.Context, tenantID, id string, change func(*model.FeedbackRequest) error) (model.FeedbackRequest, error) {
	var r model.FeedbackRequest
	if err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&r).Error; err != nil {
		return r, translate(err, "feedback request")
	}
	if err := change(&r); err != nil {
		return r, err
	}
	r.TenantID, r.ID = tenantID, id
	if err := tx.db.WithContext(ctx).Save(&r).Error; err != nil {
		return r, translate(err, "update feedback request")
	}
	return r, nil
}

// OverdueFeedbackRequests lists open requests whose link expired, across tenants, oldest first,
// at most limit. The index on (status, expires_at) finds them without walking tenants.
func (q *queries) OverdueFeedbackRequests(ctx context.Context, now time.Time, limit int) ([]model.FeedbackRequest, error) {
	var rows []model.FeedbackRequest
	err := q.db.WithContext(ctx).Where("status IN ? AND expires_at <= ?", []string{model.RequestDraft, model.RequestSent}, now).
		Order("expires_at").Limit(limit).Find(&rows).Error
	return rows, translate(err, "overdue feedback requests")
}

// CreateFeedback inserts feedback.
func (tx *Tx) CreateFeedback(ctx context.Context, f *model.Feedback) error {
	if f.Items == nil {
		f.Items = []model.FeedbackItem{} // stored as [], never as a JSON null
	}
	return translate(tx.db.WithContext(ctx).Create(f).Error, "create feedback")
}

// Feedback returns one piece of the tenant's feedback.
func (q *queries) Feedback(ctx context.Context, tenantID, id string) (model.Feedback, error) {
	var f model.Feedback
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&f).Error
	return f, translate(err, "feedback")
}

// FeedbackList lists a rejection's feedback, newest first.
func (q *queries) FeedbackList(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.Feedback, bool, error) {
	return list[model.Feedback](q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID), p, "list feedback")
}

// AllFeedback returns a rejection's newest feedback, at most MaxFeedbackPerRejection, oldest
// first: the plan rules read it, and past the bound the newest input must still count.
func (q *queries) AllFeedback(ctx context.Context, tenantID, rejectionID string) ([]model.Feedback, error) {
	var rows []model.Feedback
	err := q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Order("id DESC").Limit(MaxFeedbackPerRejection).Find(&rows).Error
	slices.Reverse(rows)
	return rows, translate(err, "feedback for rejection")
}

// CandidateFeedback returns a candidate's newest feedback, bounded.
func (q *queries) CandidateFeedback(ctx context.Context, tenantID, candidateID string, limit int) ([]model.Feedback, error) {
	var rows []model.Feedback
	err := q.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate feedback")
}

// DeleteFeedback hard-deletes feedback and returns what was deleted.
func (tx *Tx) DeleteFeedback(ctx context.Context, tenantID, id string) (model.Feedback, error) {
	f, err := tx.Feedback(ctx, tenantID, id)
	if err != nil {
		return f, err
	}
	return f, translate(tx.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Feedback{}).Error, "delete feedback")
}
