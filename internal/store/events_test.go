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
	fresh := record(a.ID, cutoff.Add(time.Minute))
	n, err := st.PurgeEvents(ctx, a.ID, cutoff, 2)
	if err != nil || n != 2 {
		t.Fatalf("first batch purged %d (%v), want the batch size 2", n, err)
	}
	if n, _ = st.PurgeEvents(ctx, a.ID, cutoff, 100); n != 1 {
		t.Fatalf("second batch purged %d, want 1", n)
	}
	left, _, err := st.Events(ctx, a.ID, model.EventFilter{}, model.Page{Limit: 10})
	if err != nil || len(left) != 1 || left[0].ID != fresh.ID {
		t.Fatalf("tenant a keeps %v (%v)", left, err)
	}
	if other, _, _ := st.Events(ctx, b.ID, model.EventFilter{}, model.Page{Limit: 10}); len(other) != 3 {
		t.Fatalf("purging tenant a touched tenant b: %d left", len(other))
	}
}
