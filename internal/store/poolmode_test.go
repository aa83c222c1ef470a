package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// openPooled opens a store on the database through the test PgBouncer in transaction pool mode
// (the test is skipped without REBOUND_TEST_PGBOUNCER).
func openPooled(t *testing.T, dsn string, statementTimeout, lockTimeout time.Duration) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DatabaseURL: testdb.ThroughPgBouncer(t, dsn), PoolMode: store.PoolTransaction,
		MaxOpenConns: 4, StatementTimeout: statementTimeout, LockTimeout: lockTimeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestTransactionPoolModeTimeoutsArePerTransaction: behind a transaction pooler, where no
// session setting can be sent, each transaction still carries the configured lock timeout and
// statement timeout (a lock wait ends in ErrLockTimeout, or is cancelled as unavailable), and
// neither leaks to the server connections the pooler hands to other clients afterwards.
func TestTransactionPoolModeTimeoutsArePerTransaction(t *testing.T) {
	t.Parallel()
	dsn := testdb.PostgresURL(t)
	ctx := context.Background()
	for _, c := range []struct {
		name                          string
		statementTimeout, lockTimeout time.Duration
		want                          error
	}{
		{"lock timeout", 5 * time.Second, 300 * time.Millisecond, store.ErrLockTimeout},
		{"statement timeout", 300 * time.Millisecond, 0, store.ErrUnavailable},
	} {
		st := openPooled(t, dsn, c.statementTimeout, c.lockTimeout)
		ten, err := st.CreateTenant(ctx, "locked")
		if err != nil {
			t.Fatal(err)
		}
		// The holder's own transaction is opened past InTx, so it carries no timeout itself.
		holder := st.GormDB().WithContext(ctx).Begin()
		if err := holder.Exec("SELECT 1 FROM tenants WHERE id = ? FOR UPDATE", ten.ID).Error; err != nil {
			t.Fatal(err)
		}
		// Without the timeouts the wait would last until this deadline.
		waitCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		start := time.Now()
		err = st.InTx(waitCtx, func(tx *store.Tx) error { return tx.UpdateTenantSettings(waitCtx, ten) })
		waited := time.Since(start)
		cancel()
		holder.Rollback()
		if !errors.Is(err, c.want) {
			t.Fatalf("%s: waiting for a locked row gave %v, want %v", c.name, err, c.want)
		}
		if waited > 3*time.Second {
			t.Fatalf("%s: the lock wait lasted %v; the 300ms bound did not apply", c.name, waited)
		}
		// The timeouts take no snapshot: a transaction may still choose its isolation level.
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.Snapshot(ctx) }); err != nil {
			t.Fatalf("%s: a snapshot transaction: %v", c.name, err)
		}
		for i := 0; i < 8; i++ {
			var lock, stmt string
			if err := st.GormDB().WithContext(ctx).Raw("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')").Row().Scan(&lock, &stmt); err != nil {
				t.Fatal(err)
			}
			if lock != "0" || stmt != "0" {
				t.Fatalf("%s: a statement outside any transaction sees lock_timeout %s and statement_timeout %s: a transaction's setting leaked", c.name, lock, stmt)
			}
		}
	}
}

// TestTransactionPoolModeMigrations: migrating needs a session (goose's advisory lock), so a
// store behind a transaction pooler refuses to, but it can tell whether the schema is behind.
func TestTransactionPoolModeMigrations(t *testing.T) {
	t.Parallel()
	dsn := testdb.PostgresURL(t)
	ctx := context.Background()
	st := openPooled(t, dsn, time.Second, time.Second)
	if err := st.Migrate(ctx); err == nil {
		t.Fatal("Migrate ran through a transaction pooler")
	}
	if pending, err := st.MigrationsPending(ctx); err != nil || pending {
		t.Fatalf("freshly migrated database: pending %v, %v", pending, err)
	}
	if err := st.GormDB().Exec("DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)").Error; err != nil {
		t.Fatal(err)
	}
	if pending, err := st.MigrationsPending(ctx); err != nil || !pending {
		t.Fatalf("database without its last migration: pending %v, %v", pending, err)
	}
}
