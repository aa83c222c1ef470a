package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/reboundhq/rebound/internal/testdb"
)

func TestTracingIsOffUnlessAnOTLPEndpointIsSet(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, true},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"}, false},
	} {
		cfg, err := loadConfig(envOf(c.env))
		if err != nil || cfg.Tracing != c.want {
			t.Errorf("%v: tracing %v (%v), want %v", c.env, cfg.Tracing, err, c.want)
		}
	}
}

// collector is a fake OpenTelemetry collector: it accepts OTLP/HTTP trace exports and keeps
// the names of the spans, by service.
type collector struct {
	mu    sync.Mutex
	spans map[string][]string // service.name → span names
	srv   *httptest.Server
}

func newCollector(t *testing.T) *collector {
	c := &collector{spans: map[string][]string{}}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req coltracepb.ExportTraceServiceRequest
		if r.URL.Path != "/v1/traces" || proto.Unmarshal(body, &req) != nil {
			http.Error(w, "not an OTLP trace export", http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, rs := range req.ResourceSpans {
			service := ""
			for _, kv := range rs.Resource.GetAttributes() {
				if kv.Key == "service.name" {
					service = kv.Value.GetStringValue()
				}
			}
			for _, ss := range rs.ScopeSpans {
				for _, s := range ss.Spans {
					c.spans[service] = append(c.spans[service], s.Name)
				}
			}
		}
		w.Header().Set("Content-Type", "application/x-protobuf")
		w.Write(nil)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

func (c *collector) has(service, name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.spans[service] {
		if n == name {
			return true
		}
	}
	return false
}

// TestServeExportsTracesOverOTLP: with the standard OTEL_EXPORTER_OTLP_ENDPOINT set, the binary
// exports a request's server span and its database spans to the collector, under the service
// name from OTEL_SERVICE_NAME.
func TestServeExportsTracesOverOTLP(t *testing.T) {
	t.Parallel()
	dbURL := testdb.PostgresURL(t)
	key := tenantKey(t, dbURL)
	col := newCollector(t)
	p := startRebound(t, "serve", "DATABASE_URL="+dbURL, "REBOUND_WORKERS=0",
		"OTEL_EXPORTER_OTLP_ENDPOINT="+col.srv.URL, "OTEL_SERVICE_NAME=rebound-traced", "OTEL_BSP_SCHEDULE_DELAY=50")
	p.post(t, key, "/v1/candidates", map[string]any{"external_id": "traced"})
	waitFor(t, "the request's spans at the collector", 30*time.Second, func() bool {
		return col.has("rebound-traced", "POST /v1/candidates") && col.has("rebound-traced", "INSERT candidates") && col.has("rebound-traced", "transaction")
	})
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		if p.exitErr != nil {
			t.Fatalf("exit with tracing on: %v\n%s", p.exitErr, p.logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
}
