package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func stepByKey(t *testing.T, plan map[string]any, key string) (map[string]any, bool) {
	t.Helper()
	for _, s := range plan["steps"].([]any) {
		if st := s.(map[string]any); st["key"] == key {
			return st, true
		}
	}
	return nil, false
}

func TestRejectionGetsAnExplainedPlan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.create("/v1/candidates", key, map[string]any{"external_id": "u", "display_name": "Dana", "timezone": "Pacific/Auckland"})["id"].(string)
	rej := e.rejection(key, cand, map[string]any{"stage": "final_round", "emotional_impact": 4, "contacts": []map[string]any{{"name": "Priya Raman", "role": "interviewer"}, {"name": "Sam Lee", "role": "interviewer"}}})["id"].(string)
	r := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil)
	mustStatus(t, r, http.StatusOK)
	plan := r.object(t)
	if plan["object"] != "recovery_plan" || plan["status"] != "active" || plan["revision"] != float64(1) || r.Header.Get("ETag") == "" {
		t.Fatalf("plan %v", plan)
	}
	for _, k := range []string{"rest", "request_feedback", "reflect", "interview_practice", "contract_inquiry", "stay_in_touch:30d", "stay_in_touch:90d", "apply_next"} {
		st, ok := stepByKey(t, plan, k)
		if !ok {
			t.Fatalf("no %s step in %v", k, plan["steps"])
		}
		if len(st["reasons"].([]any)) == 0 || st["guidance"] == "" || len(st["due_on"].(string)) != 10 || st["status"] != "pending" {
			t.Fatalf("step %s incomplete: %v", k, st)
		}
	}
	thanks := 0
	for _, s := range plan["steps"].([]any) {
		if s.(map[string]any)["kind"] == "thank_contacts" {
			thanks++
		}
	}
	if thanks != 2 {
		t.Fatalf("%d thank-you steps for two interviewers", thanks)
	}
	rest, _ := stepByKey(t, plan, "rest")
	if !strings.Contains(rest["title"].(string), "2 days") {
		t.Fatalf("emotional impact 4 should mean two days of rest: %v", rest["title"])
	}
	byID := e.call(http.MethodGet, "/v1/recovery-plans/"+plan["id"].(string), key, nil)
	mustStatus(t, byID, http.StatusOK)
	list := e.call(http.MethodGet, "/v1/recovery-plans?candidate_id="+cand+"&status=active", key, nil).object(t)["data"].([]any)
	if len(list) != 1 || len(list[0].(map[string]any)["steps"].([]any)) == 0 {
		t.Fatalf("plan list %v", list)
	}
	if n := len(e.call(http.MethodGet, "/v1/recovery-plans?status=completed", key, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("%d completed plans", n)
	}
}

func TestPlanRegeneratesAndKeepsWorkedOnSteps(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"stage": "final_round"})["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	planID := plan["id"].(string)
	reflect, _ := stepByKey(t, plan, "reflect")
	ask, _ := stepByKey(t, plan, "request_feedback")

	// Work on two steps.
	mustStatus(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+ask["id"].(string), key, `{"status":"in_progress","note":"Drafted the e-mail"}`), http.StatusOK)
	done := e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+reflect["id"].(string), key, `{"status":"done"}`)
	mustStatus(t, done, http.StatusOK)
	st, _ := stepByKey(t, done.object(t), "reflect")
	if st["completed_at"] == nil {
		t.Fatal("completed_at not set")
	}
	// Feedback arrives naming a gap: a skill step appears; the feedback request step, already
	// worked on, stays with its status and note.
	e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "employer", "items": []map[string]any{{"category": "technical_depth", "polarity": "improvement", "detail": "System design depth"}}})
	plan = e.call(http.MethodGet, "/v1/recovery-plans/"+planID, key, nil).object(t)
	if plan["revision"] != float64(2) {
		t.Fatalf("revision %v after feedback", plan["revision"])
	}
	if _, ok := stepByKey(t, plan, "skill_development:system-design-depth"); !ok {
		t.Fatal("no skill step for the named gap")
	}
	kept, ok := stepByKey(t, plan, "request_feedback")
	if !ok || kept["status"] != "in_progress" || kept["note"] != "Drafted the e-mail" || kept["id"] != ask["id"] {
		t.Fatalf("worked-on step changed: %v", kept)
	}
	if r, _ := stepByKey(t, plan, "reflect"); r["status"] != "done" {
		t.Fatal("done step lost")
	}
	revs := e.call(http.MethodGet, "/v1/recovery-plans/"+planID+"/revisions", key, nil).object(t)["data"].([]any)
	if len(revs) != 2 || revs[0].(map[string]any)["trigger"] != "feedback.received" {
		t.Fatalf("revisions %v", revs)
	}
	changes := revs[0].(map[string]any)["changes"].([]any)
	var added []string
	for _, c := range changes {
		if c.(map[string]any)["change"] == "added" {
			added = append(added, c.(map[string]any)["key"].(string))
		}
	}
	if !slices.Contains(added, "skill_development:system-design-depth") {
		t.Fatalf("changes %v", changes)
	}
	// A change that affects no rule makes no revision.
	mustStatus(t, e.call(http.MethodPatch, "/v1/rejections/"+rej, key, `{"notes":"just a note"}`), http.StatusOK)
	if n := len(e.call(http.MethodGet, "/v1/recovery-plans/"+planID+"/revisions", key, nil).object(t)["data"].([]any)); n != 2 {
		t.Fatalf("%d revisions after a no-op change", n)
	}
}

func TestPlanCompletion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"stage": "application", "contacts": []any{}})["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	planID := plan["id"].(string)
	steps := plan["steps"].([]any)
	mustProblem(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+steps[0].(map[string]any)["id"].(string), key, `{"status":"finished"}`), http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/step_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", key, `{"status":"done"}`), http.StatusNotFound, "not-found")
	var last response
	for i, s := range steps {
		status := "done"
		if i%2 == 1 {
			status = "skipped"
		}
		last = e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+s.(map[string]any)["id"].(string), key, `{"status":"`+status+`"}`)
		mustStatus(t, last, http.StatusOK)
	}
	final := last.object(t)
	if final["status"] != "completed" || final["completed_at"] == nil {
		t.Fatalf("plan after all steps %v %v", final["status"], final["completed_at"])
	}
	if n := len(eventTypes(t, e.call(http.MethodGet, "/v1/events?type=recovery_plan.completed", key, nil))); n != 1 {
		t.Fatalf("%d completed events", n)
	}
	// If-Match with a stale ETag is refused; reopening a step makes the plan active again.
	stale := e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+steps[0].(map[string]any)["id"].(string), key, `{"status":"pending"}`, "If-Match", `"stale"`)
	mustProblem(t, stale, http.StatusPreconditionFailed, "precondition-failed")
	reopened := e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+steps[0].(map[string]any)["id"].(string), key, `{"status":"in_progress"}`, "If-Match", last.Header.Get("ETag"))
	mustStatus(t, reopened, http.StatusOK)
	if o := reopened.object(t); o["status"] != "active" || o["completed_at"] != nil {
		t.Fatalf("reopened plan %v", o["status"])
	}
}

func TestReflections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"stage": "interview"})["id"].(string)
	prompts := e.call(http.MethodGet, "/v1/reflection-prompts", key, nil)
	mustStatus(t, prompts, http.StatusOK)
	cat := prompts.object(t)
	version := cat["version"].(string)
	if len(cat["prompts"].([]any)) < 11 {
		t.Fatalf("catalogue %v", cat)
	}
	bad := mustProblem(t, e.call(http.MethodPost, "/v1/rejections/"+rej+"/reflections", key, map[string]any{"prompt_version": version, "answers": map[string]any{"mood": 9, "nerves": "high", "favourite_colour": "blue"}}), http.StatusUnprocessableEntity, "validation-error")
	for _, p := range []string{"/answers/mood", "/answers/nerves", "/answers/favourite_colour"} {
		if !slices.Contains(pointers(bad), p) {
			t.Fatalf("%s not named: %v", p, pointers(bad))
		}
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/rejections/"+rej+"/reflections", key, map[string]any{"prompt_version": "1999", "answers": map[string]any{"mood": 3}}), http.StatusUnprocessableEntity, "validation-error")

	r := e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 1, "company_research": 2, "skill_gaps": []string{"SQL window functions"}}})
	if r["prompt_version"] != version || r["answers"].(map[string]any)["mood"] != float64(1) {
		t.Fatalf("reflection %v", r)
	}
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	if _, ok := stepByKey(t, plan, "research_practice"); !ok {
		t.Fatal("low research did not add a research step")
	}
	skill, ok := stepByKey(t, plan, "skill_development:sql-window-functions")
	if !ok {
		t.Fatal("the reflected gap did not become a step")
	}
	shifted := false
	for _, reason := range skill["reasons"].([]any) {
		shifted = shifted || reason.(map[string]any)["field"] == "answers.mood"
	}
	if !shifted {
		t.Fatalf("a very low mood should space the plan out and say so: %v", skill["reasons"])
	}
	id := r["id"].(string)
	p := e.call(http.MethodPatch, "/v1/reflections/"+id, key, `{"answers":{"mood":4,"company_research":null}}`)
	mustStatus(t, p, http.StatusOK)
	if a := p.object(t)["answers"].(map[string]any); a["mood"] != float64(4) || a["company_research"] != nil {
		t.Fatalf("patched answers %v", a)
	}
	mustProblem(t, e.call(http.MethodPatch, "/v1/reflections/"+id, key, `{"answers":{"mood":null}}`), http.StatusUnprocessableEntity, "validation-error")
	plan = e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	if _, ok := stepByKey(t, plan, "research_practice"); ok {
		t.Fatal("a pending step whose reason vanished stayed")
	}
	e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3}})
	if n := len(e.call(http.MethodGet, "/v1/rejections/"+rej+"/reflections", key, nil).object(t)["data"].([]any)); n != 2 {
		t.Fatalf("%d reflections kept", n)
	}
	mustStatus(t, e.call(http.MethodGet, "/v1/reflections/"+id, key, nil), http.StatusOK)
}

func TestInsightsEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	for i := 0; i < 3; i++ {
		rej := e.rejection(key, cand, map[string]any{"stage": "interview"})["id"].(string)
		e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "employer", "items": []map[string]any{{"category": "interview_performance", "polarity": "improvement", "detail": "Answers ran long"}}})
	}
	r := e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil)
	mustStatus(t, r, http.StatusOK)
	ins := r.object(t)
	if ins["rejection_count"] != float64(3) {
		t.Fatalf("insights %v", ins)
	}
	funnel := ins["stage_funnel"].([]any)
	if s := funnel[0].(map[string]any)["reached_share"].(map[string]any); s["status"] != "insufficient_data" || s["value"] != nil {
		t.Fatalf("a share over 3 rejections: %v", s)
	}
	areas := ins["improvement_areas"].([]any)
	if len(areas) != 1 || areas[0].(map[string]any)["category"] != "interview_performance" || len(areas[0].(map[string]any)["evidence"].([]any)) != 3 {
		t.Fatalf("areas %v", areas)
	}
	for i := 0; i < 2; i++ {
		e.rejection(key, cand, map[string]any{"stage": "application"})
	}
	ins = e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil).object(t)
	if s := ins["stage_funnel"].([]any)[4].(map[string]any)["reached_share"].(map[string]any); s["status"] != "ok" || s["value"] != 0.6 {
		t.Fatalf("interview share over 5 rejections: %v", s)
	}
}

func TestRecoveryIsolation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, keyA := e.tenant("a")
	_, keyB := e.tenant("b")
	cand := e.candidate(keyA, "u")
	rej := e.rejection(keyA, cand, nil)["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", keyA, nil).object(t)
	planID, stepID := plan["id"].(string), plan["steps"].([]any)[0].(map[string]any)["id"].(string)
	refl := e.create("/v1/rejections/"+rej+"/reflections", keyA, map[string]any{"answers": map[string]any{"mood": 3}})["id"].(string)
	before := e.call(http.MethodGet, "/v1/recovery-plans/"+planID, keyA, nil).Body
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/v1/rejections/" + rej + "/recovery-plan", ""},
		{http.MethodGet, "/v1/recovery-plans/" + planID, ""},
		{http.MethodPatch, "/v1/recovery-plans/" + planID + "/steps/" + stepID, `{"status":"done"}`},
		{http.MethodGet, "/v1/recovery-plans/" + planID + "/revisions", ""},
		{http.MethodPost, "/v1/rejections/" + rej + "/reflections", `{"answers":{"mood":1}}`},
		{http.MethodGet, "/v1/rejections/" + rej + "/reflections", ""},
		{http.MethodGet, "/v1/reflections/" + refl, ""},
		{http.MethodPatch, "/v1/reflections/" + refl, `{"answers":{"mood":1}}`},
		{http.MethodGet, "/v1/candidates/" + cand + "/insights", ""},
	} {
		var body any
		if c.body != "" {
			body = c.body
		}
		mustProblem(t, e.call(c.method, c.path, keyB, body), http.StatusNotFound, "not-found")
	}
	if n := len(e.call(http.MethodGet, "/v1/recovery-plans", keyB, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatal("B lists A's plans")
	}
	if after := e.call(http.MethodGet, "/v1/recovery-plans/"+planID, keyA, nil).Body; string(after) != string(before) {
		t.Fatal("A's plan changed")
	}
}
