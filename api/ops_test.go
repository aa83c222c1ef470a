package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/reboundhq/rebound/internal/app"
)

func TestOperationalEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	mustStatus(t, e.call(http.MethodGet, "/healthz", "", nil), http.StatusOK)
	mustStatus(t, e.call(http.MethodGet, "/readyz", "", nil), http.StatusOK)
	e.call(http.MethodGet, "/v1/candidates", key, nil)
	m := e.call(http.MethodGet, "/metrics", "", nil)
	mustStatus(t, m, http.StatusOK)
	for _, want := range []string{`rebound_http_requests_total{method="GET",route="/v1/candidates",status="200"}`, "rebound_http_request_duration_seconds_bucket"} {
		if !strings.Contains(string(m.Body), want) {
			t.Fatalf("metrics lack %s", want)
		}
	}
	docs := e.call(http.MethodGet, "/docs", "", nil)
	mustStatus(t, docs, http.StatusOK)
	if !strings.Contains(string(docs.Body), "swagger-ui") || docs.Header.Get("Content-Security-Policy") == "" {
		t.Fatal("docs page incomplete")
	}
	mustStatus(t, e.call(http.MethodGet, "/docs/assets/swagger-ui-bundle.js", "", nil), http.StatusOK)
	mustProblem(t, e.call(http.MethodGet, "/docs/assets/..%2fdocs.go", "", nil), http.StatusNotFound, "not-found")

	spec := e.call(http.MethodGet, "/openapi.yaml", "", nil)
	mustStatus(t, spec, http.StatusOK)
	doc, err := openapi3.NewLoader().LoadFromData(spec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("served OpenAPI document is invalid: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("OpenAPI version %s", doc.OpenAPI)
	}
}

func TestRequestIDIsEchoedOrMade(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.call(http.MethodGet, "/healthz", "", nil, "X-Request-ID", "trace-abc.123")
	if r.Header.Get("X-Request-ID") != "trace-abc.123" {
		t.Fatalf("request id not echoed: %q", r.Header.Get("X-Request-ID"))
	}
	r = e.call(http.MethodGet, "/v1/candidates", "", nil, "X-Request-ID", "bad id with spaces")
	id := r.Header.Get("X-Request-ID")
	if id == "" || strings.Contains(id, " ") {
		t.Fatalf("unsafe request id kept: %q", id)
	}
	if p := r.object(t); p["request_id"] != id {
		t.Fatalf("problem request_id %v, header %s", p["request_id"], id)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *Config, _ *app.Config) { c.RateLimit, c.RateBurst = 1, 3 })
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	var limited response
	for i := 0; i < 10; i++ {
		r := e.call(http.MethodGet, "/v1/candidates", key, nil)
		if r.Header.Get("RateLimit-Policy") == "" || r.Header.Get("RateLimit") == "" {
			t.Fatalf("rate limit headers missing: %v", r.Header)
		}
		if r.Status == http.StatusTooManyRequests {
			limited = r
			break
		}
	}
	mustProblem(t, limited, http.StatusTooManyRequests, "rate-limited")
	if limited.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	// The limit is per key: another key is unaffected.
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates", other, nil), http.StatusOK)
}
