package api

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// TestMetricsCardinalityIsBounded: made-up methods and paths, sent without a key, cannot create
// series: unknown methods are labelled OTHER and unmatched paths share one route label.
func TestMetricsCardinalityIsBounded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rng := rand.New(rand.NewPCG(1, 2))
	letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for i := 0; i < 1000; i++ {
		method := make([]byte, 3+rng.IntN(8))
		for j := range method {
			method[j] = letters[rng.IntN(len(letters))]
		}
		path := fmt.Sprintf("/%x/%d", rng.Uint64(), i)
		if i%3 == 0 {
			path = "/v1/rejections/" + path[1:]
		}
		e.call(string(method), path, "", nil)
	}
	m := e.call(http.MethodGet, "/metrics", "", nil)
	mustStatus(t, m, http.StatusOK)
	series := 0
	for _, line := range strings.Split(string(m.Body), "\n") {
		if strings.HasPrefix(line, "rebound_http_requests_total{") {
			series++
			if !strings.Contains(line, `method="OTHER"`) && !strings.Contains(line, `method="GET"`) {
				t.Errorf("a made-up method became a label: %s", line)
			}
		}
	}
	if series == 0 || series > 10 {
		t.Fatalf("%d request series after 1000 made-up requests, want a handful:\n%s", series, m.Body)
	}
}

// TestHeadAndSecurityHeaders: GET routes answer HEAD, JSON is never sniffed, and authenticated
// responses are not cached.
func TestHeadAndSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")
	get := e.call(http.MethodGet, "/v1/candidates/"+cand, key, nil)
	head := e.call(http.MethodHead, "/v1/candidates/"+cand, key, nil)
	mustStatus(t, head, http.StatusOK)
	if len(head.Body) != 0 || head.Header.Get("ETag") != get.Header.Get("ETag") {
		t.Fatalf("HEAD: body %q, ETag %q vs GET %q", head.Body, head.Header.Get("ETag"), get.Header.Get("ETag"))
	}
	for _, r := range []response{get, head, e.call(http.MethodGet, "/v1/candidates/"+cand, "", nil), e.call(http.MethodGet, "/healthz", "", nil)} {
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("status %d without nosniff", r.Status)
		}
	}
	for _, r := range []response{get, head} {
		if r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("authenticated response cacheable: %q", r.Header.Get("Cache-Control"))
		}
	}
	mustStatus(t, e.call(http.MethodHead, "/healthz", "", nil), http.StatusOK)
	if r := e.call(http.MethodHead, "/v1/nothing-here", key, nil); r.Status != http.StatusNotFound || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("HEAD of an unknown path: %d %q", r.Status, r.Header.Get("Content-Type"))
	}
}
