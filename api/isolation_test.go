package api

import (
	"bytes"
	"net/http"
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
