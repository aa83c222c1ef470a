package api

import (
	"bytes"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestTenantIsolation calls every id-bearing endpoint as tenant B with tenant A's ids: each must
// answer 404 exactly like a missing id, and A's data must be unchanged afterwards.
func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tenantA, keyA := e.tenant("a")
	_, keyB := e.tenant("b")
	cand := e.candidate(keyA, "a-user")
	rej := e.rejection(keyA, cand, nil)["id"].(string)
	extraKey := e.create("/v1/api-keys", keyA, map[string]any{"name": "ci", "scopes": []string{"read"}})["id"].(string)
	_ = tenantA

	snapshot := func() [][]byte {
		return [][]byte{
			e.call(http.MethodGet, "/v1/candidates/"+cand, keyA, nil).Body,
			e.call(http.MethodGet, "/v1/rejections/"+rej, keyA, nil).Body,
			e.call(http.MethodGet, "/v1/api-keys", keyA, nil).Body,
		}
	}
	before := snapshot()

	calls := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/v1/candidates/" + cand, nil},
		{http.MethodPatch, "/v1/candidates/" + cand, `{"display_name":"pwned"}`},
		{http.MethodDelete, "/v1/candidates/" + cand, nil},
		{http.MethodGet, "/v1/rejections/" + rej, nil},
		{http.MethodPatch, "/v1/rejections/" + rej, `{"company":"pwned"}`},
		{http.MethodDelete, "/v1/rejections/" + rej, nil},
		{http.MethodDelete, "/v1/api-keys/" + extraKey, nil},
	}
	for _, c := range calls {
		r := e.call(c.method, c.path, keyB, c.body)
		mustProblem(t, r, http.StatusNotFound, "not-found")
	}
	// Referencing A's candidate from B's write is "no such candidate", not a leak.
	mustProblem(t, e.call(http.MethodPost, "/v1/rejections", keyB, map[string]any{"candidate_id": cand, "company": "x", "role_title": "y", "stage": "interview"}), http.StatusUnprocessableEntity, "validation-error")
	// Lists never show A's rows to B, even filtered by A's ids.
	for _, path := range []string{"/v1/candidates", "/v1/rejections", "/v1/rejections?candidate_id=" + cand, "/v1/candidates?external_id=a-user"} {
		r := e.call(http.MethodGet, path, keyB, nil)
		mustStatus(t, r, http.StatusOK)
		if n := len(r.object(t)["data"].([]any)); n != 0 {
			t.Fatalf("%s showed %d of tenant A's rows to tenant B", path, n)
		}
	}
	keysB := e.call(http.MethodGet, "/v1/api-keys", keyB, nil).object(t)["data"].([]any)
	if len(keysB) != 1 {
		t.Fatalf("tenant B sees %d keys, want only its own", len(keysB))
	}
	after := snapshot()
	for i := range before {
		if !bytes.Equal(before[i], after[i]) {
			t.Fatalf("tenant A's data changed:\nbefore %s\nafter  %s", before[i], after[i])
		}
	}
}

// TestEveryIDRouteIsIsolated walks the route table itself: every /v1 route with an id in its
// path, called by tenant B with tenant A's ids, answers 404 like a missing id and changes
// nothing. A new id-bearing route without an entry in idOf fails the test, so none is missed.
func TestEveryIDRouteIsIsolated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, keyA := e.tenant("a")
	_, keyB := e.tenant("b")
	cand := e.candidate(keyA, "a-user")
	rejection := e.rejection(keyA, cand, nil)
	rej := rejection["id"].(string)
	frq := e.create("/v1/rejections/"+rej+"/feedback-requests", keyA, map[string]any{"recipient": map[string]any{"name": "Priya"}})["id"].(string)
	fb := e.create("/v1/rejections/"+rej+"/feedback", keyA, map[string]any{"source": "coach", "summary": "x"})["id"].(string)
	rfl := e.create("/v1/rejections/"+rej+"/reflections", keyA, map[string]any{"answers": map[string]any{"mood": 3}})["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", keyA, nil).object(t)
	step := plan["steps"].([]any)[0].(map[string]any)["id"].(string)
	we := e.create("/v1/webhook-endpoints", keyA, map[string]any{"url": "https://hooks.example.com/a", "enabled_events": []string{"*"}})["id"].(string)
	apiKey := e.create("/v1/api-keys", keyA, map[string]any{"scopes": []string{"read"}})["id"].(string)
	events := e.call(http.MethodGet, "/v1/events?limit=1", keyA, nil).object(t)["data"].([]any)
	evt := events[0].(map[string]any)["id"].(string)
	// idOf gives tenant A's id for the collection a route's id belongs to.
	idOf := map[string]string{
		"candidates": cand, "rejections": rej, "feedback-requests": frq, "feedback": fb, "reflections": rfl,
		"recovery-plans": plan["id"].(string), "webhook-endpoints": we, "api-keys": apiKey, "events": evt,
	}
	before := tableCounts(t, e)
	covered := 0
	var routes []string
	for _, rt := range e.server.echo.Routes() {
		if !strings.HasPrefix(rt.Path, "/v1/") || strings.HasPrefix(rt.Path, "/v1/public/") || !strings.Contains(rt.Path, "/:") || rt.Method == http.MethodHead {
			continue
		}
		routes = append(routes, rt.Method+" "+rt.Path)
	}
	sort.Strings(routes)
	for _, route := range routes {
		method, pattern, _ := strings.Cut(route, " ")
		segments := strings.Split(strings.TrimPrefix(pattern, "/v1/"), "/")
		for i, seg := range segments {
			switch {
			case seg == ":step_id":
				segments[i] = step
			case seg == ":kind":
				segments[i] = "thank-you"
			case strings.HasPrefix(seg, ":"):
				id, ok := idOf[segments[i-1]]
				if !ok {
					t.Fatalf("%s: no fixture for the id of %q; add one to idOf", route, segments[i-1])
				}
				segments[i] = id
			}
		}
		var body any
		if method == http.MethodPost || method == http.MethodPatch {
			body = `{}`
		}
		r := e.call(method, "/v1/"+strings.Join(segments, "/"), keyB, body)
		if r.Status != http.StatusNotFound {
			t.Errorf("%s as another tenant: %d %s", route, r.Status, r.Body)
			continue
		}
		mustProblem(t, r, http.StatusNotFound, "not-found")
		covered++
	}
	t.Logf("%d id-bearing routes answered 404 to another tenant", covered)
	if covered < 25 {
		t.Fatalf("only %d id-bearing routes found: %v", covered, routes)
	}
	if after := tableCounts(t, e); !reflect.DeepEqual(before, after) {
		t.Fatalf("another tenant's calls changed tenant A's data:\nbefore %v\nafter  %v", before, after)
	}
}

// TestStoreFailsClosedWithoutTenant proves the scoping helper refuses an empty tenant instead of
// matching every tenant's rows.
func TestStoreFailsClosedWithoutTenant(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("a")
	e.candidate(key, "u")
	if _, _, err := e.st.Candidates(t.Context(), "", storeCandidateFilter(), firstPage()); err == nil {
		t.Fatal("listing candidates with an empty tenant id succeeded")
	}
	if _, err := e.st.Rejection(t.Context(), "", "rej_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"); err == nil {
		t.Fatal("reading a rejection with an empty tenant id succeeded")
	}
}
