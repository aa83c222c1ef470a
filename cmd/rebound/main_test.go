package main

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/reboundhq/rebound/internal/testdb"
	"strconv"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func runCLI(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, envOf(env), &out, &errOut)
	return out.String(), errOut.String(), err
}

func testOperatorCommands(t *testing.T, env map[string]string) {
	out, _, err := runCLI(t, env, "migrate")
	if err != nil || !strings.Contains(out, "migrations applied") {
		t.Fatalf("migrate: %v %s", err, out)
	}
	out, _, err = runCLI(t, env, "tenant", "create", "--name", "Acme Jobs")
	if err != nil {
		t.Fatal(err)
	}
	key := lastLine(out)
	if !regexp.MustCompile(`^rbk_[A-Za-z0-9_-]{43}$`).MatchString(key) {
		t.Fatalf("the last line of tenant create is not the key: %q", key)
	}
	tenant := regexp.MustCompile(`ten_[0-9a-f]{32}`).FindString(out)
	out, _, err = runCLI(t, env, "key", "create", "--tenant", tenant, "--scopes", "read")
	if err != nil || !strings.HasPrefix(lastLine(out), "rbk_") {
		t.Fatalf("key create: %v %s", err, out)
	}
	keyID := regexp.MustCompile(`key_[0-9a-f]{32}`).FindString(out)
	out, _, err = runCLI(t, env, "key", "revoke", keyID)
	if err != nil || !strings.Contains(out, "revoked") {
		t.Fatalf("key revoke: %v %s", err, out)
	}
	for _, bad := range [][]string{{}, {"tenant", "create"}, {"key", "create", "--tenant", "nope"}, {"key", "create", "--tenant", tenant, "--scopes", "root"}, {"key", "revoke"}, {"launch"}} {
		if _, _, err := runCLI(t, env, bad...); err == nil {
			t.Fatalf("%v succeeded", bad)
		}
	}
	if _, _, err := runCLI(t, env, "key", "revoke", "key_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"); err == nil {
		t.Fatal("revoking an unknown key succeeded")
	}
}

func TestOperatorCommandsSQLite(t *testing.T) {
	t.Parallel()
	testOperatorCommands(t, map[string]string{"REBOUND_DATA_DIR": t.TempDir()})
}

func TestOperatorCommandsPostgres(t *testing.T) {
	t.Parallel()
	testOperatorCommands(t, map[string]string{"DATABASE_URL": testdb.PostgresURL(t)})
}

func TestConfigRejectsNonsense(t *testing.T) {
	t.Parallel()
	for _, env := range []map[string]string{
		{"REBOUND_RATE_LIMIT": "fast"}, {"REBOUND_RATE_LIMIT": "-1"}, {"REBOUND_RATE_BURST": "0"},
		{"REBOUND_SHUTDOWN_TIMEOUT": "soon"}, {"REBOUND_TRUSTED_PROXIES": "10.0.0.0/8, nonsense"}, {"REBOUND_LOG_LEVEL": "loud"}, {"DATABASE_URL": "mysql://x"},
	} {
		env["REBOUND_DATA_DIR"] = t.TempDir()
		if _, _, err := runCLI(t, env, "migrate"); err == nil {
			t.Fatalf("%v accepted", env)
		}
	}
	cfg, err := loadConfig(envOf(map[string]string{"REBOUND_RATE_LIMIT": "0"}))
	if err != nil || cfg.RateLimit != 0 || cfg.PublicURL != "http://localhost:8080" {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds rebound exactly as the Dockerfile does (scripts/build-static.sh), once per
// test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rebound-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "rebound")
		cmd := exec.Command("./scripts/build-static.sh", builtBin)
		cmd.Dir = "../.."
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestFreshServeAndReadmeQuickstart starts the built binary on an empty SQLite directory (what
// `make run` does), takes the key it prints, runs the README's curl quickstart against it, then
// stops it with SIGTERM and expects a clean exit.
func TestFreshServeAndReadmeQuickstart(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "REBOUND_ADDR="+addr, "REBOUND_DATA_DIR="+t.TempDir(), "DATABASE_URL=")
	stdout, _ := cmd.StdoutPipe()
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	keyc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := regexp.MustCompile(`REBOUND_API_KEY=(rbk_\S+)`).FindStringSubmatch(sc.Text()); m != nil {
				keyc <- m[1]
			}
		}
	}()
	var key string
	select {
	case key = <-keyc:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve printed no key; logs:\n%s", logs.String())
	}
	base := "http://" + addr
	waitReady(t, base)

	hc := exec.Command(bin, "healthcheck")
	hc.Env = append(os.Environ(), "REBOUND_ADDR="+addr)
	if out, err := hc.CombinedOutput(); err != nil {
		t.Fatalf("rebound healthcheck against a ready server: %v %s", err, out)
	}

	script := readmeQuickstart(t)
	sh := exec.Command("bash", "-c", script)
	sh.Env = append(os.Environ(), "BASE="+base, "REBOUND_API_KEY="+key)
	out, err := sh.CombinedOutput()
	if err != nil {
		t.Fatalf("README quickstart failed: %v\n%s", err, out)
	}
	for _, want := range []string{`"object":"candidate"`, `"object":"rejection"`, `"object":"list"`, "Northwind Analytics"} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("quickstart output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(logs.String(), key) {
		t.Fatal("the API key appears in the logs")
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM; logs:\n%s", err, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Fatalf("no clean stop logged:\n%s", logs.String())
	}
}

// inFlight reads rebound_http_requests_in_flight from the server's /metrics.
func inFlight(t *testing.T, base string) int {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`(?m)^rebound_http_requests_in_flight (\d+)`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ready(base) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("server not ready")
}

// ready reports whether the server at base answers /readyz with 200.
func ready(base string) bool {
	res, err := http.Get(base + "/readyz")
	if err != nil {
		return false
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// readmeQuickstart extracts the bash block between the quickstart markers of README.md.
func readmeQuickstart(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- quickstart:start -->\\s*```bash\\n(.*?)```\\s*<!-- quickstart:end -->").FindSubmatch(b)
	if m == nil {
		t.Fatal("README.md has no quickstart block")
	}
	return string(m[1])
}

// TestImageBuildAndCompose checks what the Docker image relies on without a Docker engine: the
// build script yields a static binary, the Dockerfile runs that script and a non-root user, and
// the compose file parses with the services it needs.
func TestImageBuildAndCompose(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary is dynamically linked; the distroless static image cannot run it")
		}
	}
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"scripts/build-static.sh", "USER nonroot", `CMD ["serve"]`} {
		if !strings.Contains(string(docker), want) {
			t.Fatalf("Dockerfile lacks %q", want)
		}
	}
	raw, err := os.ReadFile("../../deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Command     []string          `json:"command"`
			Environment map[string]string `json:"environment"`
			DependsOn   map[string]any    `json:"depends_on"`
		} `json:"services"`
	}
	if err := yaml.UnmarshalStrict(raw, &compose, yaml.DisallowUnknownFields); err != nil {
		// compose has more keys than we model; parse leniently and check the essentials.
		if err := yaml.Unmarshal(raw, &compose); err != nil {
			t.Fatalf("compose.yaml does not parse: %v", err)
		}
	}
	for _, svc := range []string{"postgres", "migrate", "rebound"} {
		if _, ok := compose.Services[svc]; !ok {
			t.Fatalf("compose.yaml lacks service %s", svc)
		}
	}
	if fmt.Sprint(compose.Services["migrate"].Command) != "[migrate]" || compose.Services["rebound"].Environment["DATABASE_URL"] == "" {
		t.Fatalf("compose services misconfigured: %+v", compose.Services)
	}
}

// syncBuffer is a bytes.Buffer safe to write from the child process's copier while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSIGTERMDrainsInFlightRequests sends SIGTERM while a request is half-way through its body:
// the server stops accepting new connections but finishes that request before exiting.
func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	t.Parallel()
	dbURL := testdb.PostgresURL(t)
	key := tenantKey(t, dbURL)
	p := startServe(t, dbURL, "0")
	body := `{"external_id": "drained", "display_name": "Finished after SIGTERM"}`
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", key, len(body), body[:10])
	// The request is in flight once the server counts it (the metrics request itself is the other one).
	waitFor(t, "the half-sent request in flight", 10*time.Second, func() bool { return inFlight(t, p.base) >= 2 })
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Draining: the listener closes while the in-flight request is still waiting for its body.
	waitFor(t, "new connections refused after SIGTERM", 10*time.Second, func() bool {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(p.base, "http://"), time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	fmt.Fprint(conn, body[10:])
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request was cut off: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("in-flight request answered %d", res.StatusCode)
	}
	select {
	case <-p.exited:
		if p.exitErr != nil {
			t.Fatalf("exit after draining: %v", p.exitErr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after draining")
	}
}
