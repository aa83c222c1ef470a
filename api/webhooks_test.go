package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestWebhookEndpointManagement(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	// https is required and private targets are refused by default.
	for _, u := range []string{"http://hooks.example.com/x", "https://127.0.0.1/x", "https://169.254.169.254/", "not a url"} {
		p := mustProblem(t, e.call(http.MethodPost, "/v1/webhook-endpoints", key, map[string]any{"url": u, "enabled_events": []string{"*"}}), http.StatusUnprocessableEntity, "validation-error")
		if !slices.Contains(pointers(p), "/url") {
			t.Fatalf("%s: %v", u, pointers(p))
		}
	}
	p := mustProblem(t, e.call(http.MethodPost, "/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/x", "enabled_events": []string{"rejection.exploded"}}), http.StatusUnprocessableEntity, "validation-error")
	if !slices.Contains(pointers(p), "/enabled_events/0") {
		t.Fatalf("unknown event type: %v", pointers(p))
	}

	w := e.create("/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/rebound", "enabled_events": []string{"rejection.created"}, "description": "prod"})
	id := w["id"].(string)
	secret, _ := w["secret"].(string)
	if !strings.HasPrefix(secret, "whsec_") || w["object"] != "webhook_endpoint" {
		t.Fatalf("created endpoint %v", w)
	}
	got := e.call(http.MethodGet, "/v1/webhook-endpoints/"+id, key, nil)
	mustStatus(t, got, http.StatusOK)
	if strings.Contains(string(got.Body), "whsec_") {
		t.Fatal("the secret is shown after creation")
	}
	// Events the endpoint subscribes to queue deliveries; others do not.
	cand := e.candidate(key, "u-1")
	e.rejection(key, cand, nil)
	deliveries := e.call(http.MethodGet, "/v1/webhook-endpoints/"+id+"/deliveries", key, nil)
	mustStatus(t, deliveries, http.StatusOK)
	data := deliveries.object(t)["data"].([]any)
	if len(data) != 1 || data[0].(map[string]any)["event_type"] != "rejection.created" || data[0].(map[string]any)["status"] != "pending" {
		t.Fatalf("deliveries %s", deliveries.Body)
	}

	patched := e.call(http.MethodPatch, "/v1/webhook-endpoints/"+id, key, `{"enabled_events":["*"],"disabled":true}`)
	mustStatus(t, patched, http.StatusOK)
	if o := patched.object(t); o["disabled"] != true || o["disabled_reason"] == "" {
		t.Fatalf("patch %v", o)
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/webhook-endpoints/"+id+"/test", key, nil), http.StatusConflict, "conflict")
	mustStatus(t, e.call(http.MethodPatch, "/v1/webhook-endpoints/"+id, key, `{"disabled":false}`), http.StatusOK)
	ping := e.call(http.MethodPost, "/v1/webhook-endpoints/"+id+"/test", key, nil)
	mustStatus(t, ping, http.StatusAccepted)
	if ping.object(t)["event_type"] != "ping" {
		t.Fatalf("ping %s", ping.Body)
	}

	rotated := e.call(http.MethodPost, "/v1/webhook-endpoints/"+id+"/rotate-secret", key, nil)
	mustStatus(t, rotated, http.StatusOK)
	if s2, _ := rotated.object(t)["secret"].(string); !strings.HasPrefix(s2, "whsec_") || s2 == secret {
		t.Fatalf("rotation returned %q", s2)
	}

	// Redeliver an event to every subscribed endpoint, or to one.
	evs := e.call(http.MethodGet, "/v1/events?type=rejection.created", key, nil).object(t)["data"].([]any)
	evID := evs[0].(map[string]any)["id"].(string)
	re := e.call(http.MethodPost, "/v1/events/"+evID+"/redeliver", key, map[string]any{"endpoint_id": id})
	mustStatus(t, re, http.StatusAccepted)
	if n := len(re.object(t)["data"].([]any)); n != 1 {
		t.Fatalf("redeliver queued %d", n)
	}
	all := e.call(http.MethodPost, "/v1/events/"+evID+"/redeliver", key, nil)
	mustStatus(t, all, http.StatusAccepted)
	mustProblem(t, e.call(http.MethodPost, "/v1/events/"+evID+"/redeliver", key, map[string]any{"endpoint_id": "we_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"}), http.StatusUnprocessableEntity, "validation-error")

	list := e.call(http.MethodGet, "/v1/webhook-endpoints", key, nil)
	mustStatus(t, list, http.StatusOK)
	if n := len(list.object(t)["data"].([]any)); n != 1 {
		t.Fatalf("%d endpoints listed", n)
	}
	mustStatus(t, e.call(http.MethodDelete, "/v1/webhook-endpoints/"+id, key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/webhook-endpoints/"+id, key, nil), http.StatusNotFound, "not-found")
}

func TestWebhookTenantIsolation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, keyA := e.tenant("a")
	_, keyB := e.tenant("b")
	id := e.create("/v1/webhook-endpoints", keyA, map[string]any{"url": "https://hooks.example.com/a", "enabled_events": []string{"*"}})["id"].(string)
	e.candidate(keyA, "u")
	evID := e.call(http.MethodGet, "/v1/events", keyA, nil).object(t)["data"].([]any)[0].(map[string]any)["id"].(string)
	before := e.call(http.MethodGet, "/v1/webhook-endpoints/"+id, keyA, nil).Body
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/v1/webhook-endpoints/" + id, ""},
		{http.MethodPatch, "/v1/webhook-endpoints/" + id, `{"url":"https://evil.example.com/"}`},
		{http.MethodDelete, "/v1/webhook-endpoints/" + id, ""},
		{http.MethodPost, "/v1/webhook-endpoints/" + id + "/rotate-secret", ""},
		{http.MethodGet, "/v1/webhook-endpoints/" + id + "/deliveries", ""},
		{http.MethodPost, "/v1/webhook-endpoints/" + id + "/test", ""},
		{http.MethodPost, "/v1/events/" + evID + "/redeliver", ""},
	} {
		var body any
		if c.body != "" {
			body = c.body
		}
		mustProblem(t, e.call(c.method, c.path, keyB, body), http.StatusNotFound, "not-found")
	}
	if after := e.call(http.MethodGet, "/v1/webhook-endpoints/"+id, keyA, nil).Body; string(after) != string(before) {
		t.Fatal("tenant A's endpoint changed")
	}
	// B's endpoints never receive A's events.
	idB := e.create("/v1/webhook-endpoints", keyB, map[string]any{"url": "https://hooks.example.com/b", "enabled_events": []string{"*"}})["id"].(string)
	e.candidate(keyA, "u2")
	if n := len(e.call(http.MethodGet, "/v1/webhook-endpoints/"+idB+"/deliveries", keyB, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("tenant B's endpoint was owed %d of A's events", n)
	}
}
