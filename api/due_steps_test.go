package api

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

func mustLoad(zone string) *time.Location {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestStepDueIsAnnouncedOnceInTheCandidatesZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	ahead := e.create("/v1/candidates", key, map[string]any{"external_id": "kiritimati", "timezone": "Pacific/Kiritimati"})["id"].(string) // UTC+14
	behind := e.create("/v1/candidates", key, map[string]any{"external_id": "pago", "timezone": "Pacific/Pago_Pago"})["id"].(string)       // UTC−11
	rejAhead := e.rejection(key, ahead, map[string]any{"stage": "application"})["id"].(string)
	rejBehind := e.rejection(key, behind, map[string]any{"stage": "application"})["id"].(string)

	planBehind := e.call(http.MethodGet, "/v1/rejections/"+rejBehind+"/recovery-plan", key, nil).object(t)
	// Mark one step done: done steps are never announced. (Which steps a plan has depends on the
	// hour: received an hour ago is yesterday in Pago Pago for part of the day.)
	stepsBehind := planBehind["steps"].([]any)
	if len(stepsBehind) < 2 {
		t.Fatalf("plan with %d steps", len(stepsBehind))
	}
	done := stepsBehind[0].(map[string]any)
	mustStatus(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+planBehind["id"].(string)+"/steps/"+done["id"].(string), key, `{"status":"done"}`), http.StatusOK)
	// Move another of its steps to the date it already is in Kiritimati: still tomorrow in Pago Pago.
	kiritimatiToday := time.Now().In(time.FixedZone("UTC+14", 14*3600)).Format("2006-01-02")
	moved := stepsBehind[1].(map[string]any)
	if err := e.st.GormDB().Exec(`UPDATE recovery_plan_steps SET due_on = ? WHERE id = ?`, kiritimatiToday, moved["id"]).Error; err != nil {
		t.Fatal(err)
	}

	// Two replicas run the scheduler at once.
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := e.server.app.EmitDueSteps(context.Background(), 100)
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		}()
	}
	wg.Wait()
	events := e.call(http.MethodGet, "/v1/events?type=recovery_plan.step_due&limit=100", key, nil).object(t)["data"].([]any)
	if counts[0]+counts[1] != len(events) || len(events) == 0 {
		t.Fatalf("announced %v, %d events", counts, len(events))
	}
	// Exactly the steps due by today in their own candidate's zone went out, each once: the step
	// moved to Kiritimati's date is not due yet in Pago Pago, and done steps never go out.
	want := map[string]bool{}
	for rej, zone := range map[string]string{rejAhead: "Pacific/Kiritimati", rejBehind: "Pacific/Pago_Pago"} {
		loc, _ := time.LoadLocation(zone)
		today := time.Now().In(loc).Format("2006-01-02")
		plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
		for _, s := range plan["steps"].([]any) {
			st := s.(map[string]any)
			if st["status"] == "pending" && st["lapsed"] == false && st["due_on"].(string) <= today {
				want[st["id"].(string)] = true
			}
		}
	}
	if want[moved["id"].(string)] && time.Now().In(mustLoad("Pacific/Pago_Pago")).Format("2006-01-02") < kiritimatiToday {
		t.Fatal("the moved step counts as due in Pago Pago")
	}
	seen := map[string]bool{}
	for _, ev := range events {
		due := ev.(map[string]any)["data"].(map[string]any)["object"].(map[string]any)
		id := due["step"].(map[string]any)["id"].(string)
		if seen[id] || !want[id] {
			t.Fatalf("step_due for %s (announced before: %v; due: %v): %v", id, seen[id], want[id], due)
		}
		seen[id] = true
	}
	if len(seen) != len(want) {
		t.Fatalf("%d due steps announced, want %d", len(seen), len(want))
	}
	if n, _ := e.server.app.EmitDueSteps(context.Background(), 100); n != 0 {
		t.Fatalf("announced %d steps a second time", n)
	}
}
