package api

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestMalformedBodiesNeverFailTheServer throws broken input at every write endpoint: each answer
// is a 4xx problem, never a 5xx, and nothing is created.
func TestMalformedBodiesNeverFailTheServer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rejection := e.rejection(key, cand, nil)
	rej := rejection["id"].(string)
	// The public endpoint is limited per link, so each malformed answer goes to a link of its own.
	freshToken := func() string {
		return e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya"}})["response_token"].(string)
	}
	endpoint := e.create("/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/x", "enabled_events": []string{"*"}})["id"].(string)
	refl := e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3}})["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	step := plan["steps"].([]any)[0].(map[string]any)["id"].(string)
	huge := `{"external_id":"` + strings.Repeat("x", 2<<20) + `"}`
	bodies := []struct {
		name   string
		body   string
		ctype  string
		status int
	}{
		{"not json", `external_id=1`, "application/json", 400},
		{"truncated", `{"external_id": "a"`, "application/json", 400},
		{"trailing data", `{"external_id": "a"} {}`, "application/json", 0},
		{"array", `[1,2]`, "application/json", 422},
		{"string", `"hello"`, "application/json", 422},
		{"null", `null`, "application/json", 422},
		{"empty", ``, "application/json", 400},
		{"wrong types", `{"external_id": ["a"], "company": 5, "stage": {}, "contacts": "none", "metadata": [1]}`, "application/json", 422},
		{"nested wrong type", `{"contacts": [{"name": 1}]}`, "application/json", 422},
		{"invalid utf-8", "{\"external_id\": \"\xff\xfe\"}", "application/json", 400},
		{"huge string over 1 MiB", huge, "application/json", 413},
		{"form encoded", `external_id=a`, "application/x-www-form-urlencoded", 415},
		{"no content type", `{"external_id":"a"}`, "", 415},
		{"deep nesting", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), "application/json", 400},
		{"duplicate key", `{"external_id":"a","external_id":"b","answers":{"mood":1,"mood":2},"status":"done","status":"skipped","text":"a","text":"b","url":"x","url":"y"}`, "application/json", 422},
		{"metadata value too long", `{"external_id":"a","metadata":{"k":"` + strings.Repeat("v", 501) + `"}}`, "application/json", 422},
		{"NUL characters", `{"external_id":"a\u0000b","company":"x\u0000","metadata":{"k\u0000":"v"},"name":"n\u0000"}`, "application/json", 422},
		{"numbers overflow", `{"emotional_impact": 1e400}`, "application/json", 0},
	}
	targets := []struct{ method, path string }{
		{http.MethodPost, "/v1/candidates"},
		{http.MethodPost, "/v1/rejections"},
		{http.MethodPost, "/v1/api-keys"},
		{http.MethodPatch, "/v1/candidates/" + cand},
		{http.MethodPatch, "/v1/rejections/" + rej},
		{http.MethodPost, "/v1/rejections/" + rej + "/feedback"},
		{http.MethodPost, "/v1/rejections/" + rej + "/feedback-requests"},
		{http.MethodPost, "/v1/rejections/" + rej + "/reflections"},
		{http.MethodPatch, "/v1/reflections/" + refl},
		{http.MethodPatch, "/v1/recovery-plans/" + plan["id"].(string) + "/steps/" + step},
		{http.MethodPost, "/v1/webhook-endpoints"},
		{http.MethodPatch, "/v1/webhook-endpoints/" + endpoint},
		{http.MethodPost, "/v1/tone-checks"},
		{http.MethodPost, "/v1/public/feedback-requests/{token}/response"},
	}
	tokens := map[string]string{}
	for _, b := range bodies {
		tokens[b.name] = freshToken()
	}
	before := tableCounts(t, e)
	for _, tg := range targets {
		for _, b := range bodies {
			r := e.call(tg.method, strings.Replace(tg.path, "{token}", tokens[b.name], 1), key, b.body, "Content-Type", b.ctype)
			if r.Status < 400 || r.Status >= 500 {
				t.Errorf("%s %s with %s: status %d: %.300s", tg.method, tg.path, b.name, r.Status, r.Body)
				continue
			}
			if r.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s with %s: content type %q", tg.method, tg.path, b.name, r.Header.Get("Content-Type"))
			}
			if b.status != 0 && r.Status != b.status {
				t.Errorf("%s %s with %s: status %d, want %d: %.300s", tg.method, tg.path, b.name, r.Status, b.status, r.Body)
			}
		}
	}
	// Nothing a refused request sent changed anything: every table holds what it held.
	if after := tableCounts(t, e); !reflect.DeepEqual(before, after) {
		t.Fatalf("malformed requests changed the database:\nbefore %v\nafter  %v", before, after)
	}
	// Bad ids in paths are 404s, never 500s.
	for _, p := range []string{"/v1/candidates?external_id=%00", "/v1/rejections?company=%00", "/v1/candidates/x", "/v1/candidates/" + rej, "/v1/rejections/rej_zz", "/v1/rejections/%00", "/v1/api-keys/" + strings.Repeat("k", 5000)} {
		r := e.call(http.MethodGet, p, key, nil)
		if r.Status >= 500 {
			t.Errorf("GET %s: %d", p, r.Status)
		}
	}
}

// tableCounts is the row count of every table and the newest update of the mutable ones, to
// prove that refused requests changed nothing.
func tableCounts(t *testing.T, e *env) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range []string{"candidates", "rejections", "feedback_requests", "feedback", "reflections", "recovery_plans",
		"recovery_plan_steps", "recovery_plan_revisions", "events", "webhook_endpoints", "webhook_deliveries", "api_keys", "idempotency_keys"} {
		var n int64
		if err := e.st.GormDB().Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = strconv.FormatInt(n, 10)
	}
	for _, table := range []string{"candidates", "rejections", "feedback_requests", "reflections", "recovery_plans", "recovery_plan_steps", "webhook_endpoints"} {
		var latest string
		if err := e.st.GormDB().Raw("SELECT coalesce(max(updated_at)::text, '') FROM " + table).Scan(&latest).Error; err != nil {
			t.Fatal(err)
		}
		out[table+".updated_at"] = latest
	}
	return out
}

func TestUnknownRouteAndMethodAreProblems(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	mustProblem(t, e.call(http.MethodGet, "/v1/nothing-here", key, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodGet, "/nope", "", nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodPut, "/v1/candidates", key, `{}`), http.StatusMethodNotAllowed, "method-not-allowed")
}
