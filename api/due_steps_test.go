package api

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestStepDueIsAnnouncedOnceInTheCandidatesZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	ahead := e.create("/v1/candidates", key, map[string]any{"external_id": "kiritimati", "timezone": "Pacific/Kiritimati"})["id"].(string) // UTC+14
	behind := e.create("/v1/candidates", key, map[string]any{"external_id": "pago", "timezone": "Pacific/Pago_Pago"})["id"].(string)       // UTC−11
	rejAhead := e.rejection(key, ahead, map[string]any{"stage": "application"})["id"].(string)
	rejBehind := e.rejection(key, behind, map[string]any{"stage": "application"})["id"].(string)

	planBehind := e.call(http.MethodGet, "/v1/rejections/"+rejBehind+"/recovery-plan", key, nil).object(t)
	// Mark one due step done: done steps are never announced.
	rest, _ := stepByKey(t, planBehind, "rest")
	mustStatus(t, e.call(http.MethodPatch, "/v1/recovery-plans/"+planBehind["id"].(string)+"/steps/"+rest["id"].(string), key, `{"status":"done"}`), http.StatusOK)
	// Move another of its steps to the date it already is in Kiritimati: still tomorrow in Pago Pago.
	kiritimatiToday := time.Now().In(time.FixedZone("UTC+14", 14*3600)).Format("2006-01-02")
	reflect, _ := stepByKey(t, planBehind, "reflect")
	if err := e.st.GormDB().Exec(`UPDATE recovery_plan_steps SET due_on = ? WHERE id = ?`, kiritimatiToday, reflect["id"]).Error; err != nil {
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
	// Only the Kiritimati candidate's due steps went out, each once: in Pago Pago it is still the
	// day before, even for the step moved to Kiritimati's date, and done steps never go out.
	seen := map[string]bool{}
	for _, ev := range events {
		due := ev.(map[string]any)["data"].(map[string]any)["object"].(map[string]any)
		step := due["step"].(map[string]any)
		if due["rejection_id"] != rejAhead || due["timezone"] != "Pacific/Kiritimati" || seen[step["id"].(string)] {
			t.Fatalf("step_due payload %v (seen before: %v)", due, seen[step["id"].(string)])
		}
		seen[step["id"].(string)] = true
	}
	_ = rejBehind
	if n, _ := e.server.app.EmitDueSteps(context.Background(), 100); n != 0 {
		t.Fatalf("announced %d steps a second time", n)
	}
}
