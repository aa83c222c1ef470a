package api

import (
	"net/http"
	"slices"
	"testing"
)

func TestCandidateLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")

	r := e.call(http.MethodPost, "/v1/candidates", key, map[string]any{"external_id": "u-1", "display_name": "Dana", "email": "dana@example.com", "metadata": map[string]string{"plan": "pro"}})
	mustStatus(t, r, http.StatusCreated)
	c := r.object(t)
	id := c["id"].(string)
	if c["object"] != "candidate" || c["timezone"] != "UTC" || c["locale"] != "en" || r.Header.Get("Location") != "/v1/candidates/"+id || r.Header.Get("ETag") == "" {
		t.Fatalf("unexpected create response %s headers %v", r.Body, r.Header)
	}

	got := e.call(http.MethodGet, "/v1/candidates/"+id, key, nil)
	mustStatus(t, got, http.StatusOK)
	if got.Header.Get("ETag") != r.Header.Get("ETag") {
		t.Fatalf("ETag of GET %q differs from create's %q", got.Header.Get("ETag"), r.Header.Get("ETag"))
	}
	notModified := e.call(http.MethodGet, "/v1/candidates/"+id, key, nil, "If-None-Match", got.Header.Get("ETag"))
	mustStatus(t, notModified, http.StatusNotModified)

	// Merge-patch: absent unchanged, null clears, metadata merges per key.
	p := e.call(http.MethodPatch, "/v1/candidates/"+id, key, `{"email": null, "timezone": "America/New_York", "metadata": {"plan": null, "team": "blue"}}`)
	mustStatus(t, p, http.StatusOK)
	pc := p.object(t)
	if pc["email"] != nil || pc["timezone"] != "America/New_York" || pc["display_name"] != "Dana" {
		t.Fatalf("patch result %s", p.Body)
	}
	if md := pc["metadata"].(map[string]any); len(md) != 1 || md["team"] != "blue" {
		t.Fatalf("metadata merge %v", md)
	}

	// If-Match with the old ETag is stale now.
	stale := e.call(http.MethodPatch, "/v1/candidates/"+id, key, `{"display_name": "X"}`, "If-Match", r.Header.Get("ETag"))
	mustProblem(t, stale, http.StatusPreconditionFailed, "precondition-failed")
	fresh := e.call(http.MethodPatch, "/v1/candidates/"+id, key, `{"display_name": "Dana W"}`, "If-Match", p.Header.Get("ETag"))
	mustStatus(t, fresh, http.StatusOK)

	// Required fields cannot be cleared; unknown fields are named.
	bad := mustProblem(t, e.call(http.MethodPatch, "/v1/candidates/"+id, key, `{"external_id": null, "shoe_size": 9, "timezone": "Mars/Base"}`), http.StatusUnprocessableEntity, "validation-error")
	if ptrs := pointers(bad); !slices.Contains(ptrs, "/shoe_size") {
		t.Fatalf("unknown field not named: %v", ptrs)
	}
	after := e.call(http.MethodGet, "/v1/candidates/"+id, key, nil).object(t)
	if after["display_name"] != "Dana W" || after["external_id"] != "u-1" {
		t.Fatalf("a refused patch changed the candidate: %v", after)
	}

	mustStatus(t, e.call(http.MethodDelete, "/v1/candidates/"+id, key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates/"+id, key, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodDelete, "/v1/candidates/"+id, key, nil), http.StatusNotFound, "not-found")
}

func TestCandidateExternalIDConflictNamesExisting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	first := e.candidate(key, "u-42")
	p := mustProblem(t, e.call(http.MethodPost, "/v1/candidates", key, map[string]any{"external_id": "u-42"}), http.StatusConflict, "conflict")
	if p["existing_id"] != first {
		t.Fatalf("existing_id %v, want %s", p["existing_id"], first)
	}
	second := e.candidate(key, "u-43")
	p = mustProblem(t, e.call(http.MethodPatch, "/v1/candidates/"+second, key, `{"external_id": "u-42"}`), http.StatusConflict, "conflict")
	if p["existing_id"] != first {
		t.Fatalf("patch conflict existing_id %v, want %s", p["existing_id"], first)
	}
	// The same external_id in another tenant is fine.
	_, other := e.tenant("globex")
	e.candidate(other, "u-42")

	list := e.call(http.MethodGet, "/v1/candidates?external_id=u-42", key, nil).object(t)
	data := list["data"].([]any)
	if len(data) != 1 || data[0].(map[string]any)["id"] != first {
		t.Fatalf("filter by external_id: %v", list)
	}
}

func TestCandidateValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	long := make([]byte, 201)
	for i := range long {
		long[i] = 'x'
	}
	many := map[string]string{}
	for i := 0; i < 21; i++ {
		many[string(rune('a'+i))] = "v"
	}
	cases := []struct {
		name    string
		body    any
		pointer string
	}{
		{"missing external_id", map[string]any{"display_name": "x"}, "/external_id"},
		{"long external_id", map[string]any{"external_id": string(long)}, "/external_id"},
		{"bad email", map[string]any{"external_id": "a", "email": "not-an-email"}, "/email"},
		{"bad timezone", map[string]any{"external_id": "a", "timezone": "Europe/Atlantis"}, "/timezone"},
		{"bad locale", map[string]any{"external_id": "a", "locale": "english please"}, "/locale"},
		{"too many metadata keys", map[string]any{"external_id": "a", "metadata": many}, "/metadata"},
		{"wrong type", map[string]any{"external_id": 12}, "/external_id"},
		{"unknown field", map[string]any{"external_id": "a", "tenant_id": "ten_x"}, "/tenant_id"},
	}
	for _, tc := range cases {
		p := mustProblem(t, e.call(http.MethodPost, "/v1/candidates", key, tc.body), http.StatusUnprocessableEntity, "validation-error")
		if !slices.Contains(pointers(p), tc.pointer) {
			t.Errorf("%s: pointers %v lack %s", tc.name, pointers(p), tc.pointer)
		}
	}
	list := e.call(http.MethodGet, "/v1/candidates", key, nil).object(t)
	if n := len(list["data"].([]any)); n != 0 {
		t.Fatalf("invalid requests created %d candidates", n)
	}
}
