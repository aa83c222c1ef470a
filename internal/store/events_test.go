package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// TestPurgeEventsKeepsTheRetentionWindow: events older than the retention go, every tenant's,
// in batches of the given size across tenants; newer ones stay. On both databases.
func TestPurgeEventsKeepsTheRetentionWindow(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			st := open(t)
			ctx := context.Background()
			a, _ := st.CreateTenant(ctx, "a")
			b, _ := st.CreateTenant(ctx, "b")
			record := func(ten string, at time.Time) model.Event {
				t.Helper()
				ev := model.Event{TenantID: ten, ID: store.IDFloor(model.PrefixEvent, at)[:len("evt_")+12] + model.NewID("x")[len("x_")+12:], Type: model.EventCandidateCreated, Payload: []byte(`{}`), CreatedAt: at}
				if err := st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RecordEvent(ctx, &ev); return err }); err != nil {
					t.Fatal(err)
				}
				return ev
			}
			cutoff := time.Now()
			for _, ten := range []string{a.ID, b.ID} {
				for i := 0; i < 3; i++ {
					record(ten, cutoff.Add(-time.Duration(i+1)*time.Minute))
				}
			}
			freshA, freshB := record(a.ID, cutoff.Add(time.Minute)), record(b.ID, cutoff.Add(time.Minute))
			n, err := st.PurgeEvents(ctx, cutoff, 4)
			if err != nil || n != 4 {
				t.Fatalf("first batch purged %d (%v), want the batch size 4", n, err)
			}
			if n, err = st.PurgeEvents(ctx, cutoff, 100); err != nil || n != 2 {
				t.Fatalf("second batch purged %d (%v), want the other 2", n, err)
			}
			if n, _ = st.PurgeEvents(ctx, cutoff, 100); n != 0 {
				t.Fatalf("third batch purged %d, want 0", n)
			}
			for ten, fresh := range map[string]model.Event{a.ID: freshA, b.ID: freshB} {
				left, _, err := st.Events(ctx, ten, model.EventFilter{}, model.Page{Limit: 10})
				if err != nil || len(left) != 1 || left[0].ID != fresh.ID {
					t.Fatalf("tenant %s keeps %v (%v), want only its event newer than the cutoff", ten, left, err)
				}
			}
		})
	}
}
