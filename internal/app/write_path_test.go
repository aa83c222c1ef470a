package app

import (
	"errors"
	"testing"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// statementsOf counts the statements fn sends to PostgreSQL.
func statementsOf(f *fixture, fn func()) uint64 {
	before := f.store.Statements()
	fn()
	return f.store.Statements() - before
}

// TestRecordingARejectionCostsTenStatements holds the write path to its budget
// (docs/performance.md): a candidate's first rejection, with its plan, steps, revision and two
// events, is one transaction of nine statements (BEGIN and COMMIT included) and one read after
// it (the candidate's open plans, for the sibling refresh, which finds only the new plan).
// Authentication is cached, so the API adds no statement to these.
func TestRecordingARejectionCostsTenStatements(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testdb.Postgres)
	cand := f.candidate("budget")
	if _, err := f.app.CreateWebhookEndpoint(f.ctx, f.tenant, "https://hooks.example.com/rebound", []string{"*"}, ""); err != nil {
		t.Fatal(err)
	}
	// Behind PgBouncer in transaction pooling every transaction first sets its own timeouts.
	perTx := uint64(0)
	if f.store.PoolMode() == store.PoolTransaction {
		perTx = 1
	}
	first := statementsOf(f, func() { f.rejection(cand.ID, nil) })
	if first > 10+perTx {
		t.Fatalf("a candidate's first rejection cost %d statements, want at most %d", first, 10+perTx)
	}
	second := statementsOf(f, func() { f.rejection(cand.ID, nil) })
	t.Logf("first rejection: %d statements; second (one sibling plan refreshed): %d", first, second)
	// The second also regenerates the first rejection's plan in a transaction of its own (the
	// sibling refresh: reads under locks, one UPDATE per set of changed columns): 32 today.
	if second > 34+2*perTx {
		t.Fatalf("a second rejection cost %d statements, want at most %d (its own and one sibling's regeneration)", second, 34+2*perTx)
	}
	if got := len(f.events(model.EventRejectionCreated)); got != 2 {
		t.Fatalf("%d rejection.created events, want 2", got)
	}
}

// TestATransactionReadsTheEventsItRecorded: events and deliveries are buffered until the commit
// (store.Tx.RecordEvent), yet the transaction that recorded them reads them, and a rollback
// leaves neither behind.
func TestATransactionReadsTheEventsItRecorded(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ep, err := f.app.CreateWebhookEndpoint(f.ctx, f.tenant, "https://hooks.example.com/rebound", []string{"*"}, "")
		if err != nil {
			t.Fatal(err)
		}
		record := func(rollback bool) string {
			ev := model.Event{TenantID: f.tenant, ID: model.NewID(model.PrefixEvent), Type: model.EventCandidateCreated, Payload: []byte(`{"object":"event"}`), CreatedAt: f.clock.Now()}
			errRollback := errors.New("roll back")
			err := f.store.InTx(f.ctx, func(tx *store.Tx) error {
				n, err := tx.RecordEvent(f.ctx, &ev)
				if err != nil || n != 1 {
					t.Fatalf("recorded with %d deliveries (%v), want 1", n, err)
				}
				if _, err := tx.Event(f.ctx, f.tenant, ev.ID); err != nil {
					t.Fatalf("the transaction cannot read its own event: %v", err)
				}
				deliveries, _, err := tx.WebhookDeliveries(f.ctx, f.tenant, ep.Endpoint.ID, model.Page{Limit: 10})
				if err != nil || len(deliveries) != 1 || deliveries[0].EventID != ev.ID {
					t.Fatalf("the transaction sees deliveries %v (%v), want the one for its event", deliveries, err)
				}
				if rollback {
					return errRollback
				}
				return nil
			})
			if rollback != errors.Is(err, errRollback) {
				t.Fatalf("transaction ended with %v", err)
			}
			return ev.ID
		}
		gone := record(true)
		if _, err := f.store.Event(f.ctx, f.tenant, gone); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("a rolled-back event is readable: %v", err)
		}
		kept := record(false)
		if _, err := f.store.Event(f.ctx, f.tenant, kept); err != nil {
			t.Fatalf("a committed event is not: %v", err)
		}
		deliveries, _, err := f.store.WebhookDeliveries(f.ctx, f.tenant, ep.Endpoint.ID, model.Page{Limit: 10})
		if err != nil || len(deliveries) != 1 {
			t.Fatalf("%d deliveries after one commit and one rollback (%v), want 1", len(deliveries), err)
		}
	})
}

// TestDueStepsOfATenantAreAnnouncedTogether: however many of a tenant's steps fall due, the
// scheduler claims and announces them in one transaction of a fixed number of statements, each
// once.
func TestDueStepsOfATenantAreAnnouncedTogether(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		due := func(candidates int) (announced int, statements uint64) {
			for i := 0; i < candidates; i++ {
				f.rejection(f.candidate(model.NewID("u")).ID, func(r *model.Rejection) { r.ReceivedAt = f.clock.Now() })
			}
			statements = statementsOf(f, func() {
				var err error
				if announced, err = f.app.EmitDueSteps(f.ctx, 500); err != nil {
					t.Fatal(err)
				}
			})
			return announced, statements
		}
		one, oneStatements := due(1)
		many, manyStatements := due(4)
		if one == 0 || many != 4*one {
			t.Fatalf("announced %d steps for one new plan and %d for four, want some and four times as many", one, many)
		}
		if f.store.Dialect() == store.DialectPostgres && manyStatements != oneStatements {
			t.Fatalf("announcing %d steps cost %d statements, %d steps %d: the cost grows with the steps", one, oneStatements, many, manyStatements)
		}
		if again, _ := due(0); again != 0 {
			t.Fatalf("%d steps announced twice", again)
		}
		if got := len(f.events(model.EventRecoveryPlanStepDue)); got != one+many {
			t.Fatalf("%d step_due events, want %d", got, one+many)
		}
	})
}
