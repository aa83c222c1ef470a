package app

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// retentionBatch is how many rejections one retention pass purges per tenant at most, and
// retentionPage how many one query lists across tenants.
const (
	retentionBatch = 200
	retentionPage  = 1000
)

// PurgeRetained applies every tenant's retention setting: the personal data under rejections
// closed for longer than the tenant's retention_days is purged — contacts' names and e-mails,
// the reason text and notes, feedback requests, feedback and reflections, the reasons and notes
// of plan steps, and every event that carried them (redacted). The rejection stays, with its
// company, role, stage, dates and plan progress, so insights and analytics still count it. It
// returns how many rejections it purged.
//
// The rejections due are found across tenants, one query per page of retentionPage (one query
// in all when none is due), not one per tenant that set a retention: any tenant may opt in, so
// a walk over them would grow with the tenants. Each tenant gets at most retentionBatch per
// pass; a page ends mid-tenant only when it is full, and that tenant's rest waits for the next
// pass, as a large backlog does anyway.
func (a *App) PurgeRetained(ctx context.Context) (int, error) {
	n := 0
	now := a.now()
	after := ""
	for page := 0; page < maxBatches; page++ {
		due, err := a.store.RejectionsPastRetention(ctx, now, after, retentionBatch, retentionPage)
		if err != nil {
			return n, err
		}
		for _, d := range due {
			cutoff := now.Add(-time.Duration(d.RetentionDays) * 24 * time.Hour)
			if err := a.purgeRejection(ctx, d.TenantID, d.RejectionID, cutoff); err != nil {
				return n, err
			}
			n++
		}
		if len(due) < retentionPage {
			break
		}
		after = due[len(due)-1].TenantID
	}
	return n, nil
}

// purgeRejection purges one rejection's personal data in one transaction, re-checking under
// the row lock that it is still closed since before the cutoff (it may have been reopened).
func (a *App) purgeRejection(ctx context.Context, tenantID, id string, cutoff time.Time) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		current, err := tx.RejectionForUpdate(ctx, tenantID, id)
		if err != nil || current.ClosedAt == nil || !current.ClosedAt.Before(cutoff) || current.PurgedAt != nil {
			return err
		}
		if err := tx.PurgeRejectionRecords(ctx, tenantID, id); err != nil {
			return err
		}
		now := a.now()
		r, err := tx.UpdateRejection(ctx, tenantID, id, func(r *model.Rejection) error {
			r.Contacts, r.ReasonText, r.Notes, r.PurgedAt, r.UpdatedAt = []model.Contact{}, "", "", &now, now
			return nil
		})
		if err != nil {
			return err
		}
		if err := a.redactEvents(ctx, tx, tenantID, id, nil); err != nil {
			return err
		}
		// The plan is not regenerated: the rejection is closed and its plan is kept as the record
		// of what was done (minus the steps that named people), not as fresh advice.
		_, err = a.record(ctx, tx, tenantID, model.EventRejectionUpdated, wire.FromRejection(r), eventRefs{candidateID: r.CandidateID, rejectionID: r.ID})
		return err
	})
}
