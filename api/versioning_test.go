package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/wire"
)

// TestEveryResponseNamesTheAPIVersion: the operational endpoints, the API, its errors and
// unknown routes all carry Rebound-Version (the contract check also requires it on every
// documented response).
func TestEveryResponseNamesTheAPIVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	for _, r := range []response{
		e.call(http.MethodGet, "/healthz", "", nil),
		e.call(http.MethodGet, "/v1/candidates", key, nil),
		e.call(http.MethodGet, "/v1/candidates", "", nil),
		e.call(http.MethodGet, "/v1/nowhere", key, nil),
		e.call(http.MethodGet, "/docs", "", nil),
	} {
		if got := r.Header.Get("Rebound-Version"); got != wire.APIVersion {
			t.Fatalf("Rebound-Version %q on a %d, want %s", got, r.Status, wire.APIVersion)
		}
	}
}

// TestDeprecationIsAnnounced: a route with something deprecated says so on every response
// (RFC 9745 Deprecation, RFC 8594 Sunset, a Link to the notice), whatever the status; other
// routes say nothing.
func TestDeprecationIsAnnounced(t *testing.T) {
	t.Parallel()
	since := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	sunset := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	deps := []wire.Deprecation{
		{Method: http.MethodGet, Route: "/v1/candidates/:id", Schema: "Candidate", Property: "locale", Since: since, Sunset: sunset,
			Notice: "https://rebound.dev/changelog#2026-12-01"},
		{Method: http.MethodGet, Route: "/v1/candidates/:id", Schema: "Candidate", Property: "timezone", Since: since.AddDate(0, 1, 0), Sunset: sunset.AddDate(0, -1, 0),
			Notice: "https://rebound.dev/changelog#2027-01-01"},
	}
	e := newEnv(t, func(c *Config, _ *app.Config) { c.Deprecations = deps })
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	for _, r := range []response{
		e.call(http.MethodGet, "/v1/candidates/"+cand, key, nil),
		e.call(http.MethodGet, "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", key, nil),
	} {
		if got := r.Header.Get("Deprecation"); got != "@"+strconv.FormatInt(since.Unix(), 10) {
			t.Fatalf("%d: Deprecation %q (the earliest announcement)", r.Status, got)
		}
		if got := r.Header.Get("Sunset"); got != "Sat, 01 May 2027 00:00:00 GMT" {
			t.Fatalf("%d: Sunset %q (the earliest sunset)", r.Status, got)
		}
		if got := r.Header.Get("Link"); !strings.Contains(got, `<https://rebound.dev/changelog#2026-12-01>; rel="deprecation"`) ||
			!strings.Contains(got, "2027-01-01") {
			t.Fatalf("%d: Link %q", r.Status, got)
		}
	}
	if r := e.call(http.MethodGet, "/v1/candidates", key, nil); r.Header.Get("Deprecation") != "" || r.Header.Get("Sunset") != "" {
		t.Fatalf("a route with nothing deprecated announces %v", r.Header)
	}
}
