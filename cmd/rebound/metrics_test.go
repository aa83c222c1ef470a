package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestEveryAlertMetricIsExported: every metric the Prometheus alert rules rely on
// (deploy/prometheus/metrics.txt, also checked against alerts.yaml by deploy/check) is on the
// /metrics of the real binary, both in an API process and in a worker-only process.
func TestEveryAlertMetricIsExported(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../deploy/prometheus/metrics.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Fields(string(raw))
	if len(names) < 5 {
		t.Fatalf("metrics.txt lists only %v", names)
	}
	dbURL := testdb.PostgresURL(t)
	api := startServe(t, dbURL, "1")
	// One request, so the request counter and histogram have a series.
	if res, err := http.Get(api.base + "/healthz"); err == nil {
		res.Body.Close()
	}
	worker := exec.Command(buildBinary(t), "worker")
	workerAddr := freeAddr(t)
	worker.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "REBOUND_ADDR="+workerAddr)
	worker.Stdout, worker.Stderr = io.Discard, io.Discard
	if err := worker.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { worker.Process.Kill(); worker.Wait() })
	waitReady(t, "http://"+workerAddr)
	if res, err := http.Get("http://" + workerAddr + "/v1/candidates"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("a worker serves the API: %v %v", res, err)
	}
	for process, base := range map[string]string{"serve": api.base, "worker": "http://" + workerAddr} {
		res, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		// The statement counter (how the load benchmark reports statements per request) counts:
		// both processes have read the database by now.
		if !strings.Contains(string(body), "\nrebound_db_statements_total ") || strings.Contains(string(body), "\nrebound_db_statements_total 0\n") {
			t.Errorf("%s /metrics has no running rebound_db_statements_total", process)
		}
		for _, name := range names {
			if process == "worker" && strings.HasPrefix(name, "rebound_http_") {
				continue // a worker serves no API requests
			}
			if !strings.Contains(string(body), "\n# TYPE "+name+" ") {
				t.Errorf("%s /metrics lacks %s", process, name)
			}
		}
	}
}
