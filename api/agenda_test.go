package api

import (
	"net/http"
	"testing"
)

// TestAgendaGivesAdviceOnce: across a candidate's open plans the agenda lists each piece of
// advice once, links each item to the plan steps it stands for, answers 304 while nothing
// changed and 404 to another tenant.
func TestAgendaGivesAdviceOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	cand := e.candidate(key, "u")
	for _, stage := range []string{"application", "screening", "interview"} {
		e.rejection(key, cand, map[string]any{"stage": stage, "role_title": "Data Analyst"})
	}
	r := e.call(http.MethodGet, "/v1/candidates/"+cand+"/agenda", key, nil)
	mustStatus(t, r, http.StatusOK)
	agenda := r.object(t)
	items := agenda["items"].([]any)
	if agenda["object"] != "agenda" || agenda["candidate_id"] != cand || len(items) == 0 {
		t.Fatalf("agenda %s", r.Body)
	}
	seen := map[string]bool{}
	for _, it := range items {
		m := it.(map[string]any)
		if seen[m["key"].(string)] {
			t.Fatalf("%s appears twice on the agenda", m["key"])
		}
		seen[m["key"].(string)] = true
		if len(m["links"].([]any)) == 0 {
			t.Fatalf("item %s links to no step", m["key"])
		}
	}
	if !seen["apply_next"] {
		t.Fatalf("no next application on the agenda: %v", seen)
	}
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates/"+cand+"/agenda", key, nil, "If-None-Match", r.Header.Get("ETag")), http.StatusNotModified)
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates/"+cand+"/agenda", other, nil), http.StatusNotFound, "not-found")
}
