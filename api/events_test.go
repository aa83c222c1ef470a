package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func eventTypes(t *testing.T, r response) []string {
	t.Helper()
	var out []string
	for _, d := range r.object(t)["data"].([]any) {
		out = append(out, d.(map[string]any)["type"].(string))
	}
	return out
}

func TestEveryChangeRecordsAnEvent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")
	rej := e.rejection(key, cand, nil)["id"].(string)
	mustStatus(t, e.call(http.MethodPatch, "/v1/rejections/"+rej, key, `{"status":"closed"}`), http.StatusOK)
	mustStatus(t, e.call(http.MethodPatch, "/v1/candidates/"+cand, key, `{"display_name":"D"}`), http.StatusOK)
	// Refused writes record nothing.
	mustProblem(t, e.call(http.MethodPatch, "/v1/rejections/"+rej, key, `{"stage":"nope"}`), http.StatusUnprocessableEntity, "validation-error")
	mustStatus(t, e.call(http.MethodDelete, "/v1/rejections/"+rej, key, nil), http.StatusNoContent)

	r := e.call(http.MethodGet, "/v1/events", key, nil)
	mustStatus(t, r, http.StatusOK)
	want := "candidate.created,rejection.created,recovery_plan.created,rejection.updated,candidate.updated,rejection.deleted"
	if got := strings.Join(eventTypes(t, r), ","); got != want {
		t.Fatalf("events %s, want %s", got, want)
	}
	data := r.object(t)["data"].([]any)
	created := data[1].(map[string]any)
	obj := created["data"].(map[string]any)["object"].(map[string]any)
	// The rejection was deleted, so the events that carried its data are redacted to type and id.
	if created["object"] != "event" || obj["object"] != "rejection" || obj["id"] != rej || obj["redacted"] != true || len(obj) != 3 {
		t.Fatalf("rejection.created payload after the deletion %v", created)
	}
	deleted := data[5].(map[string]any)["data"].(map[string]any)["object"].(map[string]any)
	if len(deleted) != 3 || deleted["id"] != rej || deleted["deleted"] != true {
		t.Fatalf("a deletion event carries more than id and type: %v", deleted)
	}

	// One event by id, byte-identical to the list entry; another tenant gets 404.
	evID := created["id"].(string)
	one := e.call(http.MethodGet, "/v1/events/"+evID, key, nil)
	mustStatus(t, one, http.StatusOK)
	listed, _ := json.Marshal(created)
	var a, b any
	json.Unmarshal(one.Body, &a)
	json.Unmarshal(listed, &b)
	if ja, jb := mustJSON(a), mustJSON(b); ja != jb {
		t.Fatalf("GET event differs from its list entry:\n%s\n%s", ja, jb)
	}
	_, other := e.tenant("globex")
	mustProblem(t, e.call(http.MethodGet, "/v1/events/"+evID, other, nil), http.StatusNotFound, "not-found")
	if n := len(e.call(http.MethodGet, "/v1/events", other, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("tenant B sees %d of A's events", n)
	}

	// Filters.
	if got := eventTypes(t, e.call(http.MethodGet, "/v1/events?type=rejection.updated", key, nil)); len(got) != 1 {
		t.Fatalf("type filter: %v", got)
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/events?type=rejection.exploded", key, nil), http.StatusUnprocessableEntity, "validation-error")
	future := url.QueryEscape(time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	if got := eventTypes(t, e.call(http.MethodGet, "/v1/events?created_after="+future, key, nil)); len(got) != 0 {
		t.Fatalf("created_after filter: %v", got)
	}
}

// TestEventPollingResumes shows the polling contract: the last page's next_cursor returns only
// events recorded after it.
func TestEventPollingResumes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	e.candidate(key, "u-1")
	first := e.call(http.MethodGet, "/v1/events?limit=10", key, nil).object(t)
	cursor, _ := first["next_cursor"].(string)
	if first["has_more"] != false || cursor == "" {
		t.Fatalf("first poll: %v", first)
	}
	e.candidate(key, "u-2")
	next := e.call(http.MethodGet, "/v1/events?limit=10&cursor="+url.QueryEscape(cursor), key, nil)
	mustStatus(t, next, http.StatusOK)
	data := next.object(t)["data"].([]any)
	if len(data) != 1 || data[0].(map[string]any)["data"].(map[string]any)["object"].(map[string]any)["external_id"] != "u-2" {
		t.Fatalf("resumed poll: %s", next.Body)
	}
}

func TestErasureRemovesEventsWithPersonalData(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "secret-person")
	e.rejection(key, cand, nil)
	mustStatus(t, e.call(http.MethodDelete, "/v1/candidates/"+cand, key, nil), http.StatusNoContent)
	r := e.call(http.MethodGet, "/v1/events", key, nil)
	if strings.Contains(string(r.Body), "secret-person") || strings.Contains(string(r.Body), "Northwind") {
		t.Fatalf("events still hold the erased candidate's data: %s", r.Body)
	}
	if got := strings.Join(eventTypes(t, r), ","); got != "candidate.deleted" {
		t.Fatalf("events after erasure: %s", got)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestEventsFilterByCandidate: candidate_id narrows the feed to the events that carry that
// candidate's data, and its cursor stays bound to the filter.
func TestEventsFilterByCandidate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	a, b := e.candidate(key, "a"), e.candidate(key, "b")
	e.rejection(key, a, nil)
	e.rejection(key, b, nil)
	r := e.call(http.MethodGet, "/v1/events?limit=100&candidate_id="+a, key, nil)
	mustStatus(t, r, http.StatusOK)
	data := r.object(t)["data"].([]any)
	if len(data) != 3 { // candidate.created, rejection.created, recovery_plan.created
		t.Fatalf("%d events for candidate a: %v", len(data), eventTypes(t, r))
	}
	for _, d := range data {
		obj := d.(map[string]any)["data"].(map[string]any)["object"].(map[string]any)
		if obj["id"] != a && obj["candidate_id"] != a {
			t.Fatalf("an event of another candidate: %v", obj)
		}
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/events?candidate_id=nope", key, nil), http.StatusUnprocessableEntity, "validation-error")
	page := e.call(http.MethodGet, "/v1/events?limit=1&candidate_id="+a, key, nil).object(t)
	cursor := page["next_cursor"].(string)
	mustProblem(t, e.call(http.MethodGet, "/v1/events?limit=1&candidate_id="+b+"&cursor="+url.QueryEscape(cursor), key, nil), http.StatusBadRequest, "invalid-cursor")
}
