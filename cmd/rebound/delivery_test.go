package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"database/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver
	"github.com/reboundhq/rebound/internal/testdb"
)

// countingReceiver acknowledges every delivery after a short pause and counts each webhook-id.
type countingReceiver struct {
	mu     sync.Mutex
	counts map[string]int
	srv    *httptest.Server
}

func newCountingReceiver(t *testing.T, pause time.Duration) *countingReceiver {
	r := &countingReceiver{counts: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		io.Copy(io.Discard, req.Body)
		time.Sleep(pause)
		r.mu.Lock()
		r.counts[req.Header.Get("webhook-id")]++
		r.mu.Unlock()
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *countingReceiver) unique() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.counts)
}

// serveProcess is a running `rebound serve` or `rebound worker`.
type serveProcess struct {
	cmd  *exec.Cmd
	base string
	logs *syncBuffer
	// exited is closed once the process has exited; exitErr is then what cmd.Wait returned.
	exited  chan struct{}
	exitErr error
}

func startServe(t *testing.T, dbURL string, workers string) *serveProcess {
	t.Helper()
	return startRebound(t, "serve", "DATABASE_URL="+dbURL, "REBOUND_WORKERS="+workers)
}

// startRebound starts the built binary with the command on a free address, with fast dispatch
// and loopback webhooks allowed, and returns once it answers /readyz. env adds to or overrides
// those settings.
func startRebound(t *testing.T, command string, env ...string) *serveProcess {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(buildBinary(t), command)
	cmd.Env = append(append(os.Environ(), "REBOUND_ADDR="+addr, "REBOUND_RATE_LIMIT=0", "REBOUND_ADDRESS_RATE_LIMIT=0",
		"REBOUND_DISPATCH_INTERVAL=50ms", "REBOUND_DISPATCH_LEASE=2s",
		"REBOUND_WEBHOOK_ALLOW_HTTP=true", "REBOUND_WEBHOOK_ALLOW_PRIVATE=true"), env...)
	p := &serveProcess{cmd: cmd, base: "http://" + addr, logs: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr, cmd.Stdout = p.logs, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exitErr = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-p.exited })
	deadline := time.Now().Add(30 * time.Second)
	for !ready(p.base) {
		select {
		case <-p.exited:
			t.Fatalf("rebound %s exited before it was ready: %v\n%s", command, cmd.ProcessState, p.logs.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("rebound %s not ready after 30s:\n%s", command, p.logs.String())
		}
	}
	return p
}

func (p *serveProcess) post(t *testing.T, key, path string, body any) map[string]any {
	t.Helper()
	js, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, p.base+path, bytes.NewReader(js))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %v", path, res.StatusCode, out)
	}
	return out
}

// tenantKey creates a tenant through the CLI and returns its key.
func tenantKey(t *testing.T, dbURL string) string {
	t.Helper()
	out, _, err := runCLI(t, map[string]string{"DATABASE_URL": dbURL}, "tenant", "create", "--name", "acme")
	if err != nil {
		t.Fatal(err)
	}
	return lastLine(out)
}

func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDeliveriesSurviveSIGKILL queues 500 events, kills the delivering server with SIGKILL in
// the middle, restarts it, and expects every event delivered (at least once; duplicates carry
// the same webhook-id for receivers to drop).
func TestDeliveriesSurviveSIGKILL(t *testing.T) {
	t.Parallel()
	dbURL := testdb.PostgresURL(t)
	key := tenantKey(t, dbURL)
	rcv := newCountingReceiver(t, 3*time.Millisecond)

	api := startServe(t, dbURL, "0") // API only: queue everything first
	api.post(t, key, "/v1/webhook-endpoints", map[string]any{"url": rcv.srv.URL, "enabled_events": []string{"candidate.created"}})
	for i := 0; i < 500; i++ {
		api.post(t, key, "/v1/candidates", map[string]any{"external_id": "u-" + itoa(i)})
	}
	if rcv.unique() != 0 {
		t.Fatal("an API-only replica delivered webhooks")
	}

	first := startServe(t, dbURL, "1")
	waitFor(t, "the first deliveries", 60*time.Second, func() bool { return rcv.unique() >= 100 })
	if err := first.cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	<-first.exited
	killedAt := rcv.unique()
	if killedAt >= 500 {
		t.Fatalf("all deliveries finished before the kill (%d); the test proves nothing", killedAt)
	}
	startServe(t, dbURL, "1")
	waitFor(t, "all 500 deliveries after the restart", 120*time.Second, func() bool { return rcv.unique() == 500 })
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	for id, n := range rcv.counts {
		if !strings.HasPrefix(id, "evt_") || n < 1 {
			t.Fatalf("unexpected delivery %s ×%d", id, n)
		}
	}
	t.Logf("killed after %d deliveries; all 500 arrived after the restart", killedAt)
}

// TestTwoServeProcessesDeliverOnce runs two full servers on one database: every event reaches
// the endpoint exactly once, and every due step is announced exactly once.
func TestTwoServeProcessesDeliverOnce(t *testing.T) {
	t.Parallel()
	dbURL := testdb.PostgresURL(t)
	key := tenantKey(t, dbURL)
	rcv := newCountingReceiver(t, time.Millisecond)
	a := startServe(t, dbURL, "1")
	startServe(t, dbURL, "1")
	a.post(t, key, "/v1/webhook-endpoints", map[string]any{"url": rcv.srv.URL, "enabled_events": []string{"candidate.created"}})
	for i := 0; i < 150; i++ {
		a.post(t, key, "/v1/candidates", map[string]any{"external_id": "u-" + itoa(i)})
	}
	// Three rejections whose first steps are due today: both replicas' schedulers race for them.
	cand := a.post(t, key, "/v1/candidates", map[string]any{"external_id": "with-rejections"})["id"].(string)
	for i := 0; i < 3; i++ {
		a.post(t, key, "/v1/rejections", map[string]any{"candidate_id": cand, "company": "Northwind", "role_title": "Engineer", "stage": "interview"})
	}
	waitFor(t, "151 deliveries", 60*time.Second, func() bool { return rcv.unique() == 151 })
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Settled: every delivery is recorded as sent and no due step is left unclaimed, so no
	// replica has anything left that it could send or announce a second time.
	waitFor(t, "deliveries recorded and due steps claimed", 30*time.Second, func() bool {
		return count(`SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`) == 0 &&
			count(`SELECT count(*) FROM recovery_plan_steps WHERE nudge AND due_emitted_at IS NULL AND status = 'pending' AND due_on <= to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')`) == 0
	})
	if due := stepDueKeys(t, a, key); len(due) != count(`SELECT count(*) FROM recovery_plan_steps WHERE due_emitted_at IS NOT NULL`) || len(due) < 3 {
		t.Fatalf("step_due emitted %d times: %v", len(due), due)
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	for id, n := range rcv.counts {
		if n != 1 {
			t.Fatalf("%s delivered %d times by two replicas", id, n)
		}
	}
}

// stepDueKeys lists the step ids of the recovery_plan.step_due events.
func stepDueKeys(t *testing.T, p *serveProcess, key string) []string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.base+"/v1/events?type=recovery_plan.step_due&limit=100", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var page struct {
		Data []struct {
			Data struct {
				Object struct {
					Step struct {
						ID string `json:"id"`
					} `json:"step"`
				} `json:"object"`
			} `json:"data"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ev := range page.Data {
		ids = append(ids, ev.Data.Object.Step.ID)
	}
	return ids
}

func itoa(i int) string { return strconv.Itoa(i) }
