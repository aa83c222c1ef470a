package api

import (
	"context"
	"database/sql"
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

// openTimedStore opens a store with the production timeouts on a fresh database, and an admin
// connection to the server that can take the database away.
func openTimedStore(t *testing.T, lockTimeout time.Duration) (*store.Store, string, *sql.DB) {
	t.Helper()
	dsn := testdb.PostgresURL(t)
	st, err := store.Open(context.Background(), store.Config{DatabaseURL: dsn, StatementTimeout: 3 * time.Second, LockTimeout: lockTimeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	admin, err := sql.Open("pgx", testdb.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	u, _ := url.Parse(dsn)
	return st, strings.TrimPrefix(u.Path, "/"), admin
}

// TestAbsentDatabaseAnswers503AndRecovers: with the database refusing connections every API
// call answers 503 service-unavailable with Retry-After (not a 500), readiness fails, and within
// a second of the database coming back requests succeed again.
func TestAbsentDatabaseAnswers503AndRecovers(t *testing.T) {
	t.Parallel()
	st, name, admin := openTimedStore(t, time.Second)
	e := newEnvOn(t, st)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates/"+cand, key, nil), http.StatusOK)

	if _, err := admin.Exec(`ALTER DATABASE "` + name + `" ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, "/v1/candidates/" + cand}, {http.MethodGet, "/v1/candidates"}, {http.MethodPost, "/v1/candidates"},
		{http.MethodGet, "/v1/api-keys"},
	} {
		var body any
		if c.method == http.MethodPost {
			body = map[string]any{"external_id": "during-outage"}
		}
		r := e.call(c.method, c.path, key, body)
		mustProblem(t, r, http.StatusServiceUnavailable, "service-unavailable")
		if r.Header.Get("Retry-After") == "" {
			t.Fatalf("%s %s: 503 without Retry-After", c.method, c.path)
		}
	}
	// An unknown key cannot be checked either: 503, not a 401 that would make a client drop a
	// valid key, nor a 500.
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates", "rbk_"+strings.Repeat("z", 43), nil), http.StatusServiceUnavailable, "service-unavailable")
	mustProblem(t, e.call(http.MethodGet, "/readyz", "", nil), http.StatusServiceUnavailable, "service-unavailable")

	if _, err := admin.Exec(`ALTER DATABASE "` + name + `" ALLOW_CONNECTIONS true`); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	for {
		r := e.call(http.MethodGet, "/v1/candidates/"+cand, key, nil)
		if r.Status == http.StatusOK {
			break
		}
		if time.Since(back) > time.Second {
			t.Fatalf("still %d a second after the database came back: %s", r.Status, r.Body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Nothing was written while the database was away.
	list := e.call(http.MethodGet, "/v1/candidates?external_id=during-outage", key, nil).object(t)
	if len(list["data"].([]any)) != 0 {
		t.Fatal("a request answered 503 left a candidate behind")
	}
}

// TestHeldLockDoesNotHangTheAPI: while another session holds an exclusive lock on candidates,
// requests that need the table give up after the lock timeout with a 503, and requests that do
// not need it stay fast — the pool is not drained by waiters.
func TestHeldLockDoesNotHangTheAPI(t *testing.T) {
	t.Parallel()
	st, _, _ := openTimedStore(t, 300*time.Millisecond)
	e := newEnvOn(t, st, func(c *Config, _ *app.Config) { c.RequestTimeout = 5 * time.Second })
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")

	ctx := context.Background()
	sqlDB, _ := st.GormDB().DB()
	locker, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	if _, err := locker.ExecContext(ctx, `BEGIN; LOCK TABLE candidates IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	defer locker.ExecContext(ctx, `ROLLBACK`)

	var wg sync.WaitGroup
	slowest := make(chan time.Duration, 30)
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			r := e.call(http.MethodGet, "/v1/candidates/"+cand, key, nil)
			if r.Status != http.StatusServiceUnavailable {
				t.Errorf("a request waiting on the lock answered %d: %s", r.Status, r.Body)
			}
			slowest <- time.Since(start)
		}()
	}
	// The waiters are in place once the database shows them waiting on the lock.
	for deadline := time.Now().Add(5 * time.Second); ; {
		var waiting int
		sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&waiting)
		if waiting >= 10 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	mustStatus(t, e.call(http.MethodGet, "/v1/api-keys", key, nil), http.StatusOK)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("GET /v1/api-keys took %v while candidates was locked", d)
	}
	wg.Wait()
	close(slowest)
	for d := range slowest {
		if d > 3*time.Second {
			t.Fatalf("a request waited %v on a held lock (lock timeout 300ms)", d)
		}
	}
}
