package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// seedRejection inserts a candidate and a rejection directly.
func seedRejection(t *testing.T, st *store.Store, tenant string) model.Rejection {
	t.Helper()
	ctx := context.Background()
	now := store.Now()
	c := model.Candidate{TenantID: tenant, ID: model.NewID(model.PrefixCandidate), ExternalID: "u", Timezone: "UTC", Locale: "en", Metadata: model.Metadata{}, CreatedAt: now, UpdatedAt: now}
	r := model.Rejection{TenantID: tenant, ID: model.NewID(model.PrefixRejection), CandidateID: c.ID, Company: "A", RoleTitle: "B", Stage: "interview",
		Channel: "email", ReasonCategory: "other", Status: "open", ReceivedAt: now, Contacts: []model.Contact{}, Metadata: model.Metadata{}, CreatedAt: now, UpdatedAt: now}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateCandidate(ctx, &c); err != nil {
			return err
		}
		_, err := tx.CreateRejection(ctx, &r)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPlanInputsKeepTheNewest: past the bound on what the plan rules read, the newest feedback
// is what counts, not the oldest.
func TestPlanInputsKeepTheNewest(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			ten, _ := st.CreateTenant(ctx, "t")
			r := seedRejection(t, st, ten.ID)
			total := store.MaxFeedbackPerRejection + 5
			err := st.InTx(ctx, func(tx *store.Tx) error {
				for i := 0; i < total; i++ {
					f := model.Feedback{TenantID: ten.ID, ID: model.NewID(model.PrefixFeedback), RejectionID: r.ID, CandidateID: r.CandidateID,
						Source: "coach", Summary: fmt.Sprintf("feedback %d", i), ReceivedAt: store.Now(), CreatedAt: store.Now()}
					if err := tx.CreateFeedback(ctx, &f); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.AllFeedback(ctx, ten.ID, r.ID)
			if err != nil || len(got) != store.MaxFeedbackPerRejection {
				t.Fatalf("%d read (%v)", len(got), err)
			}
			if got[len(got)-1].Summary != fmt.Sprintf("feedback %d", total-1) || got[0].Summary != "feedback 5" {
				t.Fatalf("read %q … %q; want the newest %d, oldest first", got[0].Summary, got[len(got)-1].Summary, store.MaxFeedbackPerRejection)
			}
		})
	}
}

// TestVanishedParentIsNotFound: a child written for a parent that no longer exists (deleted
// between a read and the write) is ErrNotFound, which the API answers 404, not a 500.
func TestVanishedParentIsNotFound(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			ten, _ := st.CreateTenant(ctx, "t")
			f := model.Feedback{TenantID: ten.ID, ID: model.NewID(model.PrefixFeedback), RejectionID: "rej_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b",
				CandidateID: "cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", Source: "coach", Summary: "x", ReceivedAt: time.Now(), CreatedAt: time.Now()}
			err := st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateFeedback(ctx, &f) })
			if !errors.Is(err, model.ErrNotFound) {
				t.Fatalf("feedback for a missing rejection: %v", err)
			}
		})
	}
}
