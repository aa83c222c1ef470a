package api

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/testdb"
)

// TestSQLiteDefaultEndToEnd proves the zero-setup SQLite default behaves like PostgreSQL for the
// core flows: create, filter (including by time), paginate, patch, replay, erase.
func TestSQLiteDefaultEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, testdb.SQLite(t))
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	cand := e.candidate(key, "u-1")
	var ids []string
	for i := 0; i < 5; i++ {
		r := e.rejection(key, cand, map[string]any{"received_at": fmt.Sprintf("2026-11-1%dT10:00:00.5Z", i), "company": fmt.Sprintf("Company %d", i)})
		ids = append(ids, r["id"].(string))
	}
	list := func(q string) map[string]any {
		t.Helper()
		r := e.call(http.MethodGet, "/v1/rejections?"+q, key, nil)
		mustStatus(t, r, http.StatusOK)
		return r.object(t)
	}
	if n := len(list("received_after=2026-11-12T10:00:00.5Z")["data"].([]any)); n != 2 {
		t.Fatalf("received_after on SQLite: %d rows, want 2", n)
	}
	if n := len(list("received_before=2026-11-12T10:00:00Z&company=COMPANY%201")["data"].([]any)); n != 1 {
		t.Fatalf("received_before+company on SQLite: %d rows, want 1", n)
	}
	seen := map[string]bool{}
	cursor := ""
	for {
		q := "limit=2&candidate_id=" + cand
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		page := list(q)
		for _, d := range page["data"].([]any) {
			seen[d.(map[string]any)["id"].(string)] = true
		}
		if page["has_more"] != true {
			break
		}
		cursor = page["next_cursor"].(string)
	}
	if len(seen) != 5 {
		t.Fatalf("walked %d rejections, want 5", len(seen))
	}
	p := e.call(http.MethodPatch, "/v1/rejections/"+ids[0], key, `{"status":"closed","notes":"moved on"}`)
	mustStatus(t, p, http.StatusOK)
	got := e.call(http.MethodGet, "/v1/rejections/"+ids[0], key, nil)
	if got.Header.Get("ETag") != p.Header.Get("ETag") {
		t.Fatalf("ETag after read-back differs on SQLite (time precision?)\n%s\n%s", p.Body, got.Body)
	}
	body := `{"external_id":"u-2"}`
	a := e.call(http.MethodPost, "/v1/candidates", key, body, "Idempotency-Key", "x")
	b := e.call(http.MethodPost, "/v1/candidates", key, body, "Idempotency-Key", "x")
	if a.Status != http.StatusCreated || !bytes.Equal(a.Body, b.Body) || b.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("idempotent replay on SQLite: %d %s / %s", a.Status, a.Body, b.Body)
	}
	// The feedback loop and plan regeneration work on SQLite too.
	fr := e.create("/v1/rejections/"+ids[1]+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya"}})
	link := fr["response_url"].(string)
	token := link[strings.LastIndex(link, "/")+1:]
	mustStatus(t, e.call(http.MethodPost, "/v1/public/feedback-requests/"+token+"/response", "", map[string]any{"items": []map[string]any{{"category": "skills", "polarity": "improvement", "detail": "SQL"}}}), http.StatusCreated)
	plan := e.call(http.MethodGet, "/v1/rejections/"+ids[1]+"/recovery-plan", key, nil).object(t)
	if _, ok := stepByKey(t, plan, "skill_development:sql"); !ok || plan["revision"].(float64) < 2 {
		t.Fatalf("plan not regenerated on SQLite: %v", plan["revision"])
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+ids[1], other, nil), http.StatusNotFound, "not-found")
	mustStatus(t, e.call(http.MethodDelete, "/v1/candidates/"+cand, key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+ids[1], key, nil), http.StatusNotFound, "not-found")
}
