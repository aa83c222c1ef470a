package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestMigrationsBehindATransactionPooler: a process whose DATABASE_URL is a transaction pooler
// never migrates through it. Without REBOUND_MIGRATE_DATABASE_URL it refuses to start on a
// schema that is behind, and `rebound migrate` refuses outright; with it, it migrates through
// that direct connection and then works through the pooler.
func TestMigrationsBehindATransactionPooler(t *testing.T) {
	t.Parallel()
	direct := testdb.EmptyPostgresURL(t)
	pooled := map[string]string{"DATABASE_URL": testdb.ThroughPgBouncer(t, direct), "REBOUND_DB_POOL_MODE": "transaction"}

	if _, _, err := runCLI(t, pooled, "migrate"); !errors.Is(err, errMigrateThroughPooler) {
		t.Fatalf("migrate through the pooler: %v, want errMigrateThroughPooler", err)
	}
	if _, _, err := runCLI(t, pooled, "tenant", "create", "--name", "early"); !errors.Is(err, errSchemaBehind) {
		t.Fatalf("tenant create on an empty database through the pooler: %v, want errSchemaBehind", err)
	}

	withMigrateURL := map[string]string{"REBOUND_MIGRATE_DATABASE_URL": direct}
	for k, v := range pooled {
		withMigrateURL[k] = v
	}
	out, _, err := runCLI(t, withMigrateURL, "migrate")
	if err != nil || !strings.Contains(out, "migrations applied") {
		t.Fatalf("migrate through REBOUND_MIGRATE_DATABASE_URL: %v %s", err, out)
	}
	if out, _, err := runCLI(t, pooled, "tenant", "create", "--name", "migrated"); err != nil || !strings.HasPrefix(lastLine(out), "rbk_") {
		t.Fatalf("tenant create through the pooler once migrated: %v %s", err, out)
	}
	if _, _, err := runCLI(t, map[string]string{"REBOUND_MIGRATE_DATABASE_URL": direct, "REBOUND_DATA_DIR": t.TempDir()}, "migrate"); err == nil {
		t.Fatal("REBOUND_MIGRATE_DATABASE_URL without DATABASE_URL was accepted")
	}
}
