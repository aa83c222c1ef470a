package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// TestPurgeEventsKeepsTheRetentionWindow: events older than the retention go, newer ones and
// other tenants' stay.
func TestPurgeEventsKeepsTheRetentionWindow(t *testing.T) {
	t.Parallel()
	st := testdb.Postgres(t)
	ctx := context.Background()
	a, _ := st.CreateTenant(ctx, "a")
	b, _ := st.CreateTenant(ctx, "b")
	for _, ten := range []string{a.ID, b.ID} {
		for i := 0; i < 3; i++ {
			if _, err := st.RecordEvent(ctx, ten, model.EventCandidateCreated, map[string]any{"i": i}, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	time.Sleep(5 * time.Millisecond)
	cutoff := time.Now()
	time.Sleep(5 * time.Millisecond)
	fresh, err := st.RecordEvent(ctx, a.ID, model.EventCandidateCreated, map[string]any{"fresh": true}, "")
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.PurgeEvents(ctx, a.ID, cutoff, 2)
	if err != nil || n != 2 {
		t.Fatalf("first batch purged %d (%v), want the batch size 2", n, err)
	}
	if n, _ = st.PurgeEvents(ctx, a.ID, cutoff, 100); n != 1 {
		t.Fatalf("second batch purged %d, want 1", n)
	}
	left, _, err := st.Events(ctx, a.ID, store.EventFilter{}, store.Page{Limit: 10})
	if err != nil || len(left) != 1 || left[0].ID != fresh.ID {
		t.Fatalf("tenant a keeps %v (%v)", left, err)
	}
	if other, _, _ := st.Events(ctx, b.ID, store.EventFilter{}, store.Page{Limit: 10}); len(other) != 3 {
		t.Fatalf("purging tenant a touched tenant b: %d left", len(other))
	}
}
