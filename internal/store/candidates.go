package store

import (
	"context"
	"errors"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateCandidate inserts a candidate. A candidate with the same external_id in the tenant is a
// *model.ConflictError naming the existing id.
func (tx *Tx) CreateCandidate(ctx context.Context, c *model.Candidate) error {
	if existing, err := tx.CandidateByExternalID(ctx, c.TenantID, c.ExternalID); err == nil {
		return &model.ConflictError{Detail: "a candidate with this external_id already exists", ExistingID: existing.ID}
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	return tx.externalIDConflict(ctx, c.TenantID, c.ExternalID, func() error { return tx.db.WithContext(ctx).Create(c).Error }, "create candidate")
}

// externalIDConflict runs a write that may collide with a concurrent one on the unique
// external_id, inside a savepoint: a failed statement poisons a PostgreSQL transaction, so on a
// collision the savepoint is rolled back and the winner looked up, and the conflict names it.
func (tx *Tx) externalIDConflict(ctx context.Context, tenantID, externalID string, write func() error, what string) error {
	const sp = "external_id_write"
	if err := tx.db.WithContext(ctx).SavePoint(sp).Error; err != nil {
		return translate(err, what)
	}
	err := translate(write(), what)
	if !errors.Is(err, model.ErrConflict) {
		return err
	}
	if rerr := tx.db.WithContext(ctx).RollbackTo(sp).Error; rerr != nil {
		return translate(rerr, what)
	}
	ce := &model.ConflictError{Detail: "a candidate with this external_id already exists"}
	if other, lookupErr := tx.CandidateByExternalID(ctx, tenantID, externalID); lookupErr == nil {
		ce.ExistingID = other.ID
	}
	return ce
}

// Candidate returns one of the tenant's candidates.
func (q *queries) Candidate(ctx context.Context, tenantID, id string) (model.Candidate, error) {
	var c model.Candidate
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&c).Error
	return c, translate(err, "candidate")
}

// CandidateByExternalID finds a candidate by the platform's own user id.
func (q *queries) CandidateByExternalID(ctx context.Context, tenantID, externalID string) (model.Candidate, error) {
	var c model.Candidate
	err := q.scoped(ctx, tenantID).Where("external_id = ?", externalID).Take(&c).Error
	return c, translate(err, "candidate by external_id")
}

// CandidatesByExternalID returns the tenant's candidates with the given external ids, keyed by
// external id, in one query (the importer looks a whole batch up at once).
func (q *queries) CandidatesByExternalID(ctx context.Context, tenantID string, externalIDs []string) (map[string]model.Candidate, error) {
	out := map[string]model.Candidate{}
	if len(externalIDs) == 0 {
		return out, nil
	}
	var rows []model.Candidate
	if err := q.scoped(ctx, tenantID).Where("external_id IN ?", externalIDs).Find(&rows).Error; err != nil {
		return nil, translate(err, "candidates by external_id")
	}
	for _, c := range rows {
		out[c.ExternalID] = c
	}
	return out, nil
}

// Candidates lists the tenant's candidates, newest first.
func (q *queries) Candidates(ctx context.Context, tenantID string, f model.CandidateFilter, p model.Page) ([]model.Candidate, bool, error) {
	db := q.scoped(ctx, tenantID)
	if f.ExternalID != "" {
		db = db.Where("external_id = ?", f.ExternalID)
	}
	return list[model.Candidate](db, p, "list candidates")
}

// CandidatesByID returns the given candidates of the tenant, keyed by id, in one query.
func (q *queries) CandidatesByID(ctx context.Context, tenantID string, ids []string) (map[string]model.Candidate, error) {
	out := map[string]model.Candidate{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.Candidate
	if err := q.scoped(ctx, tenantID).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err, "candidates by id")
	}
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}

// UpdateCandidate reads the candidate under a row lock, lets change decide and modify it, and
// writes it back. change returning an error aborts without writing.
func (tx *Tx) UpdateCandidate(ctx context.Context, tenantID, id string, change func(*model.Candidate) error) (model.Candidate, error) {
	var c model.Candidate
	if err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&c).Error; err != nil {
		return c, translate(err, "candidate")
	}
	before := c.ExternalID
	if err := change(&c); err != nil {
		return c, err
	}
	if c.ExternalID != before {
		if other, err := tx.CandidateByExternalID(ctx, tenantID, c.ExternalID); err == nil {
			return c, &model.ConflictError{Detail: "a candidate with this external_id already exists", ExistingID: other.ID}
		} else if !errors.Is(err, model.ErrNotFound) {
			return c, err
		}
	}
	c.TenantID, c.ID = tenantID, id // a change function cannot move the row
	err := tx.externalIDConflict(ctx, tenantID, c.ExternalID, func() error { return tx.db.WithContext(ctx).Save(&c).Error }, "update candidate")
	return c, err
}

// DeleteCandidate erases a candidate and everything that belongs to them: the foreign keys
// cascade to their rejections and child records, and stored idempotent responses and events
// that hold their data are deleted too. It is a hard delete on purpose (erasure requests).
func (tx *Tx) DeleteCandidate(ctx context.Context, tenantID, id string) error {
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
	if err := tx.flushOutbox(ctx); err != nil {
		return err
	}
	return translate(tx.scoped(ctx, tenantID).Where("candidate_id = ?", id).Delete(&model.Event{}).Error, "erase events")
}
