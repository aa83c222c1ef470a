package store

import (
	"context"
	"errors"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// CandidateFilter narrows a candidate list.
type CandidateFilter struct {
	ExternalID string
}

// CreateCandidate inserts a candidate. A candidate with the same external_id in the tenant is a
// *model.ConflictError naming the existing id.
func (s *Store) CreateCandidate(ctx context.Context, c *model.Candidate) error {
	if existing, err := s.CandidateByExternalID(ctx, c.TenantID, c.ExternalID); err == nil {
		return &model.ConflictError{Detail: "a candidate with this external_id already exists", ExistingID: existing.ID}
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	now := Now()
	c.CreatedAt, c.UpdatedAt = now, now
	if err := s.db.WithContext(ctx).Create(c).Error; err != nil {
		err = translate(err, "create candidate")
		if errors.Is(err, model.ErrConflict) {
			// Lost a race with a concurrent create; the caller looks the winner up after the
			// transaction, since a failed statement poisons a PostgreSQL transaction.
			return &model.ConflictError{Detail: "a candidate with this external_id already exists"}
		}
		return err
	}
	return nil
}

// Candidate returns one of the tenant's candidates.
func (s *Store) Candidate(ctx context.Context, tenantID, id string) (model.Candidate, error) {
	var c model.Candidate
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&c).Error
	return c, translate(err, "candidate")
}

// CandidateByExternalID finds a candidate by the platform's own user id.
func (s *Store) CandidateByExternalID(ctx context.Context, tenantID, externalID string) (model.Candidate, error) {
	var c model.Candidate
	err := s.scoped(ctx, tenantID).Where("external_id = ?", externalID).Take(&c).Error
	return c, translate(err, "candidate by external_id")
}

// Candidates lists the tenant's candidates, newest first.
func (s *Store) Candidates(ctx context.Context, tenantID string, f CandidateFilter, p Page) ([]model.Candidate, bool, error) {
	q := s.scoped(ctx, tenantID)
	if f.ExternalID != "" {
		q = q.Where("external_id = ?", f.ExternalID)
	}
	var rows []model.Candidate
	if err := p.apply(q).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list candidates")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// UpdateCandidate reads the candidate under a row lock, lets change decide and modify it, and
// writes it back, all in one transaction. change returning an error aborts without writing.
func (s *Store) UpdateCandidate(ctx context.Context, tenantID, id string, change func(*model.Candidate) error) (model.Candidate, error) {
	var out model.Candidate
	err := s.WithTx(ctx, func(tx *Store) error {
		var c model.Candidate
		if err := tx.scoped(ctx, tenantID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&c).Error; err != nil {
			return translate(err, "candidate")
		}
		before := c.ExternalID
		if err := change(&c); err != nil {
			return err
		}
		if c.ExternalID != before {
			if other, err := tx.CandidateByExternalID(ctx, tenantID, c.ExternalID); err == nil {
				return &model.ConflictError{Detail: "a candidate with this external_id already exists", ExistingID: other.ID}
			} else if !errors.Is(err, model.ErrNotFound) {
				return err
			}
		}
		c.TenantID, c.ID = tenantID, id // a change function cannot move the row
		c.UpdatedAt = Now()
		if err := tx.db.WithContext(ctx).Save(&c).Error; err != nil {
			return translate(err, "update candidate")
		}
		out = c
		return nil
	})
	return out, err
}

// DeleteCandidate erases a candidate and everything that belongs to them: the foreign keys
// cascade to their rejections and child records, and stored idempotent responses that hold their
// data are dropped too, as are the events whose payloads hold it. It is a hard delete on purpose (erasure requests).
func (s *Store) DeleteCandidate(ctx context.Context, tenantID, id string) error {
	return s.WithTx(ctx, func(tx *Store) error {
		res := tx.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Candidate{})
		if res.Error != nil {
			return translate(res.Error, "delete candidate")
		}
		if res.RowsAffected == 0 {
			return translate(errNotFound, "candidate")
		}
		if err := tx.scoped(ctx, tenantID).Where("candidate_id = ?", id).Delete(&idempotencyRecord{}).Error; err != nil {
			return translate(err, "erase idempotent responses")
		}
		return translate(tx.scoped(ctx, tenantID).Where("candidate_id = ?", id).Delete(&model.Event{}).Error, "erase events")
	})
}
