package app

import (
	"context"
	"time"
)

// Maintenance bounds: deletes run in batches so one pass never holds locks for long, and a
// pass stops after maxBatches so a huge backlog is worked off over several passes.
const (
	purgeBatch = 1000
	maxBatches = 100
)

// PurgeExpired deletes idempotent responses past their replay window and events older than
// eventRetention, each in batches of one statement across tenants (store.PurgeEvents says why
// there is no index on events for it), so a pass costs the same number of statements with ten
// tenants or ten thousand. It returns how many rows it deleted.
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
	for i := 0; i < maxBatches; i++ {
		n, err := a.store.PurgeEvents(ctx, cutoff, purgeBatch)
		total += n
		if err != nil || n < purgeBatch {
			return total, err
		}
	}
	return total, nil
}
