package check

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper-case: FROM, RUN, COPY, …
	args string
	line int
}

// dockerfile is what the checks need to know about the Dockerfile's stages.
type dockerfile struct {
	stages     [][]instruction // each beginning with its FROM
	final      []instruction
	uid, gid   int64
	entrypoint []string
	cmd        []string
	expose     []int32
	env        map[string]string // the final stage's ENV
}

// distrolessUsers maps the user names of the distroless images to their ids (their /etc/passwd:
// nonroot is 65532:65532). A numeric USER needs no entry.
var distrolessUsers = map[string]int64{"nonroot": 65532, "root": 0}

func parseDockerfile(t *testing.T) dockerfile {
	t.Helper()
	var ins []instruction
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(readRepoFile(t, "Dockerfile"), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		ins = append(ins, instruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
		cur.Reset()
	}
	var df dockerfile
	for _, in := range ins {
		if in.cmd == "FROM" {
			df.stages = append(df.stages, nil)
		}
		if len(df.stages) == 0 {
			t.Fatalf("Dockerfile:%d: %s before FROM", in.line, in.cmd)
		}
		df.stages[len(df.stages)-1] = append(df.stages[len(df.stages)-1], in)
	}
	if len(df.stages) < 2 {
		t.Fatal("Dockerfile: want a build stage and a runtime stage")
	}
	df.final = df.stages[len(df.stages)-1]
	df.env = map[string]string{}
	user := ""
	for _, in := range df.final {
		switch in.cmd {
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			df.entrypoint = execForm(t, in)
		case "CMD":
			df.cmd = execForm(t, in)
		case "EXPOSE":
			for _, p := range strings.Fields(in.args) {
				n, err := strconv.Atoi(strings.TrimSuffix(p, "/tcp"))
				if err != nil {
					t.Fatalf("Dockerfile:%d: EXPOSE %s", in.line, p)
				}
				df.expose = append(df.expose, int32(n))
			}
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					t.Fatalf("Dockerfile:%d: write ENV as KEY=value pairs", in.line)
				}
				df.env[k] = v
			}
		}
	}
	if user == "" {
		t.Fatal("Dockerfile: the runtime stage sets no USER, so the image runs as root")
	}
	u, g, ok := strings.Cut(user, ":")
	if !ok {
		g = u
	}
	df.uid, df.gid = userID(t, u), userID(t, g)
	if df.uid == 0 || df.gid == 0 {
		t.Fatalf("Dockerfile: USER %s is root", user)
	}
	if named := !regexp.MustCompile(`^\d+$`).MatchString(u); named && !strings.Contains(df.final[0].args, "gcr.io/distroless/") {
		t.Fatalf("Dockerfile: USER %s is a name, which resolves to an id only for the distroless base images", user)
	}
	return df
}

func userID(t *testing.T, s string) int64 {
	t.Helper()
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	id, ok := distrolessUsers[s]
	if !ok {
		t.Fatalf("Dockerfile: user %q has no known id", s)
	}
	return id
}

func execForm(t *testing.T, in instruction) []string {
	t.Helper()
	var v []string
	if err := json.Unmarshal([]byte(in.args), &v); err != nil {
		t.Fatalf("Dockerfile:%d: %s must be in exec (JSON) form, so signals reach the binary: %v", in.line, in.cmd, err)
	}
	return v
}

// shellWords splits a simple shell command line: whitespace-separated words, double and single
// quotes grouping, no expansion.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// goBuild is one `go build` invocation: its environment assignments and flags, output apart.
type goBuild struct {
	env, flags []string
	output     string
	pkg        string
}

func parseGoBuild(t *testing.T, where, line string) goBuild {
	t.Helper()
	var b goBuild
	words := shellWords(line)
	i := 0
	for ; i < len(words) && strings.Contains(words[i], "=") && words[i] != "go"; i++ {
		b.env = append(b.env, words[i])
	}
	if i+1 >= len(words) || words[i] != "go" || words[i+1] != "build" {
		t.Fatalf("%s: cannot read the go build command %q", where, line)
	}
	rest := words[i+2:]
	for j := 0; j < len(rest); j++ {
		switch w := rest[j]; {
		case w == "-o" && j+1 < len(rest):
			b.output = rest[j+1]
			j++
		case strings.HasPrefix(w, "-"):
			b.flags = append(b.flags, w)
		default:
			b.pkg = w
		}
	}
	slices.Sort(b.env)
	return b
}

// buildScript reads scripts/build-static.sh: its go build line, and the default output path.
func buildScript(t *testing.T) goBuild {
	t.Helper()
	src := readRepoFile(t, "scripts", "build-static.sh")
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		if strings.Contains(l, "go build") && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("scripts/build-static.sh: want one go build line, found %d", len(lines))
	}
	b := parseGoBuild(t, "scripts/build-static.sh", lines[0])
	if b.output != "$out" || !regexp.MustCompile(`(?m)^out=\$\{1:-`).MatchString(src) {
		t.Fatalf("scripts/build-static.sh: want the output path from its first argument (out=${1:-…}, -o \"$out\"), have -o %s", b.output)
	}
	return b
}

// TestDockerfileBuildsWithTheScript: the image's binary is built exactly as scripts/build-static.sh
// builds it (which `make build` and the main module's tests also run), statically, and lands
// where ENTRYPOINT runs it.
func TestDockerfileBuildsWithTheScript(t *testing.T) {
	df := parseDockerfile(t)
	script := buildScript(t)
	if !slices.Contains(script.env, "CGO_ENABLED=0") {
		t.Errorf("scripts/build-static.sh: go build without CGO_ENABLED=0 is not static; the distroless static image has no libc")
	}
	if !slices.Contains(script.flags, "-trimpath") || script.pkg != "./cmd/rebound" {
		t.Errorf("scripts/build-static.sh: want -trimpath and ./cmd/rebound, have %v %s", script.flags, script.pkg)
	}
	var output, stage string
	builds := 0
	for _, st := range df.stages[:len(df.stages)-1] {
		from := strings.Fields(st[0].args)
		name := ""
		if len(from) == 3 && strings.EqualFold(from[1], "AS") {
			name = from[2]
		}
		for _, in := range st {
			if in.cmd != "RUN" {
				continue
			}
			switch {
			case strings.Contains(in.args, "build-static.sh"):
				w := shellWords(in.args)
				if len(w) != 2 || path.Clean(w[0]) != "scripts/build-static.sh" {
					t.Errorf("Dockerfile:%d: run the script alone with the output path: RUN ./scripts/build-static.sh /out/rebound", in.line)
					continue
				}
				output, stage = w[1], name
				builds++
			case strings.Contains(in.args, "go build"):
				b := parseGoBuild(t, fmt.Sprintf("Dockerfile:%d", in.line), in.args)
				if !slices.Equal(b.env, script.env) || !slices.Equal(b.flags, script.flags) || b.pkg != script.pkg {
					t.Errorf("Dockerfile:%d: go build %v %v %s differs from scripts/build-static.sh's %v %v %s", in.line, b.env, b.flags, b.pkg, script.env, script.flags, script.pkg)
				}
				output, stage = b.output, name
				builds++
			}
		}
	}
	if builds != 1 || stage == "" {
		t.Fatalf("Dockerfile: want exactly one build of the binary in a named build stage, found %d", builds)
	}
	copied := false
	for _, in := range df.final {
		if in.cmd != "COPY" {
			continue
		}
		w := strings.Fields(in.args)
		if len(w) == 3 && w[0] == "--from="+stage && w[1] == output {
			copied = true
			if len(df.entrypoint) != 1 || df.entrypoint[0] != w[2] {
				t.Errorf("Dockerfile:%d: the binary goes to %s but ENTRYPOINT is %v", in.line, w[2], df.entrypoint)
			}
		}
	}
	if !copied {
		t.Errorf("Dockerfile: the runtime stage does not COPY --from=%s %s", stage, output)
	}
	if len(df.cmd) != 1 {
		t.Fatalf("Dockerfile: CMD %v, want one subcommand", df.cmd)
	}
	checkCommand(t, "Dockerfile CMD", df.cmd[0])
	for k := range df.env {
		if !knownEnvNames(t)[k] {
			t.Errorf("Dockerfile: ENV %s is not a variable the binary reads", k)
		}
	}
}

// composeService is the part of a compose service these checks read; compose has many more
// keys, so it is decoded leniently (there is no compose schema offline).
type composeService struct {
	Image       string `json:"image"`
	Build       any    `json:"build"`
	Command     any    `json:"command"`
	Environment any    `json:"environment"`
	Healthcheck *struct {
		Test []string `json:"test"`
	} `json:"healthcheck"`
	Ports []string `json:"ports"`
}

func (s composeService) command() []string {
	switch c := s.Command.(type) {
	case string:
		return strings.Fields(c)
	case []any:
		var out []string
		for _, w := range c {
			out = append(out, fmt.Sprint(w))
		}
		return out
	}
	return nil
}

func (s composeService) envNames() []string {
	var out []string
	switch e := s.Environment.(type) {
	case map[string]any:
		for k := range e {
			out = append(out, k)
		}
	case []any:
		for _, kv := range e {
			k, _, _ := strings.Cut(fmt.Sprint(kv), "=")
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestComposeMatchesTheCluster: every Rebound service in deploy/compose.yaml runs the image the
// cluster runs, a command the cluster also runs, and variables the cluster also sets, and its
// health check calls the image's binary.
func TestComposeMatchesTheCluster(t *testing.T) {
	var compose struct {
		Services map[string]composeService `json:"services"`
	}
	if err := yaml.Unmarshal([]byte(readRepoFile(t, "deploy", "compose.yaml")), &compose); err != nil {
		t.Fatal(err)
	}
	df := parseDockerfile(t)
	clusterCmds, clusterEnv := map[string]bool{}, map[string]bool{}
	for _, dir := range []string{appDir, migrateDir} {
		r := render(t, dir)
		for _, w := range workloads(r) {
			for _, c := range w.template.Spec.Containers {
				clusterCmds[strings.Join(c.Args, " ")] = true
				for k := range containerEnv(t, w.name, r, c) {
					clusterEnv[k] = true
				}
			}
		}
	}
	repo, _, _ := strings.Cut(image(t), ":")
	ours := 0
	for name, svc := range compose.Services {
		if svc.Build == nil {
			continue // postgres
		}
		ours++
		where := "deploy/compose.yaml service " + name
		if r, _, _ := strings.Cut(svc.Image, ":"); r != repo {
			t.Errorf("%s: image %q, want it named %s like the cluster's", where, svc.Image, repo)
		}
		cmd := svc.command()
		if len(cmd) == 0 {
			t.Errorf("%s: no command", where)
		} else if !clusterCmds[strings.Join(cmd, " ")] {
			t.Errorf("%s: runs %v, which no workload in deploy/k8s runs", where, cmd)
		}
		for _, k := range svc.envNames() {
			if !clusterEnv[k] {
				t.Errorf("%s: sets %s, which deploy/k8s does not", where, k)
			}
		}
		if hc := svc.Healthcheck; hc != nil {
			if len(hc.Test) != 3 || hc.Test[0] != "CMD" || !slices.Equal(hc.Test[1:2], df.entrypoint) {
				t.Errorf("%s: healthcheck %v, want [CMD %s healthcheck]", where, hc.Test, strings.Join(df.entrypoint, " "))
			} else {
				checkCommand(t, where+" healthcheck", hc.Test[2])
			}
		}
		for _, p := range svc.Ports {
			_, container, _ := strings.Cut(p, ":")
			n, err := strconv.Atoi(container)
			if err != nil || !slices.Contains(df.expose, int32(n)) {
				t.Errorf("%s: publishes %s, the image EXPOSEs %v", where, p, df.expose)
			}
		}
	}
	if ours < 2 {
		t.Errorf("deploy/compose.yaml: want the migrate and rebound services, found %d built from the repository", ours)
	}
}
