package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateFeedbackRequest inserts a feedback request.
func (s *Store) CreateFeedbackRequest(ctx context.Context, r *model.FeedbackRequest) error {
	now := Now()
	r.CreatedAt, r.UpdatedAt = now, now
	return translate(s.db.WithContext(ctx).Create(r).Error, "create feedback request")
}

// FeedbackRequest returns one of the tenant's feedback requests.
func (s *Store) FeedbackRequest(ctx context.Context, tenantID, id string) (model.FeedbackRequest, error) {
	var r model.FeedbackRequest
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "feedback request")
}

// FeedbackRequestByTokenHash finds the request a response link points at, in any tenant: the
// token is the credential.
func (s *Store) FeedbackRequestByTokenHash(ctx context.Context, tokenHash string) (model.FeedbackRequest, error) {
	var r model.FeedbackRequest
	err := s.db.WithContext(ctx).Where("token_hash = ?", tokenHash).Take(&r).Error
	return r, translate(err, "feedback request by token")
}

// FeedbackRequests lists a rejection's feedback requests, newest first.
func (s *Store) FeedbackRequests(ctx context.Context, tenantID, rejectionID string, p Page) ([]model.FeedbackRequest, bool, error) {
	var rows []model.FeedbackRequest
	if err := p.apply(s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list feedback requests")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// HasPendingFeedbackRequest reports whether the rejection has a request still waiting for an
// answer at now.
func (s *Store) HasPendingFeedbackRequest(ctx context.Context, tenantID, rejectionID string, now time.Time) (bool, error) {
	var n int64
	err := s.scoped(ctx, tenantID).Model(&model.FeedbackRequest{}).
		Where("rejection_id = ? AND status IN ? AND expires_at > ?", rejectionID, []string{model.RequestDraft, model.RequestSent}, now).Count(&n).Error
	return n > 0, translate(err, "pending feedback requests")
}

// UpdateFeedbackRequest reads the request under a row lock, lets change decide and modify it,
// and writes it back in one transaction.
func (s *Store) UpdateFeedbackRequest(ctx context.Context, tenantID, id string, change func(*model.FeedbackRequest) error) (model.FeedbackRequest, error) {
	var out model.FeedbackRequest
	err := s.WithTx(ctx, func(tx *Store) error {
		var r model.FeedbackRequest
		if err := tx.scoped(ctx, tenantID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&r).Error; err != nil {
			return translate(err, "feedback request")
		}
		if err := change(&r); err != nil {
			return err
		}
		r.TenantID, r.ID = tenantID, id
		r.UpdatedAt = Now()
		if err := tx.db.WithContext(ctx).Save(&r).Error; err != nil {
			return translate(err, "update feedback request")
		}
		out = r
		return nil
	})
	return out, err
}

// OverdueFeedbackRequests lists the tenant's open requests whose link expired, at most limit.
func (s *Store) OverdueFeedbackRequests(ctx context.Context, tenantID string, now time.Time, limit int) ([]model.FeedbackRequest, error) {
	var rows []model.FeedbackRequest
	err := s.scoped(ctx, tenantID).Where("status IN ? AND expires_at <= ?", []string{model.RequestDraft, model.RequestSent}, now).
		Order("id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "overdue feedback requests")
}

// CreateFeedback inserts feedback.
func (s *Store) CreateFeedback(ctx context.Context, f *model.Feedback) error {
	f.CreatedAt = Now()
	return translate(s.db.WithContext(ctx).Create(f).Error, "create feedback")
}

// Feedback returns one piece of the tenant's feedback.
func (s *Store) Feedback(ctx context.Context, tenantID, id string) (model.Feedback, error) {
	var f model.Feedback
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&f).Error
	return f, translate(err, "feedback")
}

// FeedbackList lists a rejection's feedback, newest first.
func (s *Store) FeedbackList(ctx context.Context, tenantID, rejectionID string, p Page) ([]model.Feedback, bool, error) {
	var rows []model.Feedback
	if err := p.apply(s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list feedback")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// MaxFeedbackPerRejection bounds what the plan rules read for one rejection.
const MaxFeedbackPerRejection = 200

// AllFeedback returns a rejection's feedback oldest first, bounded, for the plan rules.
func (s *Store) AllFeedback(ctx context.Context, tenantID, rejectionID string) ([]model.Feedback, error) {
	var rows []model.Feedback
	err := s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Order("id").Limit(MaxFeedbackPerRejection).Find(&rows).Error
	return rows, translate(err, "feedback for rejection")
}

// DeleteFeedback hard-deletes feedback and returns what was deleted.
func (s *Store) DeleteFeedback(ctx context.Context, tenantID, id string) (model.Feedback, error) {
	f, err := s.Feedback(ctx, tenantID, id)
	if err != nil {
		return f, err
	}
	return f, translate(s.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Feedback{}).Error, "delete feedback")
}
