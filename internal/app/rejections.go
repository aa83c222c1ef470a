package app

import (
	"context"
	"errors"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// maxFutureSkew is how far ahead of the server's clock a received_at may be: clocks differ a
// little between the platform and Rebound, and no one is rejected tomorrow.
const maxFutureSkew = 24 * time.Hour

// CreateRejection records a rejection one of the tenant's candidates received, from the fields
// the caller set on r, and builds its recovery plan in the same transaction. The tenant, the ids
// (the rejection's and any contact's without one) and the times are assigned here; an unset
// received_at means now; channel, reason and status take their defaults. An unknown candidate
// is a validation error on /candidate_id.
func (a *App) CreateRejection(ctx context.Context, tenantID string, r model.Rejection) (model.Rejection, error) {
	r, err := a.prepareRejection(tenantID, r)
	if err != nil {
		return r, err
	}
	err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return a.insertRejection(ctx, tx, r) })
	return r, err
}

// prepareRejection assigns a new rejection's tenant, ids, times and defaults and validates it:
// the first half of every way a rejection is recorded one at a time (the API, the ATS
// connectors).
func (a *App) prepareRejection(tenantID string, r model.Rejection) (model.Rejection, error) {
	now := a.now()
	r.TenantID, r.ID, r.CreatedAt, r.UpdatedAt = tenantID, a.newID(model.PrefixRejection), now, now
	if r.ReceivedAt.IsZero() {
		r.ReceivedAt = now
	}
	for i := range r.Contacts {
		if r.Contacts[i].ID == "" {
			r.Contacts[i].ID = a.newID(model.PrefixContact)
		}
	}
	r.Normalize()
	r.ApplyDefaults()
	if r.Status == "closed" {
		r.ClosedAt = &now
	}
	r.PurgedAt = nil
	return r, a.checkRejection(&r)
}

// insertRejection writes a prepared rejection with its event and its plan, in the caller's
// transaction: the second half of every way a rejection is recorded one at a time.
func (a *App) insertRejection(ctx context.Context, tx *store.Tx, r model.Rejection) error {
	cand, err := tx.CreateRejection(ctx, &r)
	if err != nil {
		if errors.Is(err, store.ErrUnknownCandidate) {
			return &model.ValidationError{Errors: []model.FieldError{{Pointer: "/candidate_id", Detail: "no such candidate"}}}
		}
		return err
	}
	if _, err := a.record(ctx, tx, r.TenantID, model.EventRejectionCreated, wire.FromRejection(r), eventRefs{candidateID: r.CandidateID, rejectionID: r.ID}); err != nil {
		return err
	}
	// The plan is born with the rejection, in the same transaction.
	_, err = a.regenerateFor(ctx, tx, r, cand, model.EventRejectionCreated, true)
	return err
}

// checkRejection validates a rejection as a whole, including the rules that need the clock.
func (a *App) checkRejection(r *model.Rejection) error {
	var errs model.Errors
	if err := r.Check(); err != nil {
		var ve *model.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		errs = append(errs, ve.Errors...)
	}
	if r.ReceivedAt.After(a.now().Add(maxFutureSkew)) {
		errs.Add("/received_at", "must not be in the future")
	}
	return errs.Err()
}

// Rejection returns one of the tenant's rejections.
func (a *App) Rejection(ctx context.Context, tenantID, id string) (model.Rejection, error) {
	return a.store.Rejection(ctx, tenantID, id)
}

// Rejections lists the tenant's rejections, newest first.
func (a *App) Rejections(ctx context.Context, tenantID string, f model.RejectionFilter, p model.Page) ([]model.Rejection, bool, error) {
	return a.store.Rejections(ctx, tenantID, f, p)
}

// UpdateRejection changes a rejection under its row lock — change applies the caller's patch to
// the current row — and regenerates its plan from the new facts, in one transaction.
func (a *App) UpdateRejection(ctx context.Context, tenantID, id string, change func(*model.Rejection) error) (model.Rejection, error) {
	var out model.Rejection
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		r, err := tx.UpdateRejection(ctx, tenantID, id, func(r *model.Rejection) error {
			wasClosed, closedAt, purgedAt := r.Status == "closed", r.ClosedAt, r.PurgedAt
			if err := change(r); err != nil {
				return err
			}
			now := a.now()
			switch closed := r.Status == "closed"; {
			case closed && !wasClosed:
				r.ClosedAt = &now
			case !closed:
				r.ClosedAt = nil
			default:
				r.ClosedAt = closedAt
			}
			r.PurgedAt = purgedAt // only retention sets it
			for i := range r.Contacts {
				if r.Contacts[i].ID == "" {
					r.Contacts[i].ID = a.newID(model.PrefixContact)
				}
			}
			r.UpdatedAt = a.now()
			r.Normalize()
			return a.checkRejection(r)
		})
		if err != nil {
			return err
		}
		out = r
		if _, err := a.record(ctx, tx, tenantID, model.EventRejectionUpdated, wire.FromRejection(r), eventRefs{candidateID: r.CandidateID, rejectionID: r.ID}); err != nil {
			return err
		}
		return a.syncPlan(ctx, tx, r, model.EventRejectionUpdated, false)
	})
	return out, err
}

// DeleteRejection permanently deletes a rejection and everything under it, and redacts the
// events that carried its personal data (its contacts, feedback, reflections, plan steps).
func (a *App) DeleteRejection(ctx context.Context, tenantID, id string) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return a.deleteRejection(ctx, tx, tenantID, id) })
}

// deleteRejection is DeleteRejection in the caller's transaction (an ATS undoing a rejection).
func (a *App) deleteRejection(ctx context.Context, tx *store.Tx, tenantID, id string) error {
	r, err := tx.DeleteRejection(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if err := a.redactEvents(ctx, tx, tenantID, r.ID, nil); err != nil {
		return err
	}
	// The candidate's other plans lose a piece of history and may now hold advice this one held.
	a.afterCommit(ctx, func(ctx context.Context) {
		a.refreshPlans(ctx, tenantID, r.CandidateID, model.EventRejectionDeleted, nil)
	})
	_, err = a.record(ctx, tx, tenantID, model.EventRejectionDeleted, wire.Deleted("rejection", id), eventRefs{})
	return err
}
