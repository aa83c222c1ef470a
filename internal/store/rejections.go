package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// errNotFound is what a delete that matched nothing reports, mapped to model.ErrNotFound.
var errNotFound = gorm.ErrRecordNotFound

// ErrUnknownCandidate means a write named a candidate the tenant does not have.
var ErrUnknownCandidate = errors.New("no such candidate")

// RejectionFilter narrows a rejection list. Zero values mean "any".
type RejectionFilter struct {
	CandidateID    string
	Stage          string
	Status         string
	Company        string // case-insensitive exact match
	ReceivedAfter  *time.Time
	ReceivedBefore *time.Time
}

// CreateRejection inserts a rejection for one of the tenant's candidates.
func (s *Store) CreateRejection(ctx context.Context, r *model.Rejection) error {
	if _, err := s.Candidate(ctx, r.TenantID, r.CandidateID); err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return ErrUnknownCandidate
		}
		return err
	}
	now := Now()
	r.CreatedAt, r.UpdatedAt = now, now
	return translate(s.db.WithContext(ctx).Create(r).Error, "create rejection")
}

// Rejection returns one of the tenant's rejections.
func (s *Store) Rejection(ctx context.Context, tenantID, id string) (model.Rejection, error) {
	var r model.Rejection
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "rejection")
}

// Rejections lists the tenant's rejections, newest first.
func (s *Store) Rejections(ctx context.Context, tenantID string, f RejectionFilter, p Page) ([]model.Rejection, bool, error) {
	q := s.scoped(ctx, tenantID)
	if f.CandidateID != "" {
		q = q.Where("candidate_id = ?", f.CandidateID)
	}
	if f.Stage != "" {
		q = q.Where("stage = ?", f.Stage)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Company != "" {
		q = q.Where("lower(company) = lower(?)", f.Company)
	}
	if f.ReceivedAfter != nil {
		q = q.Where("received_at > ?", f.ReceivedAfter.UTC())
	}
	if f.ReceivedBefore != nil {
		q = q.Where("received_at < ?", f.ReceivedBefore.UTC())
	}
	var rows []model.Rejection
	if err := p.apply(q).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list rejections")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// UpdateRejection reads the rejection under a row lock, lets change modify it and writes it
// back in one transaction.
func (s *Store) UpdateRejection(ctx context.Context, tenantID, id string, change func(*model.Rejection) error) (model.Rejection, error) {
	var out model.Rejection
	err := s.WithTx(ctx, func(tx *Store) error {
		var r model.Rejection
		if err := tx.scoped(ctx, tenantID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&r).Error; err != nil {
			return translate(err, "rejection")
		}
		candidate := r.CandidateID
		if err := change(&r); err != nil {
			return err
		}
		r.TenantID, r.ID, r.CandidateID = tenantID, id, candidate // identity is not patchable
		r.UpdatedAt = Now()
		if err := tx.db.WithContext(ctx).Save(&r).Error; err != nil {
			return translate(err, "update rejection")
		}
		out = r
		return nil
	})
	return out, err
}

// DeleteRejection hard-deletes a rejection; its child records cascade.
func (s *Store) DeleteRejection(ctx context.Context, tenantID, id string) error {
	res := s.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Rejection{})
	if res.Error != nil {
		return translate(res.Error, "delete rejection")
	}
	if res.RowsAffected == 0 {
		return translate(errNotFound, "rejection")
	}
	return nil
}
