package app

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// retentionBatch is how many rejections one retention pass purges per tenant.
const retentionBatch = 200

// PurgeRetained applies every tenant's retention setting: the personal data under rejections
// closed for longer than the tenant's retention_days is purged — contacts' names and e-mails,
// the reason text and notes, feedback requests, feedback and reflections, the reasons and notes
// of plan steps, and every event that carried them (redacted). The rejection stays, with its
// company, role, stage, dates and plan progress, so insights and analytics still count it. It
// returns how many rejections it purged.
func (a *App) PurgeRetained(ctx context.Context) (int, error) {
	n := 0
	for after := ""; ; {
		tenants, err := a.store.TenantsWithRetention(ctx, after, tenantPageLimit)
		if err != nil {
			return n, err
		}
		for _, t := range tenants {
			cutoff := a.now().Add(-time.Duration(*t.RetentionDays) * 24 * time.Hour)
			due, err := a.store.RejectionsToPurge(ctx, t.ID, cutoff, retentionBatch)
			if err != nil {
				return n, err
			}
			for _, r := range due {
				if err := a.purgeRejection(ctx, t.ID, r.ID, cutoff); err != nil {
					return n, err
				}
				n++
			}
		}
		if len(tenants) < tenantPageLimit {
			return n, nil
		}
		after = tenants[len(tenants)-1].ID
	}
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
