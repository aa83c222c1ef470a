package app

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// fakeClock is a clock the test moves by hand, so use cases that depend on time are tested
// without sleeping or rewriting timestamps in the database.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t.UTC().Truncate(time.Microsecond)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// databases are the two stores every use-case test runs on.
var databases = map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite}

// fixture is an application on a fresh database with one tenant and a clock at a fixed day.
type fixture struct {
	t      *testing.T
	app    *App
	store  *store.Store
	clock  *fakeClock
	tenant string
	ctx    context.Context
}

func newFixture(t *testing.T, open func(testing.TB) *store.Store) *fixture {
	t.Helper()
	st := open(t)
	clock := newFakeClock(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	a := New(Config{Store: st, Clock: clock, PublicURL: "http://rebound.test"})
	ten, _, err := a.CreateTenant(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, app: a, store: st, clock: clock, tenant: ten.ID, ctx: context.Background()}
}

// each runs a use-case test on PostgreSQL and on SQLite.
func each(t *testing.T, test func(t *testing.T, f *fixture)) {
	t.Helper()
	for name, open := range databases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			test(t, newFixture(t, open))
		})
	}
}

func (f *fixture) candidate(externalID string) model.Candidate {
	f.t.Helper()
	c, err := f.app.CreateCandidate(f.ctx, f.tenant, model.Candidate{ExternalID: externalID, DisplayName: "Dana " + externalID, Timezone: "Europe/London"})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// rejection records a rejection received an hour before the clock, overridden by change.
func (f *fixture) rejection(candidateID string, change func(*model.Rejection)) model.Rejection {
	f.t.Helper()
	email := "priya@northwind.example"
	r := model.Rejection{CandidateID: candidateID, Company: "Northwind Analytics", RoleTitle: "Backend Engineer", Stage: "interview",
		ReasonCategory: "stronger_candidate", ReceivedAt: f.clock.Now().Add(-time.Hour),
		Contacts: []model.Contact{{Name: "Priya Raman", Role: "hiring_manager", Email: &email}}}
	if change != nil {
		change(&r)
	}
	out, err := f.app.CreateRejection(f.ctx, f.tenant, r)
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) plan(rejectionID string) (model.RecoveryPlan, []model.PlanStep) {
	f.t.Helper()
	p, steps, err := f.app.PlanForRejection(f.ctx, f.tenant, rejectionID)
	if err != nil {
		f.t.Fatal(err)
	}
	return p, steps
}

func (f *fixture) events(eventType string) []model.Event {
	f.t.Helper()
	evs, _, err := f.app.Events(f.ctx, f.tenant, model.EventFilter{Type: eventType}, model.Page{Limit: 1000, Oldest: true})
	if err != nil {
		f.t.Fatal(err)
	}
	return evs
}

// setRetention sets the tenant's retention (nil: off).
func (f *fixture) setRetention(days *int) error {
	t, err := f.store.Tenant(f.ctx, f.tenant)
	if err != nil {
		return err
	}
	t.RetentionDays = days
	return f.store.InTx(f.ctx, func(tx *store.Tx) error { return tx.UpdateTenantSettings(f.ctx, t) })
}
