package app

import (
	"context"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// CreateCandidate records one of the platform's users from the fields the caller set on c
// (external_id, display_name, email, timezone, locale, metadata); the tenant, id and times are
// assigned here, and empty timezone and locale default to UTC and en. A candidate with the same
// external_id is a *model.ConflictError naming the existing one.
func (a *App) CreateCandidate(ctx context.Context, tenantID string, c model.Candidate) (model.Candidate, error) {
	now := a.now()
	c.TenantID, c.ID, c.CreatedAt, c.UpdatedAt = tenantID, a.newID(model.PrefixCandidate), now, now
	c.Normalize()
	c.ApplyDefaults()
	if err := c.Check(); err != nil {
		return c, err
	}
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return a.insertCandidate(ctx, tx, c) })
	return c, err
}

// insertCandidate writes a validated candidate with its event, in the caller's transaction.
func (a *App) insertCandidate(ctx context.Context, tx *store.Tx, c model.Candidate) error {
	if err := tx.CreateCandidate(ctx, &c); err != nil {
		return err
	}
	_, err := a.record(ctx, tx, c.TenantID, model.EventCandidateCreated, wire.FromCandidate(c), eventRefs{candidateID: c.ID})
	return err
}

// Candidate returns one of the tenant's candidates.
func (a *App) Candidate(ctx context.Context, tenantID, id string) (model.Candidate, error) {
	return a.store.Candidate(ctx, tenantID, id)
}

// Candidates lists the tenant's candidates, newest first.
func (a *App) Candidates(ctx context.Context, tenantID string, f model.CandidateFilter, p model.Page) ([]model.Candidate, bool, error) {
	return a.store.Candidates(ctx, tenantID, f, p)
}

// UpdateCandidate changes a candidate under a row lock: change applies the caller's patch (and
// any precondition, such as If-Match) to the current row; the result is validated as a whole.
func (a *App) UpdateCandidate(ctx context.Context, tenantID, id string, change func(*model.Candidate) error) (model.Candidate, error) {
	var out model.Candidate
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		c, err := tx.UpdateCandidate(ctx, tenantID, id, func(c *model.Candidate) error {
			if err := change(c); err != nil {
				return err
			}
			c.UpdatedAt = a.now()
			c.Normalize()
			return c.Check()
		})
		if err != nil {
			return err
		}
		out = c
		_, err = a.record(ctx, tx, tenantID, model.EventCandidateUpdated, wire.FromCandidate(c), eventRefs{candidateID: c.ID})
		return err
	})
	return out, err
}

// DeleteCandidate erases a candidate and everything Rebound holds about them: rejections and
// everything under them, stored idempotent responses and every event that carried their data.
// The candidate.deleted event left behind holds only the id.
func (a *App) DeleteCandidate(ctx context.Context, tenantID, id string) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.DeleteCandidate(ctx, tenantID, id); err != nil {
			return err
		}
		_, err := a.record(ctx, tx, tenantID, model.EventCandidateDeleted, wire.Deleted("candidate", id), eventRefs{})
		return err
	})
}
