package dispatch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
	"github.com/reboundhq/rebound/internal/webhook"
)

// scaleClock is a settable clock shared by the app, the dispatcher and the ids.
type scaleClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *scaleClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *scaleClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// newID makes a UUIDv7-shaped id from the clock's time, so the purges' id ranges follow the
// test's time, not the wall clock's.
func (c *scaleClock) newID(prefix string) string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return store.IDFloor(prefix, c.Now())[:len(prefix)+1+12] + hex.EncodeToString(b)
}

// pass is one measured piece of background work.
type pass struct {
	name string
	run  func(t *testing.T)
}

// TestBackgroundWorkIsFlatInTenants: the dispatcher's tick, the step scheduler's pass, every
// janitor pass, the import worker's poll, the metrics' gauges and a write's wake-up of the
// dispatcher cost the same number of statements with 10 tenants as with 10,000, the same three
// tenants having the same pending work (webhook deliveries to a local receiver, due steps,
// rejections past retention, expired events) each time. The counts are pgx's own
// (Store.Statements), so this is not a timing assertion; the wall times are logged for
// docs/performance.md ("Background work at 10,000 tenants").
func TestBackgroundWorkIsFlatInTenants(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.Postgres(t)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(rcv.Close)

	t0 := store.Now().Truncate(24 * time.Hour).Add(9 * time.Hour)
	clock := &scaleClock{now: t0}
	policy := webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true}
	d := &Dispatcher{Store: st, Client: webhook.NewClient(webhook.ClientOptions{AllowPrivate: true}), Owner: "scale", Policy: policy, Now: clock.Now}
	a := app.New(app.Config{Store: st, Clock: clock, NewID: clock.newID, Webhooks: policy, Notify: d.Notify})
	d.App = a
	d.init()

	// Three tenants with work, each with an endpoint and a 30-day retention; seven without.
	const active = 3
	var tenants []string
	thirty := 30
	retention := &thirty
	for i := 0; i < 10; i++ {
		ten, _, err := a.CreateTenant(ctx, fmt.Sprintf("t%d", i))
		if err != nil {
			t.Fatal(err)
		}
		tenants = append(tenants, ten.ID)
		if i >= active {
			continue
		}
		if _, err := a.CreateWebhookEndpoint(ctx, ten.ID, rcv.URL, []string{"*"}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := a.UpdateTenant(ctx, ten.ID, nil, app.TenantChange{RetentionDays: &retention}); err != nil {
			t.Fatal(err)
		}
	}

	tick := func(t *testing.T) {
		t.Helper()
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	pending := func(t *testing.T) int {
		t.Helper()
		eps, err := st.EndpointsWithDueDeliveries(ctx, clock.Now(), 100)
		if err != nil {
			t.Fatal(err)
		}
		return len(eps)
	}
	drain := func(t *testing.T) {
		t.Helper()
		for i := 0; pending(t) > 0; i++ {
			if i == 10 {
				t.Fatal("deliveries still pending after 10 ticks")
			}
			tick(t)
		}
		select {
		case <-d.wake:
		default:
		}
	}

	// round runs every pass once on the same work and returns each one's statements and time.
	round := func(t *testing.T, k int) (map[string]uint64, map[string]time.Duration, []string) {
		base := t0.Add(time.Duration(k) * 60 * 7 * 24 * time.Hour) // whole weeks apart: the same weekday
		clock.set(base)
		drain(t)                                // the setup's and the last round's deliveries
		later := base.Add(400 * 24 * time.Hour) // every step of the round's plans is due, its events are past retention
		counts, took := map[string]uint64{}, map[string]time.Duration{}
		var order []string
		measure := func(p pass) {
			start, began := st.Statements(), time.Now()
			p.run(t)
			took[p.name], counts[p.name] = time.Since(began), st.Statements()-start
			order = append(order, p.name)
		}
		// The work: in each active tenant a candidate, an open rejection (a live plan) and a
		// closed one (past retention by `later`), each write queueing deliveries.
		for i := 0; i < active; i++ {
			c, err := a.CreateCandidate(ctx, tenants[i], model.Candidate{ExternalID: fmt.Sprintf("r%d-%d", k, i)})
			if err != nil {
				t.Fatal(err)
			}
			for j, status := range []string{"open", "closed"} {
				// The closed one is the newer, so the candidate-wide advice always lands on the same
				// plan (ids made at the same instant would order at random).
				clock.set(base.Add(time.Duration(j) * time.Minute))
				r := model.Rejection{CandidateID: c.ID, Company: "Northwind", RoleTitle: "Engineer", Stage: "interview",
					ReasonCategory: "stronger_candidate", ReceivedAt: base.Add(-time.Hour), Status: status}
				if _, err := a.CreateRejection(ctx, tenants[i], r); err != nil {
					t.Fatal(err)
				}
			}
		}
		clock.set(base.Add(time.Hour))
		measure(pass{"dispatcher tick, 3 endpoints with pending deliveries", func(t *testing.T) {
			tick(t)
			if n := pending(t); n != 0 {
				t.Fatalf("%d endpoints still have due deliveries after the tick", n)
			}
		}})
		drain(t)
		measure(pass{"dispatcher tick, idle", tick})
		measure(pass{"a write (create a candidate) and the tick it wakes", func(t *testing.T) {
			if _, err := a.CreateCandidate(ctx, tenants[0], model.Candidate{ExternalID: fmt.Sprintf("w%d", k)}); err != nil {
				t.Fatal(err)
			}
			select {
			case <-d.wake:
			default:
				t.Fatal("the write did not wake the dispatcher")
			}
			tick(t)
			if n := pending(t); n != 0 {
				t.Fatalf("the woken tick left %d endpoints with due deliveries", n)
			}
		}})
		clock.set(later)
		measure(pass{"step scheduler (EmitDueSteps)", func(t *testing.T) {
			if n, err := a.EmitDueSteps(ctx, 500); err != nil || n == 0 {
				t.Fatalf("announced %d due steps (%v)", n, err)
			}
		}})
		measure(pass{"dispatcher tick after the scheduler", tick})
		drain(t)
		measure(pass{"janitor: PurgeExpired (idempotency keys, events)", func(t *testing.T) {
			if n, err := a.PurgeExpired(ctx, 200*24*time.Hour); err != nil || n == 0 {
				t.Fatalf("purged %d (%v)", n, err)
			}
		}})
		measure(pass{"janitor: SweepExpiredFeedbackRequests", func(t *testing.T) {
			if _, err := a.SweepExpiredFeedbackRequests(ctx, 500); err != nil {
				t.Fatal(err)
			}
		}})
		measure(pass{"janitor: PurgeRetained", func(t *testing.T) {
			if n, err := a.PurgeRetained(ctx); err != nil || n != active {
				t.Fatalf("retention purged %d (%v), want the %d closed rejections", n, err, active)
			}
		}})
		measure(pass{"janitor: PurgeStaleUploads", func(t *testing.T) {
			if _, err := a.PurgeStaleUploads(ctx, 100); err != nil {
				t.Fatal(err)
			}
		}})
		measure(pass{"janitor: PurgeConnectorReceipts", func(t *testing.T) {
			if _, err := a.PurgeConnectorReceipts(ctx); err != nil {
				t.Fatal(err)
			}
		}})
		measure(pass{"import worker poll (RunImports)", func(t *testing.T) {
			if _, err := a.RunImports(ctx, "scale"); err != nil {
				t.Fatal(err)
			}
		}})
		measure(pass{"gauges (StepDueLag, WebhookBacklogAge)", func(t *testing.T) {
			if _, err := a.StepDueLag(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := a.WebhookBacklogAge(ctx); err != nil {
				t.Fatal(err)
			}
		}})
		drain(t) // the retention purge's events
		return counts, took, order
	}

	small, smallTook, order := round(t, 0)

	// 9,990 more tenants, half of them with a retention, each with one recent event.
	seedAt := t0.Add(60*7*24*time.Hour + 400*24*time.Hour)
	eventPrefix := store.IDFloor(model.PrefixEvent, seedAt)[:len(model.PrefixEvent)+1+12]
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO tenants (id, name, created_at, retention_days)
			SELECT 'ten_bulk' || lpad(g::text, 5, '0'), 'bulk ' || g, ?, CASE WHEN g % 2 = 0 THEN 365 END
			FROM generate_series(1, 9990) g`, []any{t0}},
		{`INSERT INTO events (tenant_id, id, type, payload, created_at)
			SELECT id, ? || lpad(to_hex(row_number() OVER (ORDER BY id)), 20, '0'), 'candidate.created', '{}', ?
			FROM tenants WHERE id LIKE 'ten_bulk%'`, []any{eventPrefix, seedAt}},
		{`ANALYZE`, nil},
	} {
		if err := st.GormDB().Exec(q.sql, q.args...).Error; err != nil {
			t.Fatal(err)
		}
	}

	large, largeTook, _ := round(t, 1)

	var table strings.Builder
	fmt.Fprintf(&table, "\n| pass | statements, 10 tenants | statements, 10,000 tenants | time, 10 | time, 10,000 |\n|---|---|---|---|---|\n")
	for _, name := range order {
		fmt.Fprintf(&table, "| %s | %d | %d | %.1f ms | %.1f ms |\n", name, small[name], large[name],
			float64(smallTook[name].Microseconds())/1000, float64(largeTook[name].Microseconds())/1000)
		if small[name] != large[name] {
			t.Errorf("%s: %d statements with 10 tenants, %d with 10,000", name, small[name], large[name])
		}
	}
	t.Log(table.String())
}
