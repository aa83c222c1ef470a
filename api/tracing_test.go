package api

import (
	"net/http"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// tracedEnv starts the API with tracing into a span recorder, on the server and the store.
func tracedEnv(t *testing.T) (*env, *tracetest.SpanRecorder) {
	t.Helper()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	t.Cleanup(func() { tp.Shutdown(t.Context()) })
	st := testdb.PostgresWith(t, func(c *store.Config) { c.TracerProvider = tp })
	return newEnvOn(t, st, func(c *Config, _ *app.Config) { c.TracerProvider = tp }), rec
}

func attrs(s sdktrace.ReadOnlySpan) map[string]string {
	m := map[string]string{}
	for _, kv := range s.Attributes() {
		m[string(kv.Key)] = kv.Value.Emit()
	}
	return m
}

// TestTracingRecordsRequestsAndTheirDatabaseCalls: with a tracer provider, a request yields a
// server span named after its route, continuing the caller's traceparent, with method, route
// and status, and the statements it ran are database spans below it. Statements outside any
// request (here the test's own setup) are not traced, and no span carries a path, a token or a
// value written.
func TestTracingRecordsRequestsAndTheirDatabaseCalls(t *testing.T) {
	t.Parallel()
	e, rec := tracedEnv(t)
	_, key := e.tenant("traced")
	if n := len(rec.Ended()); n != 0 {
		t.Fatalf("setup outside any request recorded %d spans", n)
	}

	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	r := e.call(http.MethodPost, "/v1/candidates", key, map[string]any{"external_id": "secret-external-id", "display_name": "Dana Private"},
		"traceparent", "00-"+traceID+"-"+parentID+"-01")
	mustStatus(t, r, http.StatusCreated)
	mustStatus(t, e.call(http.MethodGet, "/f/frt_not-a-real-token-but-a-credential", "", nil), http.StatusNotFound)

	spans := rec.Ended()
	byID := map[trace.SpanID]sdktrace.ReadOnlySpan{}
	var server sdktrace.ReadOnlySpan
	for _, s := range spans {
		byID[s.SpanContext().SpanID()] = s
		if s.SpanKind() == trace.SpanKindServer && s.Name() == "POST /v1/candidates" {
			server = s
		}
		for k, v := range attrs(s) {
			if strings.Contains(v, "secret-external-id") || strings.Contains(v, "Dana Private") || strings.Contains(v, "frt_") {
				t.Errorf("span %q attribute %s carries request data: %s", s.Name(), k, v)
			}
		}
		if strings.Contains(s.Name(), "frt_") {
			t.Errorf("span named after the path: %q", s.Name())
		}
	}
	if server == nil {
		t.Fatalf("no server span POST /v1/candidates among %d spans", len(spans))
	}
	a := attrs(server)
	if a["http.request.method"] != "POST" || a["http.route"] != "/v1/candidates" || a["http.response.status_code"] != "201" || a["rebound.tenant_id"] == "" {
		t.Errorf("server span attributes %v", a)
	}
	if server.SpanContext().TraceID().String() != traceID || server.Parent().SpanID().String() != parentID {
		t.Errorf("server span did not continue the caller's trace: trace %s, parent %s", server.SpanContext().TraceID(), server.Parent().SpanID())
	}

	// Every database span of the request descends from its server span.
	var statements []string
	sawTx := false
	for _, s := range spans {
		if s.SpanContext().TraceID() != server.SpanContext().TraceID() || s == server {
			continue
		}
		ancestor := s
		for ancestor != nil && ancestor != server {
			ancestor = byID[ancestor.Parent().SpanID()]
		}
		if ancestor == nil {
			t.Errorf("span %q is not below the request's server span", s.Name())
		}
		sawTx = sawTx || s.Name() == "transaction"
		if q := attrs(s)["db.query.text"]; q != "" {
			if attrs(s)["db.system.name"] != "postgresql" {
				t.Errorf("database span %q attributes %v", s.Name(), attrs(s))
			}
			statements = append(statements, s.Name())
		}
	}
	if !sawTx || !strings.Contains(strings.Join(statements, ","), "INSERT candidates") {
		t.Errorf("database spans below the request: transaction %v, statements %v", sawTx, statements)
	}

	var page sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.SpanKind() == trace.SpanKindServer && attrs(s)["http.route"] == "/f/:token" {
			page = s
		}
	}
	if page == nil || page.Name() != "GET /f/:token" || attrs(page)["http.response.status_code"] != "404" {
		t.Errorf("feedback page span: %v", page)
	}
}

// TestTracingOffRecordsNothing: without a tracer provider in the configuration nothing is
// traced, even when the process has a global one (a library may have set it).
func TestTracingOffRecordsNothing(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	previous := otel.GetTracerProvider()
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { otel.SetTracerProvider(previous); tp.Shutdown(t.Context()) })

	e := newEnv(t)
	_, key := e.tenant("untraced")
	cand := e.candidate(key, "u-1")
	e.rejection(key, cand, nil)
	mustStatus(t, e.call(http.MethodGet, "/v1/rejections?candidate_id="+cand, key, nil, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), http.StatusOK)
	if n := len(rec.Ended()) + len(rec.Started()); n != 0 {
		t.Fatalf("tracing off recorded %d spans", n)
	}
}
