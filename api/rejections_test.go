package api

import (
	"net/http"
	"slices"
	"testing"
)

func TestRejectionLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")

	// Defaults for the optional fields.
	minimal := e.create("/v1/rejections", key, map[string]any{"candidate_id": cand, "company": "Contoso", "role_title": "Analyst", "stage": "application"})
	if minimal["channel"] != "email" || minimal["reason_category"] != "no_reason_given" || minimal["status"] != "open" || minimal["received_at"] == "" {
		t.Fatalf("defaults: %v", minimal)
	}

	rej := e.rejection(key, cand, map[string]any{"emotional_impact": 4, "external_ref": "app-7", "applied_at": "2026-10-01T08:00:00+02:00", "received_at": "2026-11-20T09:30:00Z"})
	id := rej["id"].(string)
	if rej["applied_at"] != "2026-10-01T06:00:00Z" {
		t.Fatalf("applied_at not normalised to UTC: %v", rej["applied_at"])
	}
	contacts := rej["contacts"].([]any)
	contactID := contacts[0].(map[string]any)["id"].(string)
	if len(contactID) < 5 || contactID[:4] != "ctc_" {
		t.Fatalf("contact id %q", contactID)
	}

	// Patch: keep the first contact by id, add one, clear emotional_impact.
	p := e.call(http.MethodPatch, "/v1/rejections/"+id, key, map[string]any{
		"stage": "final_round", "emotional_impact": nil,
		"contacts": []map[string]any{{"id": contactID, "name": "Priya Raman", "role": "hiring_manager"}, {"name": "Sam Lee", "role": "interviewer"}},
	}, "Content-Type", "application/merge-patch+json")
	mustStatus(t, p, http.StatusOK)
	pr := p.object(t)
	pc := pr["contacts"].([]any)
	if pr["stage"] != "final_round" || pr["emotional_impact"] != nil || len(pc) != 2 || pc[0].(map[string]any)["id"] != contactID || pr["company"] != "Northwind Analytics" {
		t.Fatalf("patch result %s", p.Body)
	}
	bad := mustProblem(t, e.call(http.MethodPatch, "/v1/rejections/"+id, key, map[string]any{"contacts": []map[string]any{{"id": "ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "name": "X", "role": "hr"}}, "stage": "lunch", "candidate_id": cand}), http.StatusUnprocessableEntity, "validation-error")
	if ptrs := pointers(bad); !slices.Contains(ptrs, "/candidate_id") {
		t.Fatalf("candidate_id must not be patchable: %v", ptrs)
	}

	// Filters.
	list := func(q string) []any {
		t.Helper()
		r := e.call(http.MethodGet, "/v1/rejections?"+q, key, nil)
		mustStatus(t, r, http.StatusOK)
		return r.object(t)["data"].([]any)
	}
	if n := len(list("candidate_id=" + cand)); n != 2 {
		t.Fatalf("candidate filter: %d", n)
	}
	if d := list("stage=final_round"); len(d) != 1 || d[0].(map[string]any)["id"] != id {
		t.Fatalf("stage filter: %v", d)
	}
	if n := len(list("company=northwind%20ANALYTICS")); n != 1 {
		t.Fatalf("company filter should be case-insensitive: %d", n)
	}
	if n := len(list("received_before=2026-11-21T00:00:00Z&received_after=2026-11-19T00:00:00Z")); n != 1 {
		t.Fatalf("date filter: %d", n)
	}
	if n := len(list("status=closed")); n != 0 {
		t.Fatalf("status filter: %d", n)
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?stage=lunch", key, nil), http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?received_after=yesterday", key, nil), http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections?colour=red", key, nil), http.StatusUnprocessableEntity, "validation-error")

	mustStatus(t, e.call(http.MethodDelete, "/v1/rejections/"+id, key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+id, key, nil), http.StatusNotFound, "not-found")
}

func TestRejectionValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")
	cases := []struct {
		name    string
		extra   map[string]any
		pointer string
	}{
		{"bad stage", map[string]any{"stage": "technical"}, "/stage"},
		{"bad channel", map[string]any{"channel": "pigeon"}, "/channel"},
		{"bad reason", map[string]any{"reason_category": "vibes"}, "/reason_category"},
		{"impact out of range", map[string]any{"emotional_impact": 6}, "/emotional_impact"},
		{"impact not integer", map[string]any{"emotional_impact": "high"}, "/emotional_impact"},
		{"bad time", map[string]any{"received_at": "20 Nov 2026"}, "/received_at"},
		{"applied after received", map[string]any{"applied_at": "2026-12-01T00:00:00Z"}, "/applied_at"},
		{"contact role", map[string]any{"contacts": []map[string]any{{"name": "A", "role": "ceo"}}}, "/contacts/0/role"},
		{"contact id given", map[string]any{"contacts": []map[string]any{{"id": "ctc_x", "name": "A", "role": "hr"}}}, "/contacts/0/id"},
		{"unknown candidate", map[string]any{"candidate_id": "cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"}, "/candidate_id"},
		{"wrong id type", map[string]any{"candidate_id": "rej_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"}, "/candidate_id"},
		{"missing company", map[string]any{"company": ""}, "/company"},
	}
	for _, tc := range cases {
		body := map[string]any{"candidate_id": cand, "company": "Contoso", "role_title": "Analyst", "stage": "interview", "received_at": "2026-11-20T09:30:00Z"}
		for k, v := range tc.extra {
			body[k] = v
		}
		p := mustProblem(t, e.call(http.MethodPost, "/v1/rejections", key, body), http.StatusUnprocessableEntity, "validation-error")
		if !slices.Contains(pointers(p), tc.pointer) {
			t.Errorf("%s: pointers %v lack %s", tc.name, pointers(p), tc.pointer)
		}
	}
	if n := len(e.call(http.MethodGet, "/v1/rejections", key, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("invalid requests created %d rejections", n)
	}
}

func TestDeletingCandidateErasesEverything(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-1")
	keep := e.candidate(key, "u-2")
	rej := e.rejection(key, cand, nil)["id"].(string)
	kept := e.rejection(key, keep, nil)["id"].(string)
	// An idempotent create stores a replayable response holding personal data.
	r := e.call(http.MethodPost, "/v1/rejections", key, map[string]any{"candidate_id": cand, "company": "C", "role_title": "R", "stage": "screening"}, "Idempotency-Key", "erase-me")
	mustStatus(t, r, http.StatusCreated)

	mustStatus(t, e.call(http.MethodDelete, "/v1/candidates/"+cand, key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+rej, key, nil), http.StatusNotFound, "not-found")
	mustStatus(t, e.call(http.MethodGet, "/v1/rejections/"+kept, key, nil), http.StatusOK)
	var rows int64
	if err := e.st.GormDB().Raw(`SELECT count(*) FROM rejections WHERE candidate_id = ?`, cand).Scan(&rows).Error; err != nil || rows != 0 {
		t.Fatalf("rejection rows left: %d (%v)", rows, err)
	}
	if err := e.st.GormDB().Raw(`SELECT count(*) FROM idempotency_keys WHERE key = 'erase-me'`).Scan(&rows).Error; err != nil || rows != 0 {
		t.Fatalf("stored idempotent responses left: %d (%v)", rows, err)
	}
}
