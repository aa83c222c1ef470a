package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

func TestClaimIdempotencyKeyOutcomes(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			ten, err := st.CreateTenant(ctx, "t")
			if err != nil {
				t.Fatal(err)
			}
			claim := func(key, hash string) store.ClaimOutcome {
				t.Helper()
				o, _, err := st.ClaimIdempotencyKey(ctx, ten.ID, key, hash)
				if err != nil {
					t.Fatal(err)
				}
				return o
			}
			if o := claim("k", "h1"); o != store.Claimed {
				t.Fatalf("first claim: %v", o)
			}
			if o := claim("k", "h1"); o != store.InFlight {
				t.Fatalf("second claim while in flight: %v", o)
			}
			if o := claim("k", "h2"); o != store.Mismatch {
				t.Fatalf("other body: %v", o)
			}
			// The owner died: once its lease has run out, the key can be taken over.
			if err := st.GormDB().Exec(`UPDATE idempotency_keys SET locked_until = ? WHERE key = 'k'`, time.Now().Add(-time.Second).UTC()).Error; err != nil {
				t.Fatal(err)
			}
			if o := claim("k", "h1"); o != store.Claimed {
				t.Fatalf("take-over after the lease: %v", o)
			}
			if err := st.CompleteIdempotencyKey(ctx, ten.ID, "k", store.StoredResponse{Status: 201, Body: []byte(`{"a":1}`), Headers: map[string]string{"ETag": `"x"`}}, ""); err != nil {
				t.Fatal(err)
			}
			o, resp, err := st.ClaimIdempotencyKey(ctx, ten.ID, "k", "h1")
			if err != nil || o != store.Replay || resp.Status != 201 || string(resp.Body) != `{"a":1}` || resp.Headers["ETag"] != `"x"` {
				t.Fatalf("replay: %v %+v %v", o, resp, err)
			}
			// Past the 24-hour window the key is forgotten, and purging removes it.
			if err := st.GormDB().Exec(`UPDATE idempotency_keys SET created_at = ? WHERE key = 'k'`, time.Now().Add(-25*time.Hour).UTC()).Error; err != nil {
				t.Fatal(err)
			}
			if n, err := st.PurgeIdempotencyKeys(ctx, 10); err != nil || n != 1 {
				t.Fatalf("purge: %d %v", n, err)
			}
			if o := claim("k", "h2"); o != store.Claimed {
				t.Fatalf("claim after expiry: %v", o)
			}
			if err := st.ReleaseIdempotencyKey(ctx, ten.ID, "k"); err != nil {
				t.Fatal(err)
			}
			if o := claim("k", "h3"); o != store.Claimed {
				t.Fatalf("claim after release: %v", o)
			}
		})
	}
}
