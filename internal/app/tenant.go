package app

import (
	"context"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// Tenant returns the tenant with its settings.
func (a *App) Tenant(ctx context.Context, tenantID string) (model.Tenant, error) {
	return a.store.Tenant(ctx, tenantID)
}

// TenantChange is a change of the tenant's settings; nil fields stay.
type TenantChange struct {
	// HistoricalAfterDays is the age, in days, from which a newly recorded rejection counts as
	// history (its plan never nudges). It applies to rejections recorded from now on.
	HistoricalAfterDays *int
	// RetentionDays, when set, changes how long a closed rejection keeps the personal data under
	// it; pointing at nil keeps it until the candidate is erased.
	RetentionDays **int
}

// UpdateTenant changes the tenant's settings; check runs on the current tenant first (If-Match).
func (a *App) UpdateTenant(ctx context.Context, tenantID string, check func(model.Tenant) error, ch TenantChange) (model.Tenant, error) {
	var out model.Tenant
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := tx.TenantForUpdate(ctx, tenantID)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(t); err != nil {
				return err
			}
		}
		var errs model.Errors
		if ch.HistoricalAfterDays != nil {
			if *ch.HistoricalAfterDays < model.MinHistoricalAfterDays || *ch.HistoricalAfterDays > model.MaxHistoricalAfterDays {
				errs.Add("/historical_after_days", "must be an integer from %d to %d", model.MinHistoricalAfterDays, model.MaxHistoricalAfterDays)
			} else {
				t.HistoricalAfterDays = *ch.HistoricalAfterDays
			}
		}
		if ch.RetentionDays != nil {
			if d := *ch.RetentionDays; d != nil && (*d < model.MinRetentionDays || *d > model.MaxRetentionDays) {
				errs.Add("/retention_days", "must be an integer from %d to %d, or null to keep personal data until the candidate is erased", model.MinRetentionDays, model.MaxRetentionDays)
			} else {
				t.RetentionDays = d
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		out = t
		return tx.UpdateTenantSettings(ctx, t)
	})
	return out, err
}
