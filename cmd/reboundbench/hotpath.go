package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// call is one of the measured calls, with the ratio to the baseline it should reach.
type call struct {
	name   string
	target float64
}

var (
	createCall = call{"POST /v1/rejections", 0.5}
	getCall    = call{"GET /v1/rejections/{id}", 0.8}
)

// tally adds up one server's rounds of one call.
type tally struct {
	res        result
	statements float64
}

func (t *tally) add(r result, statements float64) {
	t.res.requests += r.requests
	t.res.failures += r.failures
	if t.res.firstFail == "" {
		t.res.firstFail = r.firstFail
	}
	t.res.elapsed += r.elapsed
	t.res.latencies = append(t.res.latencies, r.latencies...)
	slices.Sort(t.res.latencies) // quantile reads a sorted list
	t.statements += statements
}

func (t *tally) perRequest() float64 {
	if t.res.requests == 0 {
		return 0
	}
	return t.statements / float64(t.res.requests)
}

// hotPath is the default scenario: Rebound against the baseline on the two hottest calls.
func hotPath(ctx context.Context, o options, out io.Writer) error {
	dir, err := os.MkdirTemp("", "reboundbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := createDatabase(ctx, o.databaseURL, "rebound_bench_hot")
	if err != nil {
		return fmt.Errorf("create the benchmark database: %w", err)
	}
	if !o.keep {
		defer db.drop(context.Background())
	}
	// Each server records rejections for candidates of its own, so neither finds the other's
	// plans among a candidate's open plans (which every new rejection refreshes).
	_, key, all, err := tenantWithCandidates(ctx, db.url, "bench", 2*o.candidates)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	candidatesOf := map[string][]string{"rebound": all[:o.candidates], "baseline": all[o.candidates:]}
	rebound, err := filepath.Abs(o.rebound)
	if err != nil {
		return err
	}
	reboundAddr, err := freeAddr()
	if err != nil {
		return err
	}
	rb, err := startServer(ctx, "rebound", dir, reboundAddr, []string{
		"DATABASE_URL=" + db.url, "REBOUND_ADDR=" + reboundAddr, "REBOUND_RATE_LIMIT=0", "REBOUND_ADDRESS_RATE_LIMIT=0",
		"REBOUND_LOG_LEVEL=warn", "REBOUND_PUBLIC_URL=http://" + reboundAddr,
	}, rebound, "serve")
	if err != nil {
		return err
	}
	defer rb.stop()

	client := newClient(o.concurrency)
	auth := map[string]string{"Authorization": "Bearer " + key}
	createBody := func(candidates []string, i int) []byte {
		b, _ := json.Marshal(map[string]any{
			"candidate_id": candidates[i%len(candidates)], "company": fmt.Sprintf("Northwind %d", i%50), "role_title": "Backend Engineer", "stage": "final_round",
			"contacts": []map[string]string{{"name": "Priya Raman", "role": "interviewer"}, {"name": "Sam Okafor", "role": "recruiter"}},
		})
		return b
	}
	seqOf := map[string]*atomic.Int64{"rebound": {}, "baseline": {}}
	createsFor := func(server string) func(int) request {
		return func(int) request {
			return request{method: "POST", path: "/v1/rejections", body: createBody(candidatesOf[server], int(seqOf[server].Add(1)-1)), headers: auth, want: 201}
		}
	}
	creates := createsFor("rebound")

	// One create tells the baseline how many steps and events Rebound writes for this payload.
	probe := drive(ctx, client, rb.base, 1, 0, 1, 1, creates)
	if probe.failures > 0 || len(probe.bodies) == 0 {
		return fmt.Errorf("Rebound's first create failed: %s", probe.firstFail)
	}
	shape, err := reboundShape(ctx, db.url, probe.bodies[0])
	if err != nil {
		return err
	}
	baseAddr, err := freeAddr()
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	bl, err := startServer(ctx, "baseline", dir, baseAddr, nil, self, "baseline", "-database", db.url, "-addr", baseAddr,
		"-steps", fmt.Sprint(shape.steps), "-events", fmt.Sprint(shape.events))
	if err != nil {
		return err
	}
	defer bl.stop()

	statements := map[string]func() (float64, error){
		"baseline": func() (float64, error) { return counter(bl.base, "/statements", "") },
		"rebound":  func() (float64, error) { return counter(rb.base, "/metrics", "rebound_db_statements_total") },
	}
	servers := []*server{bl, rb}
	for _, s := range servers {
		if r := drive(ctx, client, s.base, o.concurrency, o.warmup, 0, 0, createsFor(s.name)); r.failures > 0 {
			return fmt.Errorf("%s warm-up: %d failures, first: %s", s.name, r.failures, r.firstFail)
		}
	}
	// The reads ask for rejections Rebound created, the same ids on both servers.
	var ids []string
	sampler := sampleRSS(rb, 100*time.Millisecond)
	tallies := map[string]map[string]*tally{}
	for _, c := range []call{createCall, getCall} {
		tallies[c.name] = map[string]*tally{"baseline": {}, "rebound": {}}
	}
	loadStart := loadAverage()
	for round := 0; round < o.rounds; round++ {
		for _, s := range servers {
			before, err := statements[s.name]()
			if err != nil {
				return err
			}
			r := drive(ctx, client, s.base, o.concurrency, o.duration, 0, 2000, createsFor(s.name))
			after, err := statements[s.name]()
			if err != nil {
				return err
			}
			tallies[createCall.name][s.name].add(r, after-before)
			if s == rb {
				for _, b := range r.bodies {
					var v struct{ ID string }
					if json.Unmarshal(b, &v) == nil && v.ID != "" {
						ids = append(ids, v.ID)
					}
				}
			}
		}
		if len(ids) == 0 {
			return fmt.Errorf("no rejection was created: %s", tallies[createCall.name]["rebound"].res.firstFail)
		}
		gets := func(i int) request {
			return request{method: "GET", path: "/v1/rejections/" + ids[i%len(ids)], headers: auth, want: 200}
		}
		for _, s := range servers {
			before, err := statements[s.name]()
			if err != nil {
				return err
			}
			r := drive(ctx, client, s.base, o.concurrency, o.duration, 0, 0, gets)
			after, err := statements[s.name]()
			if err != nil {
				return err
			}
			tallies[getCall.name][s.name].add(r, after-before)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	peakRSS := sampler.finish()
	_, hwm, _ := rb.memory()

	fmt.Fprintf(out, "Rebound load benchmark, %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(out, "machine: %d CPUs, %s; %s; load average %s at the start, %s at the end\n", runtime.NumCPU(), cpuModel(), postgresVersion(ctx, db.url), loadStart, loadAverage())
	fmt.Fprintf(out, "load: %d concurrent clients, %d round(s) of %s per call and server, alternating; creates spread over %d candidates per server; per create Rebound writes 1 rejection (2 contacts), 1 plan, %d steps, 1 revision, %d events\n\n",
		o.concurrency, o.rounds, o.duration, o.candidates, shape.steps, shape.events)
	fmt.Fprintf(out, "%-24s %-9s %9s %9s %9s %11s %9s\n", "call", "server", "req/s", "p50 ms", "p99 ms", "stmts/req", "failures")
	failed := false
	for _, c := range []call{createCall, getCall} {
		b, r := tallies[c.name]["baseline"], tallies[c.name]["rebound"]
		for _, row := range []struct {
			name string
			t    *tally
		}{{"baseline", b}, {"rebound", r}} {
			fmt.Fprintf(out, "%-24s %-9s %9.0f %9.2f %9.2f %11.1f %9d\n", c.name, row.name, row.t.res.perSecond(),
				ms(row.t.res.quantile(0.5)), ms(row.t.res.quantile(0.99)), row.t.perRequest(), row.t.res.failures)
			if row.t.res.failures > 0 {
				failed = true
				fmt.Fprintf(out, "    first failure: %s\n", row.t.res.firstFail)
			}
		}
		ratio := 0.0
		if b.res.perSecond() > 0 {
			ratio = r.res.perSecond() / b.res.perSecond()
		}
		verdict := "met"
		if ratio < c.target {
			verdict = "NOT met"
		}
		fmt.Fprintf(out, "%-24s %-9s %8.2f×  (target ≥ %.1f×: %s)\n", "", "ratio", ratio, c.target, verdict)
	}
	fmt.Fprintf(out, "\nrebound serve resident memory: peak %.1f MB sampled under load (VmHWM %.1f MB)\n", mb(peakRSS), mb(hwm))
	if failed {
		return fmt.Errorf("requests failed")
	}
	return nil
}

// reboundShape counts the steps and events Rebound wrote for the rejection in body.
func reboundShape(ctx context.Context, dbURL string, body []byte) (baselineShape, error) {
	var v struct{ ID string }
	if err := json.Unmarshal(body, &v); err != nil {
		return baselineShape{}, err
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return baselineShape{}, err
	}
	defer conn.Close(ctx)
	var s baselineShape
	err = conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM recovery_plan_steps st JOIN recovery_plans p ON p.tenant_id = st.tenant_id AND p.id = st.plan_id WHERE p.rejection_id = $1),
		(SELECT count(*) FROM events WHERE rejection_id = $1)`, v.ID).Scan(&s.steps, &s.events)
	if err == nil && (s.steps == 0 || s.events == 0) {
		err = fmt.Errorf("Rebound's rejection %s has %d steps and %d events", v.ID, s.steps, s.events)
	}
	return s, err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func mb(b int64) float64         { return float64(b) / (1 << 20) }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func postgresVersion(ctx context.Context, dbURL string) string {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return "PostgreSQL ?"
	}
	defer conn.Close(ctx)
	var v string
	if conn.QueryRow(ctx, "SHOW server_version").Scan(&v) != nil {
		return "PostgreSQL ?"
	}
	return "PostgreSQL " + strings.Fields(v)[0]
}
