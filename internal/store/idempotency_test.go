package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

func TestIdempotentResponses(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			ten, err := st.CreateTenant(ctx, "t")
			if err != nil {
				t.Fatal(err)
			}
			now := store.Now()
			save := func(hash string, at time.Time) bool {
				t.Helper()
				var saved bool
				err := st.InTx(ctx, func(tx *store.Tx) error {
					var err error
					saved, err = tx.ClaimIdempotencyKey(ctx, store.IdempotentResponse{TenantID: ten.ID, Key: "k", RequestHash: hash, CreatedAt: at})
					if err != nil || !saved {
						return err
					}
					return tx.CompleteIdempotencyKey(ctx, store.IdempotentResponse{TenantID: ten.ID, Key: "k",
						Status: 201, Body: []byte(`{"a":1}`), Headers: map[string]string{"ETag": `"x"`}})
				})
				if err != nil {
					t.Fatal(err)
				}
				return saved
			}
			if _, found, err := st.IdempotentResponse(ctx, ten.ID, "k", now); err != nil || found {
				t.Fatalf("unknown key: found %v (%v)", found, err)
			}
			if !save("h1", now) {
				t.Fatal("first save refused")
			}
			if save("h2", now) {
				t.Fatal("a second save of the same key succeeded")
			}
			rec, found, err := st.IdempotentResponse(ctx, ten.ID, "k", now)
			if err != nil || !found || rec.RequestHash != "h1" || rec.Status != 201 || string(rec.Body) != `{"a":1}` || rec.Headers["ETag"] != `"x"` {
				t.Fatalf("stored response: %+v %v %v", rec, found, err)
			}
			// Another tenant's key of the same name is another key.
			other, _ := st.CreateTenant(ctx, "other")
			if _, found, _ := st.IdempotentResponse(ctx, other.ID, "k", now); found {
				t.Fatal("a key leaked across tenants")
			}
			// Past the 24-hour window the response is forgotten and the key is free again.
			later := now.Add(store.IdempotencyWindow + time.Minute)
			if _, found, err := st.IdempotentResponse(ctx, ten.ID, "k", later); err != nil || found {
				t.Fatalf("expired response still found: %v %v", found, err)
			}
			if !save("h3", later) {
				t.Fatal("an expired key could not be used again")
			}
			if n, err := st.PurgeIdempotencyKeys(ctx, later.Add(store.IdempotencyWindow+time.Minute), 10); err != nil || n != 1 {
				t.Fatalf("purge: %d %v", n, err)
			}
		})
	}
}
