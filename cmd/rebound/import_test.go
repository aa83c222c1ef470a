package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/testdb"
)

// testImportCommand loads a small history with `rebound import FILE --tenant ID`: it imports in
// process and prints the counts and the line errors; a second run creates nothing; bad command
// lines and bad files fail.
func testImportCommand(t *testing.T, env map[string]string) {
	out, _, err := runCLI(t, env, "tenant", "create", "--name", "Acme Jobs")
	if err != nil {
		t.Fatal(err)
	}
	tenant := regexp.MustCompile(`ten_[0-9a-f]{32}`).FindString(out)
	dir := t.TempDir()
	file := filepath.Join(dir, "history.ndjson")
	lines := `{"candidate": {"external_id": "u-1", "display_name": "Dana"}, "rejections": [{"company": "Northwind", "role_title": "Engineer", "stage": "interview", "received_at": "2024-03-02", "external_ref": "a-1"}]}
{"candidate_external_id": "u-1", "company": "Globex", "role_title": "Engineer", "stage": "nowhere", "received_at": "2024-04-02", "external_ref": "a-2"}
`
	if err := os.WriteFile(file, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, env, "import", file, "--tenant", tenant)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, want := range []string{"completed", "2 lines read, 1 failed", "candidates 1 created", "rejections 1 created", "line 2 /stage"} {
		if !strings.Contains(out, want) {
			t.Fatalf("import output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, env, "import", "--tenant", tenant, file)
	if err != nil || !strings.Contains(out, "rejections 0 created, 1 skipped") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, env, "import", file, "--tenant", tenant, "--queue-only")
	if err != nil || !strings.Contains(out, "queued") || strings.Contains(out, "completed") {
		t.Fatalf("--queue-only: %v\n%s", err, out)
	}
	empty := filepath.Join(dir, "empty.ndjson")
	os.WriteFile(empty, nil, 0o600)
	for _, bad := range [][]string{{"import"}, {"import", file}, {"import", file, "--tenant", "nope"}, {"import", filepath.Join(dir, "missing.ndjson"), "--tenant", tenant},
		{"import", empty, "--tenant", tenant}, {"import", file, "--tenant", "ten_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"}} {
		if _, _, err := runCLI(t, env, bad...); err == nil {
			t.Fatalf("%v succeeded", bad)
		}
	}
}

func TestImportCommandSQLite(t *testing.T) {
	t.Parallel()
	testImportCommand(t, map[string]string{"REBOUND_DATA_DIR": t.TempDir()})
}

func TestImportCommandPostgres(t *testing.T) {
	t.Parallel()
	testImportCommand(t, map[string]string{"DATABASE_URL": testdb.PostgresURL(t)})
}
