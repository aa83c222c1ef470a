package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestScaleOutBehindPgBouncer runs Rebound the way a platform scales it out: three API-only
// processes (serve with REBOUND_WORKERS=0) and two worker processes (rebound worker) on one
// database, all through PgBouncer in transaction pooling mode, whose few server connections
// each process's transactions share. Eight clients record 200 rejections through the three
// APIs at once (the load that failed 135 times out of 200 before transaction pool mode), then
// plan steps are made due. Every request must succeed, every event must reach each of two
// endpoints exactly once, every due step must be announced exactly once, the API processes
// must send no webhooks, and no process may log a warning or an error.
func TestScaleOutBehindPgBouncer(t *testing.T) {
	t.Parallel()
	direct := testdb.PostgresURL(t)
	pooled := testdb.ThroughPgBouncer(t, direct)
	db, err := sql.Open("pgx", direct) // the test's own view of the database, for setup and checks
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := tenantKey(t, direct)

	env := []string{"DATABASE_URL=" + pooled, "REBOUND_DB_POOL_MODE=transaction", "REBOUND_DB_MAX_CONNS=8"}
	var apis, workers []*serveProcess
	for i := 0; i < 3; i++ {
		apis = append(apis, startRebound(t, "serve", append(env, "REBOUND_WORKERS=0")...))
	}
	for i := 0; i < 2; i++ {
		workers = append(workers, startRebound(t, "worker", env...))
	}
	if res, err := http.Get(workers[0].base + "/v1/rejections"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("a worker process serves the API: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	receivers := []*countingReceiver{newCountingReceiver(t, 0), newCountingReceiver(t, 0)}
	for _, rcv := range receivers {
		apis[0].post(t, key, "/v1/webhook-endpoints", map[string]any{"url": rcv.srv.URL, "enabled_events": []string{"*"}})
	}

	// The load: eight clients, each with its own candidate, 25 rejections each, spread over
	// the three API processes, with a read after every write.
	const clients, perClient = 8, 25
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		failures []string
		wg       sync.WaitGroup
	)
	client := &http.Client{Timeout: 30 * time.Second}
	call := func(api *serveProcess, method, path string, body any, headers ...string) {
		var rd io.Reader
		if body != nil {
			js, _ := json.Marshal(body)
			rd = bytes.NewReader(js)
		}
		req, _ := http.NewRequest(method, api.base+path, rd)
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		res, err := client.Do(req)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s %s: %v", method, path, err))
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		statuses[res.StatusCode]++
		if res.StatusCode >= 300 {
			failures = append(failures, fmt.Sprintf("%s %s: %d %s", method, path, res.StatusCode, b))
		}
	}
	for c := 0; c < clients; c++ {
		cand := apis[c%3].post(t, key, "/v1/candidates", map[string]any{"external_id": "load-" + itoa(c), "timezone": "Europe/London"})["id"].(string)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				api := apis[(c+i)%3]
				call(api, http.MethodPost, "/v1/rejections", map[string]any{
					"candidate_id": cand, "company": "Northwind " + itoa(i), "role_title": "Engineer", "stage": "final_round",
					"contacts": []map[string]any{{"name": "Priya", "role": "hiring_manager"}},
				}, "Idempotency-Key", fmt.Sprintf("load-%d-%d", c, i))
				call(api, http.MethodGet, "/v1/rejections?limit=5&candidate_id="+cand, nil)
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d of %d requests failed (statuses %v); first: %s", len(failures), 2*clients*perClient, statuses, failures[0])
	}
	if statuses[http.StatusCreated] != clients*perClient || statuses[http.StatusOK] != clients*perClient {
		t.Fatalf("statuses %v, want %d × 201 and %d × 200", statuses, clients*perClient, clients*perClient)
	}

	// Make the open steps of 10 plans due two days ago, which is past in every time zone; both workers'
	// schedulers race for them.
	dueOn := time.Now().UTC().AddDate(0, 0, -2).Format("2006-01-02")
	res, err := db.Exec(`UPDATE recovery_plan_steps SET due_on = $1 WHERE nudge AND status = 'pending' AND due_emitted_at IS NULL
		AND plan_id IN (SELECT id FROM recovery_plans ORDER BY id LIMIT 10)`, dueOn)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n < 10 {
		t.Fatalf("only %d steps made due", n)
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	waitFor(t, "every due step announced", 90*time.Second, func() bool {
		return count(`SELECT count(*) FROM recovery_plan_steps WHERE nudge AND status IN ('pending', 'in_progress') AND due_emitted_at IS NULL AND due_on <= $1`, dueOn) == 0
	})
	// A step's event and its deliveries commit with its claim, so once nothing is pending every
	// delivery there will be has been sent and acknowledged.
	waitFor(t, "every delivery sent", 120*time.Second, func() bool {
		return count(`SELECT count(*) FROM webhook_deliveries WHERE status <> 'succeeded'`) == 0
	})

	events := map[string]bool{}
	rows, err := db.Query(`SELECT id FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		events[id] = true
	}
	rows.Close()
	for i, rcv := range receivers {
		rcv.mu.Lock()
		for id, n := range rcv.counts {
			if n != 1 || !events[id] {
				t.Errorf("endpoint %d received %s %d times (an event of this database: %v)", i, id, n, events[id])
			}
		}
		if len(rcv.counts) != len(events) {
			t.Errorf("endpoint %d received %d of the %d events", i, len(rcv.counts), len(events))
		}
		rcv.mu.Unlock()
	}
	if n := count(`SELECT count(*) FROM webhook_deliveries WHERE attempts <> 1`); n != 0 {
		t.Errorf("%d deliveries took more than one attempt", n)
	}

	announced := count(`SELECT count(*) FROM recovery_plan_steps WHERE due_emitted_at IS NOT NULL`)
	var dup string
	err = db.QueryRow(`SELECT COALESCE(string_agg(step, ', '), '') FROM (
		SELECT payload->'data'->'object'->'step'->>'id' AS step FROM events WHERE type = 'recovery_plan.step_due'
		GROUP BY 1 HAVING count(*) > 1) d`).Scan(&dup)
	if err != nil {
		t.Fatal(err)
	}
	stepDue := count(`SELECT count(*) FROM events WHERE type = 'recovery_plan.step_due'`)
	if dup != "" || stepDue != announced || announced < 10 {
		t.Errorf("%d steps announced, %d step_due events; announced more than once: %q", announced, stepDue, dup)
	}

	deliveries := count(`SELECT count(*) FROM webhook_deliveries`)
	sent := 0
	for _, w := range workers {
		sent += succeededDeliveries(t, w)
	}
	for _, a := range apis {
		if n := succeededDeliveries(t, a); n != 0 {
			t.Errorf("an API-only process sent %d webhooks", n)
		}
	}
	if sent != deliveries || deliveries != len(events)*len(receivers) {
		t.Errorf("workers sent %d webhooks; %d deliveries for %d events and %d endpoints", sent, deliveries, len(events), len(receivers))
	}
	for _, p := range append(apis, workers...) {
		waitReady(t, p.base)
		if bad := warningsIn(p.logs.String()); len(bad) > 0 {
			t.Errorf("%s logged %d warnings or errors; first: %s", p.cmd.Args[1], len(bad), bad[0])
		}
	}
	t.Logf("%d requests, %d events, %d step_due, %d webhooks sent by two workers", 2*clients*perClient+clients+2, len(events), stepDue, sent)
}

// succeededDeliveries reads rebound_webhook_deliveries_total{outcome="succeeded"} from a
// process's /metrics (0 when it has sent none).
func succeededDeliveries(t *testing.T, p *serveProcess) int {
	t.Helper()
	res, err := http.Get(p.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), `rebound_webhook_deliveries_total{outcome="succeeded"} `); ok {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
	}
	return 0
}

var warnLine = regexp.MustCompile(`"level":"(WARN|ERROR)"`)

// warningsIn returns the log lines at level WARN or ERROR.
func warningsIn(logs string) []string {
	var out []string
	for _, line := range strings.Split(logs, "\n") {
		if warnLine.MatchString(line) {
			out = append(out, line)
		}
	}
	return out
}
