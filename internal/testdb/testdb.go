// Package testdb gives tests real databases: a fresh PostgreSQL database per test, cloned from a
// migrated template (fast, and safe under t.Parallel), or a fresh SQLite file.
//
// REBOUND_TEST_PGBOUNCER names a PgBouncer in transaction pooling mode in front of the test
// server (make test starts one with scripts/pgbouncer.sh); tests that need one get its URL from
// ThroughPgBouncer and skip without it. With REBOUND_TEST_POOL_MODE=transaction as well, every
// store Postgres hands out connects through it with store.PoolTransaction, the way production
// runs behind a pooler: the suites run again that way. Databases are still created and migrated
// directly, which is what production does too (rebound migrate on a direct connection).
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver for the admin connection

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// DefaultURL is the local PostgreSQL of the development machine and CI.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL is the PostgreSQL server tests use: REBOUND_TEST_DATABASE_URL, else DefaultURL.
func URL() string {
	if u := os.Getenv("REBOUND_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Postgres returns a store on a new, migrated, empty PostgreSQL database that is dropped when
// the test ends; through PgBouncer when REBOUND_TEST_POOL_MODE is transaction. Without a reachable
// server it fails the test when REBOUND_TEST_DATABASE_URL is set (CI) and skips it otherwise.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return PostgresWith(t, nil)
}

// PostgresWith is Postgres with the store's configuration adjusted by configure (tracing, say).
func PostgresWith(t testing.TB, configure func(*store.Config)) *store.Store {
	t.Helper()
	cfg := store.Config{DatabaseURL: PostgresURL(t), MaxOpenConns: 10}
	switch mode := os.Getenv("REBOUND_TEST_POOL_MODE"); mode {
	case "", store.PoolSession:
	case store.PoolTransaction:
		cfg.DatabaseURL, cfg.PoolMode = ThroughPgBouncer(t, cfg.DatabaseURL), store.PoolTransaction
		cfg.StatementTimeout, cfg.LockTimeout = 5*time.Second, 2*time.Second
	default:
		t.Fatalf("REBOUND_TEST_POOL_MODE must be session or transaction, not %q", mode)
	}
	if configure != nil {
		configure(&cfg)
	}
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// PostgresURL creates a new migrated database like Postgres and returns its URL, for tests that
// start the binary themselves.
func PostgresURL(t testing.TB) string {
	t.Helper()
	return newDatabase(t, true)
}

// EmptyPostgresURL creates a new database without any schema, dropped when the test ends, for
// tests of migrating.
func EmptyPostgresURL(t testing.TB) string {
	t.Helper()
	return newDatabase(t, false)
}

func newDatabase(t testing.TB, migrated bool) string {
	t.Helper()
	admin, err := sql.Open("pgx", URL())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("REBOUND_TEST_DATABASE_URL") != "" {
			t.Fatalf("PostgreSQL at REBOUND_TEST_DATABASE_URL is not reachable: %v", err)
		}
		t.Skipf("PostgreSQL not reachable at %s (set REBOUND_TEST_DATABASE_URL): %v", URL(), err)
	}
	defer admin.Close()
	name := "rebound_t_" + hex.EncodeToString(model.RandomToken(8))
	if migrated {
		templateOnce.Do(func() { templateName, templateErr = ensureTemplate(admin) })
		if templateErr != nil {
			t.Fatalf("prepare template database: %v", templateErr)
		}
		err = createFromTemplate(admin, name, templateName)
	} else {
		_, err = admin.Exec(`CREATE DATABASE "` + name + `"`)
	}
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", URL())
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
	})
	return withDatabase(URL(), name)
}

// PgBouncer is the host:port of the transaction-pooling PgBouncer in front of the test server
// (REBOUND_TEST_PGBOUNCER), or "" when the tests run without one.
func PgBouncer() string { return os.Getenv("REBOUND_TEST_PGBOUNCER") }

// ThroughPgBouncer returns the URL of the same database as dsn, reached through PgBouncer. It
// skips the test when REBOUND_TEST_PGBOUNCER is not set (fails it when REBOUND_TEST_POOL_MODE
// asks for PgBouncer), and fails it when PgBouncer does not answer.
func ThroughPgBouncer(t testing.TB, dsn string) string {
	t.Helper()
	addr := PgBouncer()
	if addr == "" && os.Getenv("REBOUND_TEST_POOL_MODE") == store.PoolTransaction {
		t.Fatal("REBOUND_TEST_POOL_MODE=transaction needs REBOUND_TEST_PGBOUNCER, the PgBouncer to go through")
	}
	if addr == "" {
		t.Skip("needs a PgBouncer in transaction pooling mode: set REBOUND_TEST_PGBOUNCER=127.0.0.1:6432 (make test starts one with scripts/pgbouncer.sh)")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = addr
	pooled := u.String()
	db, err := sql.Open("pgx", pooled)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
		db.Close()
	}
	if err != nil {
		t.Fatalf("PgBouncer at REBOUND_TEST_PGBOUNCER=%s does not answer: %v", addr, err)
	}
	return pooled
}

// createFromTemplate clones the template. PostgreSQL refuses a clone while another session is
// connected to the template (a parallel clone can be, briefly), so it retries.
func createFromTemplate(admin *sql.DB, name, template string) error {
	var err error
	for i := 0; i < 50; i++ {
		_, err = admin.Exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + template + `"`)
		if err == nil || !strings.Contains(err.Error(), "being accessed by other users") {
			return err
		}
		time.Sleep(time.Duration(20+i*10) * time.Millisecond)
	}
	return err
}

// ensureTemplate creates, once per migration set, a migrated template database. Test binaries
// of several packages run at once, so an advisory lock makes exactly one of them build it.
func ensureTemplate(admin *sql.DB) (string, error) {
	name := "rebound_tpl_" + migrationsHash()
	ctx := context.Background()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(727274)`)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_build"
	if _, err := conn.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+building+`" WITH (FORCE)`); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE "`+building+`"`); err != nil {
		return "", err
	}
	st, err := store.Open(ctx, store.Config{DatabaseURL: withDatabase(URL(), building)})
	if err != nil {
		return "", err
	}
	err = st.Migrate(ctx)
	st.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE "`+building+`" RENAME TO "`+name+`"`); err != nil {
		return "", err
	}
	return name, nil
}

// migrationsHash names the template after the migrations it holds, so a changed migration gets
// a new template instead of a stale one.
func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(store.MigrationFiles(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(store.MigrationFiles(), path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%s\x00", path, b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return u.String()
}

// SQLite returns a store on a fresh, migrated SQLite file in the test's temporary directory.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate sqlite: %v", err)
	}
	return st
}
