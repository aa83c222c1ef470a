package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the repository root as seen from this package's directory, where go test runs.
const repoRoot = "../.."

func repoPath(parts ...string) string {
	return filepath.Join(append([]string{repoRoot}, parts...)...)
}

func readRepoFile(t *testing.T, parts ...string) string {
	t.Helper()
	b, err := os.ReadFile(repoPath(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// envNameRE matches the names of the binary's environment variables.
var envNameRE = regexp.MustCompile(`^(DATABASE_URL|REBOUND_[A-Z0-9_]+)$`)

// goRuntimeEnv are variables read by the Go runtime rather than by Rebound's code; a manifest may
// set them too. Each is explained where it is set and in docs/operations.md.
var goRuntimeEnv = map[string]bool{
	"GOMEMLIMIT": true,
}

// configEnvNames returns every environment variable cmd/rebound/config.go reads: each string
// literal in it that is such a name, whether it is passed to getenv directly or through a table.
func configEnvNames(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), repoPath("cmd", "rebound", "config.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && envNameRE.MatchString(s) {
				names[s] = true
			}
		}
		return true
	})
	if !names["DATABASE_URL"] || !names["REBOUND_WORKERS"] {
		t.Fatalf("cmd/rebound/config.go: found only %v; has the way it reads its environment changed?", names)
	}
	return names
}

// readmeEnvNames returns the variables in the first column of README.md's Configuration table.
func readmeEnvNames(t *testing.T) map[string]bool {
	t.Helper()
	section := markdownSection(readRepoFile(t, "README.md"), "## Configuration")
	row := regexp.MustCompile("(?m)^\\| `([A-Z0-9_]+)` \\|")
	names := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		names[m[1]] = true
	}
	if !names["DATABASE_URL"] {
		t.Fatalf("README.md: no Configuration table with DATABASE_URL found")
	}
	return names
}

// knownEnvNames is every variable a deployment may set: the ones config.go reads, the ones the
// README documents, and the Go runtime's.
func knownEnvNames(t *testing.T) map[string]bool {
	t.Helper()
	known := map[string]bool{}
	for _, set := range []map[string]bool{configEnvNames(t), readmeEnvNames(t), goRuntimeEnv} {
		for k := range set {
			known[k] = true
		}
	}
	return known
}

// pendingCommands are commands the manifests run that cmd/rebound does not have yet, each with
// the reason. A command found in the binary's usage no longer needs an entry here.
var pendingCommands = map[string]string{}

// binaryCommands returns the first word of every command line in cmd/rebound/main.go's usage
// text ("serve", "migrate", "tenant", "key", "healthcheck", …).
func binaryCommands(t *testing.T) map[string]bool {
	t.Helper()
	src := readRepoFile(t, "cmd", "rebound", "main.go")
	m := regexp.MustCompile("(?s)const usage = `(.*?)`").FindStringSubmatch(src)
	if m == nil {
		t.Fatal("cmd/rebound/main.go: no usage constant found")
	}
	cmds := map[string]bool{}
	for _, c := range regexp.MustCompile(`(?m)^\s+rebound ([a-z]+)`).FindAllStringSubmatch(m[1], -1) {
		cmds[c[1]] = true
	}
	if !cmds["serve"] || !cmds["migrate"] {
		t.Fatalf("cmd/rebound/main.go usage lists only %v", cmds)
	}
	return cmds
}

// checkCommand reports whether a deployment may run the rebound subcommand cmd.
func checkCommand(t *testing.T, where, cmd string) {
	t.Helper()
	if binaryCommands(t)[cmd] {
		return
	}
	if why, ok := pendingCommands[cmd]; ok {
		t.Logf("%s runs `rebound %s`, which cmd/rebound/main.go does not list yet: %s", where, cmd, why)
		return
	}
	t.Errorf("%s runs `rebound %s`, which is not a command of the binary (cmd/rebound/main.go usage)", where, cmd)
}

// markdownSection returns the text under heading (a whole line such as "## Metrics") up to the
// next heading of the same or a higher level.
func markdownSection(doc, heading string) string {
	level := strings.Count(strings.Fields(heading)[0], "#")
	var b strings.Builder
	in, inFence := false, false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "#") {
			l := len(line) - len(strings.TrimLeft(line, "#"))
			if in && l <= level {
				break
			}
			if strings.TrimSpace(line) == heading {
				in = true
				continue
			}
		}
		if in {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// githubAnchor is the fragment GitHub gives a Markdown heading's text.
func githubAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// markdownAnchors returns the anchors of every heading in doc.
func markdownAnchors(doc string) map[string]bool {
	anchors := map[string]bool{}
	inFence := false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "#") {
			anchors[githubAnchor(strings.TrimLeft(line, "#"))] = true
		}
	}
	return anchors
}
