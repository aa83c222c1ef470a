package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestRowsSmoke runs the rows scenario briefly against a freshly built rebound binary: the
// seeding statements, the cursor walk and every measured call must succeed (no timing is
// asserted).
func TestRowsSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the rebound binary")
	}
	testdb.PostgresURL(t) // skips (or fails in CI) without a reachable PostgreSQL
	bin := filepath.Join(t.TempDir(), "rebound")
	build := exec.Command("go", "build", "-o", bin, "github.com/reboundhq/rebound/cmd/rebound")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build rebound: %v", err)
	}
	if err := run(context.Background(), []string{"-smoke", "-scenario", "rows", "-rebound", bin, "-database", testdb.URL()}, io.Discard); err != nil {
		t.Fatal(err)
	}
}
