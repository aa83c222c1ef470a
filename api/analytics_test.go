package api

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/testdb"
)

// analyticsScenario records, through the API, six candidates with two interview rejections
// each at Northwind (received three days ago), feedback requests on all of them answered with
// the same improvement area, the apply_next step done for five of them; plus one candidate
// rejected at an offer (a group of one) and one old rejection (a historical plan).
func analyticsScenario(t *testing.T, e *env, key string) {
	t.Helper()
	received := time.Now().UTC().AddDate(0, 0, -3).Truncate(time.Second)
	for i := 0; i < 6; i++ {
		cand := e.candidate(key, fmt.Sprintf("cand-%d", i))
		for j := 0; j < 2; j++ {
			rej := e.rejection(key, cand, map[string]any{"stage": "interview", "reason_category": "skills_gap",
				"company": []string{"Northwind", "NORTHWIND "}[j], "received_at": received.Add(time.Duration(j) * time.Hour).Format(time.RFC3339)})
			id := rej["id"].(string)
			fr := e.create("/v1/rejections/"+id+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya"}})
			mustStatus(t, e.call(http.MethodPost, "/v1/feedback-requests/"+fr["id"].(string)+"/sent", key, nil), http.StatusOK)
			link := fr["response_url"].(string)
			token := link[strings.LastIndex(link, "/")+1:]
			mustStatus(t, e.call(http.MethodPost, "/v1/public/feedback-requests/"+token+"/response", "", map[string]any{
				"items": []map[string]any{{"category": "technical_depth", "polarity": "improvement", "detail": "System design"}}}), http.StatusCreated)
			if j == 0 && i < 5 {
				plan := e.call(http.MethodGet, "/v1/rejections/"+id+"/recovery-plan", key, nil).object(t)
				if step, ok := stepByKey(t, plan, "apply_next"); ok {
					mustStatus(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+plan["id"].(string)+"/steps/"+step["id"].(string), key,
						`{"status": "done"}`, "Content-Type", "application/merge-patch+json"), http.StatusOK)
				} else {
					t.Fatal("the plan has no apply_next step")
				}
			}
		}
	}
	loner := e.candidate(key, "loner")
	e.rejection(key, loner, map[string]any{"stage": "offer", "company": "Globex", "received_at": received.Format(time.RFC3339)})
	e.rejection(key, loner, map[string]any{"stage": "offer", "company": "Globex", "received_at": received.AddDate(0, 0, -60).Format(time.RFC3339)})
}

// checkAnalytics asserts what the scenario's analytics must say.
func checkAnalytics(t *testing.T, a map[string]any) {
	t.Helper()
	get := func(path string) any {
		var v any = a
		for _, p := range strings.Split(path, ".") {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%s: not an object at %s in %v", path, p, a)
			}
			v = m[p]
		}
		return v
	}
	want := map[string]any{
		"rejections.count": float64(14), "rejections.candidates": float64(7), "rejections.suppressed": false,
		"stages.suppressed_groups": float64(1), "reasons.suppressed_groups": float64(1),
		"feedback_requests.overall.asked": float64(12), "feedback_requests.overall.answered": float64(12),
		"feedback_requests.overall.response_rate": float64(1), "feedback_requests.overall.candidates": float64(6),
		"plans.live": float64(13), "plans.historical": float64(1), "plans.candidates": float64(7),
		"next_application.samples": float64(5), "next_application.candidates": float64(5),
		"min_candidates": float64(5),
	}
	for path, v := range want {
		if got := get(path); got != v {
			t.Errorf("%s = %v, want %v", path, got, v)
		}
	}
	stages := get("stages.groups").([]any)
	if len(stages) != 1 || stages[0].(map[string]any)["key"] != "interview" || stages[0].(map[string]any)["count"] != float64(12) {
		t.Errorf("stages: %v (the offer group of one candidate must be suppressed)", stages)
	}
	companies := get("feedback_requests.by_company").([]any)
	if len(companies) != 1 || companies[0].(map[string]any)["asked"] != float64(12) {
		t.Errorf("by company (Northwind and NORTHWIND are one company): %v", companies)
	}
	if h, ok := get("feedback_requests.overall.median_hours_to_answer").(float64); !ok || h < 0 || h > 1 {
		t.Errorf("median hours to answer: %v", get("feedback_requests.overall.median_hours_to_answer"))
	}
	if d, ok := get("next_application.median_days").(float64); !ok || math.Abs(d-3) > 0.1 {
		t.Errorf("median days to the next application: %v, want about 3", get("next_application.median_days"))
	}
	areas := get("improvement_areas.groups").([]any)
	if len(areas) != 1 || areas[0].(map[string]any)["key"] != "technical_depth" || areas[0].(map[string]any)["candidates"] != float64(6) {
		t.Errorf("improvement areas: %v", areas)
	}
	kinds := get("plans.by_step_kind").([]any)
	found := false
	for _, k := range kinds {
		if m := k.(map[string]any); m["kind"] == "apply_next" {
			found = m["done"] == float64(5)
		}
	}
	if !found {
		t.Errorf("by step kind: %v", kinds)
	}
	if !strings.Contains(get("suppression").(string), "fewer than 5") {
		t.Error("the answer does not say what is suppressed")
	}
}

func TestAnalytics(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	_, keyB := e.tenant("globex")
	analyticsScenario(t, e, key)
	from := time.Now().UTC().AddDate(0, 0, -120).Format("2006-01-02")
	r := e.call(http.MethodGet, "/v1/analytics?from="+from, key, nil)
	mustStatus(t, r, http.StatusOK)
	checkAnalytics(t, r.object(t))

	// The default range is the last 90 days: the 63-day-old rejection is in, nothing older.
	def := e.call(http.MethodGet, "/v1/analytics", key, nil).object(t)
	if def["rejections"].(map[string]any)["count"] != float64(14) {
		t.Fatalf("default range: %v", def["rejections"])
	}
	// A range with one candidate shows no figure at all.
	nr := e.call(http.MethodGet, "/v1/analytics?from="+time.Now().UTC().AddDate(0, 0, -70).Format("2006-01-02")+"&to="+time.Now().UTC().AddDate(0, 0, -50).Format("2006-01-02"), key, nil)
	mustStatus(t, nr, http.StatusOK)
	narrow := nr.object(t)
	if rj := narrow["rejections"].(map[string]any); rj["count"] != nil || rj["suppressed"] != true || narrow["plans"].(map[string]any)["live"] != nil {
		t.Fatalf("a one-candidate range: %v", narrow)
	}
	// Another tenant sees none of it.
	other := e.call(http.MethodGet, "/v1/analytics?from="+from, keyB, nil).object(t)
	if other["rejections"].(map[string]any)["candidates"] != float64(0) || len(other["stages"].(map[string]any)["groups"].([]any)) != 0 {
		t.Fatalf("tenant B's analytics show A's data: %v", other)
	}
	for _, q := range []string{"from=2026-13-01", "to=yesterday", "from=2026-05-01&to=2026-04-30", "from=2024-01-01&to=2025-01-02", "from=1969-12-31", "period=week", "from=2026-01-01&from=2026-02-01"} {
		mustProblem(t, e.call(http.MethodGet, "/v1/analytics?"+q, key, nil), http.StatusUnprocessableEntity, "validation-error")
	}
	mustStatus(t, e.call(http.MethodGet, "/v1/analytics?from=2025-01-01&to=2026-01-01", key, nil), http.StatusOK)
}

func TestAnalyticsOnSQLite(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, testdb.SQLite(t))
	_, key := e.tenant("acme")
	analyticsScenario(t, e, key)
	r := e.call(http.MethodGet, "/v1/analytics?from="+time.Now().UTC().AddDate(0, 0, -120).Format("2006-01-02"), key, nil)
	mustStatus(t, r, http.StatusOK)
	checkAnalytics(t, r.object(t))
}
