package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// upload POSTs an NDJSON file to /v1/imports.
func (e *env) upload(key, body string, headers ...string) response {
	e.t.Helper()
	return e.call(http.MethodPost, "/v1/imports", key, body, append([]string{"Content-Type", "application/x-ndjson"}, headers...)...)
}

// runImports works through every queued import, as a replica's worker does.
func (e *env) runImports() {
	e.t.Helper()
	if _, err := e.server.app.RunImports(context.Background(), "test-worker"); err != nil {
		e.t.Fatal(err)
	}
}

// importFile is a small history: a candidate line with two rejections (one of them from 2024,
// so historical), a rejection line for a second candidate who is created on the way, a line
// with a bad stage, a line that is not JSON, and a blank line.
const importFile = `{"candidate": {"external_id": "u-1", "display_name": "Dana Whitfield", "timezone": "Europe/London"}, "rejections": [{"company": "Northwind Analytics", "role_title": "Backend Engineer", "stage": "final_round", "reason_category": "stronger_candidate", "received_at": "2024-03-02T10:00:00Z", "external_ref": "app_1", "contacts": [{"name": "Priya Raman", "role": "hiring_manager"}]}, {"company": "Globex", "role_title": "Data Engineer", "stage": "screening", "received_at": "2024-05-17", "external_ref": "app_2"}]}
{"candidate_external_id": "u-2", "company": "Initech", "role_title": "Analyst", "stage": "interview", "received_at": "2026-11-19T09:00:00Z", "external_ref": "app_3"}
{"candidate_external_id": "u-2", "company": "Initech", "role_title": "Analyst", "stage": "somewhere", "received_at": "2024-01-01", "external_ref": "app_4"}
this is not json

{"candidate": {"external_id": "u-3"}, "rejections": [{"company": "Hooli", "role_title": "SRE", "stage": "interview", "received_at": "2024-02-02", "external_ref": "app_5"}, {"company": "Hooli", "role_title": "SRE", "stage": "offer", "received_at": "2024-02-03"}]}
`

func TestImportHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	r := e.upload(key, importFile, "Idempotency-Key", "history-1")
	mustStatus(t, r, http.StatusAccepted)
	imp := r.object(t)
	id := imp["id"].(string)
	if imp["status"] != "queued" || imp["lines"] != float64(5) || r.Header.Get("Location") != "/v1/imports/"+id {
		t.Fatalf("queued import: %s %v", r.Body, r.Header)
	}
	e.runImports()
	got := e.call(http.MethodGet, "/v1/imports/"+id, key, nil).object(t)
	if got["status"] != "completed" || got["progress"] != float64(1) {
		t.Fatalf("import did not complete: %v", got)
	}
	counts := got["counts"].(map[string]any)
	want := map[string]float64{"read": 5, "failed": 3, "candidates_created": 2, "rejections_created": 3, "created": 5, "skipped": 0}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("counts.%s = %v, want %v (%v)", k, counts[k], v, counts)
		}
	}
	lineErrs := got["line_errors"].([]any)
	wantErrs := []string{"3 /stage", "4 ", "6 /rejections/1/external_ref"}
	if len(lineErrs) != len(wantErrs) {
		t.Fatalf("line errors %v, want %v", lineErrs, wantErrs)
	}
	for i, le := range lineErrs {
		m := le.(map[string]any)
		ptr, _ := m["pointer"].(string)
		if s := fmt.Sprintf("%v %s", m["line"], ptr); s != wantErrs[i] {
			t.Errorf("line error %d: %s (%v), want %s", i, s, m, wantErrs[i])
		}
	}

	// The candidates exist with what the file said; u-2 was created from its rejection line.
	cands := e.call(http.MethodGet, "/v1/candidates?external_id=u-1", key, nil).object(t)["data"].([]any)
	if len(cands) != 1 || cands[0].(map[string]any)["timezone"] != "Europe/London" {
		t.Fatalf("imported candidate: %v", cands)
	}
	cand := cands[0].(map[string]any)["id"].(string)
	rejs := e.call(http.MethodGet, "/v1/rejections?candidate_id="+cand, key, nil).object(t)["data"].([]any)
	if len(rejs) != 2 {
		t.Fatalf("u-1 has %d rejections, want 2", len(rejs))
	}
	// A 2024 rejection's plan is historical and never nudges; the recent one is live.
	for _, rj := range rejs {
		plan := e.call(http.MethodGet, "/v1/rejections/"+rj.(map[string]any)["id"].(string)+"/recovery-plan", key, nil).object(t)
		if plan["historical"] != true || len(plan["steps"].([]any)) == 0 {
			t.Fatalf("a 2024 rejection's plan is not historical: %v", plan)
		}
	}
	u2 := e.call(http.MethodGet, "/v1/candidates?external_id=u-2", key, nil).object(t)["data"].([]any)[0].(map[string]any)
	recent := e.call(http.MethodGet, "/v1/rejections?candidate_id="+u2["id"].(string), key, nil).object(t)["data"].([]any)
	if len(recent) != 1 {
		t.Fatalf("u-2 rejections: %v", recent)
	}
	livePlan := e.call(http.MethodGet, "/v1/rejections/"+recent[0].(map[string]any)["id"].(string)+"/recovery-plan", key, nil).object(t)
	if livePlan["historical"] != false {
		t.Fatalf("a rejection from last week got a historical plan: %v", livePlan)
	}

	// One event for the whole import, none per record.
	evs := e.call(http.MethodGet, "/v1/events", key, nil).object(t)["data"].([]any)
	if len(evs) != 1 || evs[0].(map[string]any)["type"] != model.EventImportCompleted {
		t.Fatalf("events after an import: %v", evs)
	}

	// The same file again creates nothing; the same request with its key replays.
	again := e.upload(key, importFile, "Idempotency-Key", "history-1")
	if again.Status != http.StatusAccepted || again.Header.Get("Idempotent-Replayed") != "true" || again.object(t)["id"] != id {
		t.Fatalf("replay: %d %s", again.Status, again.Body)
	}
	second := e.upload(key, importFile)
	mustStatus(t, second, http.StatusAccepted)
	e.runImports()
	rerun := e.call(http.MethodGet, "/v1/imports/"+second.object(t)["id"].(string), key, nil).object(t)["counts"].(map[string]any)
	if rerun["created"] != float64(0) || rerun["rejections_skipped"] != float64(3) || rerun["candidates_skipped"] != float64(1) {
		t.Fatalf("re-running the file: %v", rerun)
	}
	list := e.call(http.MethodGet, "/v1/imports", key, nil).object(t)["data"].([]any)
	if len(list) != 2 {
		t.Fatalf("listed %d imports, want 2 (the replay made none)", len(list))
	}
	_ = time.Second
	_ = strings.Repeat
}
