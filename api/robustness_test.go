package api

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
)

// TestInsightsAnswer304WhileUnchanged: insights carry the time they were computed, yet their
// ETag names their content, so a client polling with If-None-Match gets 304 until something
// changes.
func TestInsightsAnswer304WhileUnchanged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	e.rejection(key, cand, nil)
	first := e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil)
	mustStatus(t, first, http.StatusOK)
	etag := first.Header.Get("ETag")
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil, "If-None-Match", etag), http.StatusNotModified)
	e.rejection(key, cand, map[string]any{"stage": "final_round"})
	changed := e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil, "If-None-Match", etag)
	mustStatus(t, changed, http.StatusOK)
	if changed.Header.Get("ETag") == etag {
		t.Fatal("a new rejection did not change the insights' ETag")
	}
}

// TestPanicIsLoggedWithItsStack: a handler that panics answers the fixed 500 problem, and the
// log line carries the panic and its stack with the request id, once.
func TestPanicIsLoggedWithItsStack(t *testing.T) {
	t.Parallel()
	logs := &syncLog{}
	e := newEnv(t, func(c *Config, a *app.Config) { c.Logger = slog.New(slog.NewJSONHandler(logs, nil)) })
	e.testRoute(http.MethodGet, "/test-panic", func(echo.Context) error { panic("kaboom") })
	r := e.call(http.MethodGet, "/test-panic", "", nil)
	p := mustProblem(t, r, http.StatusInternalServerError, "internal-error")
	if strings.Contains(string(r.Body), "kaboom") {
		t.Fatal("the panic leaked into the response")
	}
	var panics []map[string]any
	for _, l := range logs.lines() {
		if l["level"] == "ERROR" {
			panics = append(panics, l)
		}
	}
	if len(panics) != 1 || panics[0]["panic"] != "kaboom" || !strings.Contains(panics[0]["stack"].(string), "robustness_test.go") || panics[0]["request_id"] != p["request_id"] {
		t.Fatalf("panic log lines: %v", panics)
	}
}
