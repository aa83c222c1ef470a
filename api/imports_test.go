package api

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
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
}

// TestImportUploadsRefusedWhole: a file that is not NDJSON, empty, all garbage, with an
// over-long line or too big is refused with a precise 4xx and leaves nothing behind.
func TestImportUploadsRefusedWhole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	good := `{"candidate_external_id": "u", "company": "Co", "role_title": "Eng", "stage": "interview", "received_at": "2025-01-01", "external_ref": "a"}` + "\n"
	cases := []struct {
		name, body, ctype string
		headers           []string
		status            int
		slug              string
	}{
		{"json content type", good, "application/json", nil, 415, "unsupported-media-type"},
		{"csv", "a,b\n1,2\n", "text/csv", nil, 415, "unsupported-media-type"},
		{"no content type", good, "", nil, 415, "unsupported-media-type"},
		{"empty", "", "application/x-ndjson", nil, 422, "validation-error"},
		{"blank lines only", "\n\n  \n", "application/x-ndjson", nil, 422, "validation-error"},
		{"all garbage", "hello\nworld\n[1,2]\n\x00\xff\n", "application/x-ndjson", nil, 422, "validation-error"},
		{"over-long line", good + `{"notes": "` + strings.Repeat("x", 1<<20) + `"}` + "\n" + good, "application/x-ndjson", nil, 422, "validation-error"},
		{"declared over 100 MB", good, "application/x-ndjson", []string{"Content-Length", "104857601"}, 413, "payload-too-large"},
		{"unknown query parameter", good, "application/x-ndjson", nil, 422, "validation-error"},
	}
	for _, c := range cases {
		path := "/v1/imports"
		if c.name == "unknown query parameter" {
			path += "?file=x"
		}
		headers := append([]string{"Content-Type", c.ctype}, c.headers...)
		var r response
		if c.name == "declared over 100 MB" {
			r = e.rawPost(path, key, c.body, headers...)
		} else {
			r = e.call(http.MethodPost, path, key, c.body, headers...)
		}
		p := mustProblem(t, r, c.status, c.slug)
		if c.name == "over-long line" && !strings.Contains(p["errors"].([]any)[0].(map[string]any)["detail"].(string), "line 2") {
			t.Errorf("over-long line: the problem does not name the line: %v", p)
		}
	}
	var n int64
	e.st.GormDB().Table("imports").Count(&n)
	var chunks int64
	e.st.GormDB().Table("import_chunks").Count(&chunks)
	if n != 0 || chunks != 0 {
		t.Fatalf("refused uploads left %d imports and %d chunks behind", n, chunks)
	}
	// A file where only some lines are good is accepted: the bad ones become line errors.
	r := e.upload(key, "garbage\n"+good)
	mustStatus(t, r, http.StatusAccepted)
	e.runImports()
	got := e.call(http.MethodGet, "/v1/imports/"+r.object(t)["id"].(string), key, nil).object(t)
	if c := got["counts"].(map[string]any); c["failed"] != float64(1) || c["rejections_created"] != float64(1) {
		t.Fatalf("a file with one bad line: %v", got)
	}
	// Malformed ids are 404s; a read key cannot import.
	mustProblem(t, e.call(http.MethodGet, "/v1/imports/imp_zz", key, nil), http.StatusNotFound, "not-found")
	readOnly := e.key(tenantOfKey(t, e, key), model.ScopeRead)
	mustProblem(t, e.upload(readOnly, good), http.StatusForbidden, "forbidden")
	mustProblem(t, e.call(http.MethodGet, "/v1/imports?status=uploading", key, nil), http.StatusUnprocessableEntity, "validation-error")
}

// rawPost sends a request whose headers are set as given, Content-Length included (net/http
// would otherwise compute it), for testing the declared-size check.
func (e *env) rawPost(path, key, body string, headers ...string) response {
	e.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.srv.URL, "http://"))
	if err != nil {
		e.t.Fatal(err)
	}
	defer conn.Close()
	var req strings.Builder
	fmt.Fprintf(&req, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nConnection: close\r\n", path, key)
	for i := 0; i+1 < len(headers); i += 2 {
		fmt.Fprintf(&req, "%s: %s\r\n", headers[i], headers[i+1])
	}
	req.WriteString("\r\n" + body)
	if _, err := conn.Write([]byte(req.String())); err != nil {
		e.t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// tenantOfKey looks up which tenant a key belongs to.
func tenantOfKey(t *testing.T, e *env, key string) string {
	t.Helper()
	k, err := e.st.APIKeyByHash(context.Background(), store.HashAPIKey(key))
	if err != nil {
		t.Fatal(err)
	}
	return k.TenantID
}

// TestImportsAreTenantScoped: another tenant's import is a 404 to read or cancel, and is not
// listed; cancelling a queued import is immediate and a second cancel is a conflict.
func TestImportsAreTenantScoped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, keyA := e.tenant("a")
	_, keyB := e.tenant("b")
	r := e.upload(keyA, importFile)
	mustStatus(t, r, http.StatusAccepted)
	id := r.object(t)["id"].(string)
	mustProblem(t, e.call(http.MethodGet, "/v1/imports/"+id, keyB, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodPost, "/v1/imports/"+id+"/cancel", keyB, nil), http.StatusNotFound, "not-found")
	if n := len(e.call(http.MethodGet, "/v1/imports", keyB, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("tenant B lists %d of A's imports", n)
	}
	c := e.call(http.MethodPost, "/v1/imports/"+id+"/cancel", keyA, nil)
	mustStatus(t, c, http.StatusOK)
	if c.object(t)["status"] != "cancelled" {
		t.Fatalf("a queued import cancelled: %s", c.Body)
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/imports/"+id+"/cancel", keyA, nil), http.StatusConflict, "conflict")
	e.runImports()
	if n := len(e.call(http.MethodGet, "/v1/candidates", keyA, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("a cancelled import created %d candidates", n)
	}
}

// TestHistoricalRejectionsNeverNudge: every way in marks a rejection older than the tenant's
// historical_after_days as history — its plan says historical and no step of it is announced,
// however late — while a recent one nudges; the threshold is the tenant's setting.
func TestHistoricalRejectionsNeverNudge(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	ten := e.call(http.MethodGet, "/v1/tenant", key, nil).object(t)
	if ten["historical_after_days"] != float64(30) {
		t.Fatalf("default threshold: %v", ten)
	}
	cand := e.candidate(key, "u")
	now := time.Now().UTC()
	old := e.rejection(key, cand, map[string]any{"received_at": now.AddDate(0, 0, -45).Format(time.RFC3339)})
	recent := e.rejection(key, cand, map[string]any{"received_at": now.AddDate(0, 0, -2).Format(time.RFC3339)})
	plan := func(rej map[string]any) map[string]any {
		return e.call(http.MethodGet, "/v1/rejections/"+rej["id"].(string)+"/recovery-plan", key, nil).object(t)
	}
	if plan(old)["historical"] != true || plan(recent)["historical"] != false {
		t.Fatalf("historical flags: old %v, recent %v", plan(old)["historical"], plan(recent)["historical"])
	}
	// With a year as the threshold, a 45-day-old rejection is live again.
	p := e.call(http.MethodPatch, "/v1/tenant", key, `{"historical_after_days": 365}`, "Content-Type", "application/merge-patch+json")
	mustStatus(t, p, http.StatusOK)
	if p.object(t)["historical_after_days"] != float64(365) {
		t.Fatalf("patched: %s", p.Body)
	}
	again := e.rejection(key, cand, map[string]any{"received_at": now.AddDate(0, 0, -45).Format(time.RFC3339)})
	if plan(again)["historical"] != false {
		t.Fatal("the threshold setting is not applied")
	}
	r := e.call(http.MethodPatch, "/v1/tenant", key, `{"retention_days": 400}`, "Content-Type", "application/merge-patch+json")
	if r.Status != http.StatusOK || r.object(t)["retention_days"] != float64(400) || r.object(t)["historical_after_days"] != float64(365) {
		t.Fatalf("retention set: %d %s", r.Status, r.Body)
	}
	if r := e.call(http.MethodPatch, "/v1/tenant", key, `{"retention_days": null}`, "Content-Type", "application/merge-patch+json"); r.object(t)["retention_days"] != nil {
		t.Fatalf("retention cleared: %s", r.Body)
	}
	for _, bad := range []string{`{"retention_days": 0}`, `{"historical_after_days": 0}`, `{"historical_after_days": 3651}`, `{"historical_after_days": null}`, `{"historical_after_days": "30"}`, `{"name": "x"}`} {
		mustProblem(t, e.call(http.MethodPatch, "/v1/tenant", key, bad, "Content-Type", "application/merge-patch+json"), http.StatusUnprocessableEntity, "validation-error")
	}
	mustProblem(t, e.call(http.MethodPatch, "/v1/tenant", key, `{"historical_after_days": 90}`, "Content-Type", "application/merge-patch+json", "If-Match", `"stale"`), http.StatusPreconditionFailed, "precondition-failed")
	mustProblem(t, e.call(http.MethodPatch, "/v1/tenant", e.key(tenantOfKey(t, e, key), model.ScopeRead, model.ScopeWrite), `{"historical_after_days": 90}`, "Content-Type", "application/merge-patch+json"), http.StatusForbidden, "forbidden")

	// A year on, every step of every plan is due: only the live plans' steps are announced.
	later := app.New(app.Config{Store: e.st, Clock: fixedClock(now.AddDate(1, 0, 0))})
	if _, err := later.EmitDueSteps(context.Background(), 1000); err != nil {
		t.Fatal(err)
	}
	evs := e.call(http.MethodGet, "/v1/events?type=recovery_plan.step_due&limit=100", key, nil).object(t)["data"].([]any)
	if len(evs) == 0 {
		t.Fatal("no step of a live plan was announced")
	}
	for _, ev := range evs {
		rej := ev.(map[string]any)["data"].(map[string]any)["object"].(map[string]any)["rejection_id"]
		if rej == old["id"] {
			t.Fatal("a historical plan's step was announced")
		}
	}
}

// fixedClock always tells the same time.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// TestImportOnSQLite runs the import on the zero-setup SQLite default: upload, background
// batches, line errors, historical plans and a re-run that creates nothing.
func TestImportOnSQLite(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, testdb.SQLite(t))
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	r := e.upload(key, importFile)
	mustStatus(t, r, http.StatusAccepted)
	id := r.object(t)["id"].(string)
	e.runImports()
	got := e.call(http.MethodGet, "/v1/imports/"+id, key, nil).object(t)
	c := got["counts"].(map[string]any)
	if got["status"] != "completed" || c["rejections_created"] != float64(3) || c["failed"] != float64(3) || len(got["line_errors"].([]any)) != 3 {
		t.Fatalf("import on SQLite: %v", got)
	}
	u1 := e.call(http.MethodGet, "/v1/candidates?external_id=u-1", key, nil).object(t)["data"].([]any)[0].(map[string]any)
	rejs := e.call(http.MethodGet, "/v1/rejections?candidate_id="+u1["id"].(string), key, nil).object(t)["data"].([]any)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rejs[0].(map[string]any)["id"].(string)+"/recovery-plan", key, nil).object(t)
	if plan["historical"] != true || len(plan["steps"].([]any)) == 0 {
		t.Fatalf("imported plan on SQLite: %v", plan)
	}
	second := e.upload(key, importFile)
	e.runImports()
	rerun := e.call(http.MethodGet, "/v1/imports/"+second.object(t)["id"].(string), key, nil).object(t)["counts"].(map[string]any)
	if rerun["created"] != float64(0) || rerun["rejections_skipped"] != float64(3) {
		t.Fatalf("re-run on SQLite: %v", rerun)
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/imports/"+id, other, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.upload(key, ""), http.StatusUnprocessableEntity, "validation-error")
}

// TestImportedPlansMatchRecordedOnes: the importer builds plans with the same code as the API,
// with the same history and the same sibling protocol, so a candidate's rejections imported in
// one file get the plans they get when recorded one by one through POST /v1/rejections —
// candidate-wide advice (applying again) held once across their live plans.
func TestImportedPlansMatchRecordedOnes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, keyImport := e.tenant("importer")
	_, keyAPI := e.tenant("api")
	now := time.Now().UTC().Truncate(time.Second)
	rejections := []map[string]any{
		{"company": "Northwind", "role_title": "Backend Engineer", "stage": "final_round", "reason_category": "stronger_candidate", "received_at": now.AddDate(0, 0, -2).Format(time.RFC3339), "external_ref": "r-1"},
		{"company": "Globex", "role_title": "Backend Engineer", "stage": "interview", "reason_category": "skills_gap", "received_at": now.AddDate(0, 0, -5).Format(time.RFC3339), "external_ref": "r-2"},
		{"company": "Initech", "role_title": "Data Engineer", "stage": "screening", "received_at": now.AddDate(0, -6, 0).Format(time.RFC3339), "external_ref": "r-3"},
	}
	var line strings.Builder
	line.WriteString(`{"candidate": {"external_id": "dana", "display_name": "Dana", "timezone": "Europe/London"}, "rejections": [`)
	for i, r := range rejections {
		b, _ := json.Marshal(r)
		if i > 0 {
			line.WriteByte(',')
		}
		line.Write(b)
	}
	line.WriteString("]}\n")
	mustStatus(t, e.upload(keyImport, line.String()), http.StatusAccepted)
	e.runImports()
	cand := e.candidate(keyAPI, "dana")
	for i := len(rejections) - 1; i >= 0; i-- { // oldest first, as they happened
		e.rejection(keyAPI, cand, rejections[i])
	}
	plans := func(key string) map[string][]string {
		t.Helper()
		out := map[string][]string{}
		for _, rj := range e.call(http.MethodGet, "/v1/rejections?limit=10", key, nil).object(t)["data"].([]any) {
			rej := rj.(map[string]any)
			plan := e.call(http.MethodGet, "/v1/rejections/"+rej["id"].(string)+"/recovery-plan", key, nil).object(t)
			var keys []string
			for _, st := range plan["steps"].([]any) {
				step := st.(map[string]any)
				keys = append(keys, fmt.Sprintf("%s@%s", strings.Split(step["key"].(string), ":")[0], step["due_on"]))
			}
			out[rej["external_ref"].(string)+fmt.Sprintf(" historical=%v", plan["historical"])] = keys
		}
		return out
	}
	imported, recorded := plans(keyImport), plans(keyAPI)
	if !reflect.DeepEqual(imported, recorded) {
		t.Fatalf("imported plans differ from recorded ones:\nimported %v\nrecorded %v", imported, recorded)
	}
	applyNext := 0
	for _, keys := range imported {
		for _, k := range keys {
			if strings.HasPrefix(k, "apply_next@") {
				applyNext++
			}
		}
	}
	if applyNext != 1 {
		t.Fatalf("apply_next is in %d of the candidate's plans, want exactly one: %v", applyNext, imported)
	}
}
