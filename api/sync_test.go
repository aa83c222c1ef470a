package api

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// manualClock is a clock the test moves: rows written while it stands still share one
// updated_at, the ties an incremental sync must order.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newSyncEnv(t *testing.T, st *store.Store) (*env, *manualClock) {
	clock := &manualClock{now: time.Now().UTC().Truncate(time.Microsecond)}
	e := newEnvOn(t, st, func(_ *Config, a *app.Config) { a.Clock = clock })
	return e, clock
}

// syncPage is one page of an incremental sync, as ids with their updated_at.
type syncPage struct {
	rows    []string // "id@updated_at"
	ids     []string
	hasMore bool
	cursor  string
}

func (e *env) syncPage(t *testing.T, path, key string, q url.Values) syncPage {
	t.Helper()
	r := e.call(http.MethodGet, path+"?"+q.Encode(), key, nil)
	mustStatus(t, r, http.StatusOK)
	body := r.object(t)
	var p syncPage
	for _, row := range body["data"].([]any) {
		m := row.(map[string]any)
		p.ids = append(p.ids, m["id"].(string))
		p.rows = append(p.rows, m["id"].(string)+"@"+m["updated_at"].(string))
	}
	p.hasMore = body["has_more"].(bool)
	if c, ok := body["next_cursor"].(string); ok {
		p.cursor = c
	}
	if len(p.ids) > 0 && p.cursor == "" {
		t.Fatalf("a sync page with rows has no cursor: %s", r.Body)
	}
	return p
}

// walk pages through a sync from a checkpoint (or the start) to its end and returns the rows
// seen and the checkpoint to resume from.
func (e *env) walk(t *testing.T, path, key string, filters url.Values, checkpoint string) ([]string, string) {
	t.Helper()
	var seen []string
	for {
		q := url.Values{"limit": {"2"}}
		for k, v := range filters {
			q[k] = v
		}
		if checkpoint != "" {
			q.Set("cursor", checkpoint)
		}
		p := e.syncPage(t, path, key, q)
		seen = append(seen, p.rows...)
		if p.cursor != "" {
			checkpoint = p.cursor
		}
		if !p.hasMore {
			return seen, checkpoint
		}
	}
}

// TestSyncOrdersTiesAndResumesFromItsCheckpoint: rows written at the same instant come in id
// order across pages, each once; resuming from the last page's cursor later returns only what
// changed since, on PostgreSQL and SQLite alike.
func TestSyncOrdersTiesAndResumesFromItsCheckpoint(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) *store.Store{"postgres": testdb.Postgres, "sqlite": testdb.SQLite} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, clock := newSyncEnv(t, open(t))
			_, key := e.tenant("acme")
			start := clock.Now().Add(-time.Second).Format(time.RFC3339Nano)
			var made []string
			for i := range 5 {
				made = append(made, e.candidate(key, "tie-"+string(rune('a'+i))))
			}
			clock.advance(time.Minute) // past the settle window
			filters := url.Values{"updated_after": {start}}
			seen, checkpoint := e.walk(t, "/v1/candidates", key, filters, "")
			if len(seen) != 5 {
				t.Fatalf("walked %v, want the 5 candidates once each", seen)
			}
			for i, row := range seen {
				if !strings.HasPrefix(row, made[i]+"@") {
					t.Fatalf("ties out of id order: %v, made %v", seen, made)
				}
			}
			again, _ := e.walk(t, "/v1/candidates", key, filters, checkpoint)
			if len(again) != 0 {
				t.Fatalf("resuming from the checkpoint repeats %v", again)
			}
			r := e.call(http.MethodPatch, "/v1/candidates/"+made[2], key, map[string]any{"display_name": "Changed"})
			mustStatus(t, r, http.StatusOK)
			clock.advance(time.Minute)
			again, _ = e.walk(t, "/v1/candidates", key, filters, checkpoint)
			if len(again) != 1 || !strings.HasPrefix(again[0], made[2]+"@") {
				t.Fatalf("after one change the sync returns %v", again)
			}
		})
	}
}

// TestSyncSeesRowsChangedDuringTheWalk: a row changed while a client pages through is
// returned again later in the same walk with its new version, a row not reached yet is
// returned once, and nothing is lost.
func TestSyncSeesRowsChangedDuringTheWalk(t *testing.T) {
	t.Parallel()
	e, clock := newSyncEnv(t, testdb.Postgres(t))
	_, key := e.tenant("acme")
	cand := e.candidate(key, "walker")
	clock.advance(time.Second)
	from := clock.Now().Add(-time.Millisecond).Format(time.RFC3339Nano)
	var rejs []string
	for range 6 {
		rejs = append(rejs, e.rejection(key, cand, nil)["id"].(string))
	}
	clock.advance(time.Minute)
	q := url.Values{"updated_after": {from}, "limit": {"2"}}
	first := e.syncPage(t, "/v1/rejections", key, q)
	if len(first.ids) != 2 || first.ids[0] != rejs[0] || !first.hasMore {
		t.Fatalf("first page %v", first.rows)
	}
	// While the client works on page one, the first row and a row it has not reached change.
	for _, id := range []string{rejs[0], rejs[4]} {
		mustStatus(t, e.call(http.MethodPatch, "/v1/rejections/"+id, key, map[string]any{"notes": "changed"}), http.StatusOK)
	}
	clock.advance(time.Minute)
	rest, _ := e.walk(t, "/v1/rejections", key, url.Values{"updated_after": {from}}, first.cursor)
	var order []string
	for _, row := range append(first.rows, rest...) {
		order = append(order, row[:strings.Index(row, "@")])
	}
	want := []string{rejs[0], rejs[1], rejs[2], rejs[3], rejs[5], rejs[0], rejs[4]}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Fatalf("walk order %v, want %v", order, want)
	}
}

// TestSyncLeavesRecentChangesForLater: a change younger than the settle window is not returned
// yet (a transaction that began earlier may still commit behind it); once the window has
// passed, the walk resumed from its checkpoint returns it.
func TestSyncLeavesRecentChangesForLater(t *testing.T) {
	t.Parallel()
	e, clock := newSyncEnv(t, testdb.Postgres(t))
	_, key := e.tenant("acme")
	from := clock.Now().Add(-time.Second).Format(time.RFC3339Nano)
	filters := url.Values{"updated_after": {from}}
	old := e.candidate(key, "old")
	clock.advance(time.Minute)
	fresh := e.candidate(key, "fresh")
	clock.advance(2 * time.Second) // within the 10 s window
	seen, checkpoint := e.walk(t, "/v1/candidates", key, filters, "")
	if len(seen) != 1 || !strings.HasPrefix(seen[0], old+"@") {
		t.Fatalf("walk saw %v, want only the settled candidate", seen)
	}
	clock.advance(time.Minute)
	seen, _ = e.walk(t, "/v1/candidates", key, filters, checkpoint)
	if len(seen) != 1 || !strings.HasPrefix(seen[0], fresh+"@") {
		t.Fatalf("resumed walk saw %v, want the fresh candidate", seen)
	}
}

// TestSyncOnEveryListOfChangingResources: every list the document gives updated_after walks
// by change, and its cursor is bound to the window it was issued for.
func TestSyncOnEveryListOfChangingResources(t *testing.T) {
	t.Parallel()
	e, clock := newSyncEnv(t, testdb.Postgres(t))
	_, key := e.tenant("acme")
	cand := e.candidate(key, "lists")
	e.candidate(key, "lists-2")
	rej := e.rejection(key, cand, map[string]any{"external_ref": "app_42"})["id"].(string)
	e.rejection(key, cand, nil)
	e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya"}})
	e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Sam"}})
	e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3}})
	e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 4}})
	e.create("/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/a", "enabled_events": []string{"*"}})
	e.create("/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/b", "enabled_events": []string{"*"}})
	clock.advance(time.Minute)
	concrete := strings.NewReplacer("{id}", rej)
	doc, _ := contract(t)
	lists := 0
	epoch := url.Values{"updated_after": {"2000-01-01T00:00:00Z"}}
	for path, item := range doc.Paths.Map() {
		op := item.Get
		if op == nil || op.Parameters.GetByInAndName("query", "updated_after") == nil {
			continue
		}
		lists++
		target := concrete.Replace(path)
		seen, checkpoint := e.walk(t, target, key, epoch, "")
		if len(seen) < 2 {
			t.Errorf("%s: the sync walked %v", path, seen)
		}
		moved := url.Values{"updated_after": {"2001-01-01T00:00:00Z"}, "cursor": {checkpoint}}
		mustProblem(t, e.call(http.MethodGet, target+"?"+moved.Encode(), key, nil), http.StatusBadRequest, "invalid-cursor")
		plain := url.Values{"cursor": {checkpoint}}
		mustProblem(t, e.call(http.MethodGet, target+"?"+plain.Encode(), key, nil), http.StatusBadRequest, "invalid-cursor")
	}
	if lists != 6 {
		t.Fatalf("%d lists take updated_after; want candidates, rejections, plans, webhook endpoints, feedback requests, reflections", lists)
	}
	byRef := e.call(http.MethodGet, "/v1/rejections?external_ref=app_42", key, nil).object(t)["data"].([]any)
	if len(byRef) != 1 || byRef[0].(map[string]any)["id"] != rej {
		t.Fatalf("external_ref filter: %v", byRef)
	}
}
