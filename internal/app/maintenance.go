package app

import (
	"context"
	"time"
)

// Maintenance bounds: deletes run in batches so one pass never holds locks for long, and a
// pass stops after maxBatches so a huge backlog is worked off over several passes.
const (
	purgeBatch      = 1000
	maxBatches      = 100
	tenantPageLimit = 500
)

// PurgeExpired deletes idempotent responses past their replay window and, tenant by tenant,
// events older than eventRetention. It returns how many rows it deleted.
func (a *App) PurgeExpired(ctx context.Context, eventRetention time.Duration) (int64, error) {
	var total int64
	now := a.now()
	for i := 0; i < maxBatches; i++ {
		n, err := a.store.PurgeIdempotencyKeys(ctx, now, purgeBatch)
		total += n
		if err != nil {
			return total, err
		}
		if n < purgeBatch {
			break
		}
	}
	cutoff := now.Add(-eventRetention)
	after := ""
	for {
		tenants, err := a.store.TenantIDs(ctx, after, tenantPageLimit)
		if err != nil {
			return total, err
		}
		for _, tenant := range tenants {
			for i := 0; i < maxBatches; i++ {
				n, err := a.store.PurgeEvents(ctx, tenant, cutoff, purgeBatch)
				total += n
				if err != nil {
					return total, err
				}
				if n < purgeBatch {
					break
				}
			}
		}
		if len(tenants) < tenantPageLimit {
			return total, nil
		}
		after = tenants[len(tenants)-1]
	}
}
