package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
	"github.com/reboundhq/rebound/internal/wire"
)

// env is a running API on a real database, called over real HTTP.
type env struct {
	t      testing.TB
	st     *store.Store
	srv    *httptest.Server
	server *Server
	// deprecations the server announces beyond the committed document's (Config.Deprecations).
	deprecations []wire.Deprecation
	// testRoutes are routes a test added to the server, outside the API and its document.
	testRoutes map[string]bool
}

// testRoute adds a route that exists only for the test (a handler that panics, say). It is not
// in the document, so the contract check only asks its answers to be well-formed problems.
func (e *env) testRoute(method, path string, h echo.HandlerFunc) {
	if e.testRoutes == nil {
		e.testRoutes = map[string]bool{}
	}
	e.testRoutes[method+" "+path] = true
	e.server.echo.Add(method, path, h)
}

// newEnv starts the API on a fresh PostgreSQL database.
func newEnv(t testing.TB, configure ...func(*Config, *app.Config)) *env {
	t.Helper()
	return newEnvOn(t, testdb.Postgres(t), configure...)
}

// newEnvOn starts the API on the given store.
func newEnvOn(t testing.TB, st *store.Store, configure ...func(*Config, *app.Config)) *env {
	t.Helper()
	key, err := st.ServerSecret(context.Background(), "cursor")
	if err != nil {
		t.Fatal(err)
	}
	logOut := io.Discard
	if os.Getenv("REBOUND_TEST_LOG") != "" {
		logOut = os.Stderr
	}
	logger := slog.New(slog.NewJSONHandler(logOut, nil))
	cfg := Config{Logger: logger, CursorKey: key, PublicURL: "http://rebound.test"}
	appCfg := app.Config{Store: st, Logger: logger, PublicURL: "http://rebound.test"}
	for _, f := range configure {
		f(&cfg, &appCfg)
	}
	cfg.App = app.New(appCfg)
	s := New(cfg)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &env{t: t, st: st, srv: srv, server: s, deprecations: cfg.Deprecations}
}

// tenant creates a tenant with an all-scopes key and returns the tenant id and the key.
func (e *env) tenant(name string) (string, string) {
	e.t.Helper()
	ctx := context.Background()
	ten, err := e.st.CreateTenant(ctx, name)
	if err != nil {
		e.t.Fatal(err)
	}
	return ten.ID, e.key(ten.ID, model.AllScopes...)
}

// key creates an API key with the given scopes.
func (e *env) key(tenantID string, scopes ...string) string {
	e.t.Helper()
	s, _ := model.NormalizeScopes(scopes)
	_, secret, err := e.st.CreateAPIKey(context.Background(), tenantID, "test", s)
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// object decodes the body as a JSON object.
func (r response) object(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %s", err, r.Body)
	}
	return m
}

// call sends a request. body may be nil, a string or []byte (sent as is) or any value (sent as
// JSON). headers are name, value pairs; Content-Type defaults to application/json with a body.
func (e *env) call(method, path, key string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	var sent []byte
	if rd != nil {
		sent, _ = io.ReadAll(rd)
		req.Body = io.NopCloser(bytes.NewReader(sent))
	}
	client := *e.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse } // a redirect is an answer to check
	res, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	e.checkContract(req, sent, res, b)
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// mustStatus fails the test unless the response has the status.
func mustStatus(t testing.TB, r response, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d; body: %s", r.Status, want, r.Body)
	}
}

// mustProblem asserts a problem+json response of the status and type slug.
func mustProblem(t testing.TB, r response, status int, slug string) map[string]any {
	t.Helper()
	mustStatus(t, r, status)
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	p := r.object(t)
	if p["type"] != ProblemTypeBase+slug {
		t.Fatalf("problem type %v, want %s; body: %s", p["type"], slug, r.Body)
	}
	if p["status"] != float64(status) || p["title"] == "" || p["instance"] == "" {
		t.Fatalf("incomplete problem: %s", r.Body)
	}
	return p
}

// create POSTs and asserts 201, returning the object.
func (e *env) create(path, key string, body any) map[string]any {
	e.t.Helper()
	r := e.call(http.MethodPost, path, key, body)
	mustStatus(e.t, r, http.StatusCreated)
	return r.object(e.t)
}

// candidate creates a candidate with the external id.
func (e *env) candidate(key, externalID string) string {
	e.t.Helper()
	return e.create("/v1/candidates", key, map[string]any{"external_id": externalID, "display_name": "Dana " + externalID, "timezone": "Europe/London"})["id"].(string)
}

// rejection creates a rejection for the candidate with sensible fields, overridden by extra.
func (e *env) rejection(key, candidateID string, extra map[string]any) map[string]any {
	e.t.Helper()
	body := map[string]any{
		"candidate_id": candidateID, "company": "Northwind Analytics", "role_title": "Backend Engineer",
		"stage": "interview", "channel": "email", "reason_category": "stronger_candidate",
		// Received an hour ago: plans are anchored at the rejection, and a rejection recorded weeks
		// late gets a different (lapsed) plan, which the tests that need it set up themselves.
		"received_at": time.Now().Add(-time.Hour).UTC().Format(time.RFC3339),
		"contacts":    []map[string]any{{"name": "Priya Raman", "role": "hiring_manager", "email": "priya@northwind.example"}},
	}
	for k, v := range extra {
		body[k] = v
	}
	return e.create("/v1/rejections", key, body)
}

// pointers lists the JSON pointers of a validation problem.
func pointers(p map[string]any) []string {
	var out []string
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		out = append(out, e.(map[string]any)["pointer"].(string))
	}
	return out
}

func storeCandidateFilter() model.CandidateFilter { return model.CandidateFilter{} }
func firstPage() model.Page                       { return model.Page{Limit: 10} }
