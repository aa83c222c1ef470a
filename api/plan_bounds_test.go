package api

import (
	"fmt"
	"net/http"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/reboundhq/rebound/internal/wire"
)

// TestPlanStaysBoundedUnderManyFeedback posts 100 pieces of feedback naming 30 different gaps
// to one rejection: the plan stays within its caps, every plan event stays under the payload
// bound, and a post near the end costs what one near the start did — measured in SQL
// statements and rows written, which a loaded machine cannot skew (the times are logged).
func TestPlanStaysBoundedUnderManyFeedback(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"stage": "final_round"})["id"].(string)
	var statements atomic.Int64
	count := func(*gorm.DB) { statements.Add(1) }
	cb := e.st.GormDB().Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("bounds:create", count), cb.Query().After("gorm:query").Register("bounds:query", count),
		cb.Update().After("gorm:update").Register("bounds:update", count), cb.Delete().After("gorm:delete").Register("bounds:delete", count),
		cb.Row().After("gorm:row").Register("bounds:row", count), cb.Raw().After("gorm:raw").Register("bounds:raw", count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var took []time.Duration
	var cost []int64
	for i := 0; i < 100; i++ {
		items := []map[string]any{}
		for j := 0; j < 3; j++ {
			gap := (i*3 + j) % 30
			items = append(items, map[string]any{"category": "skills", "polarity": "improvement", "detail": fmt.Sprintf("Skill area number %d needs more depth", gap)})
		}
		start, before := time.Now(), statements.Load()
		e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "coach", "summary": fmt.Sprintf("Round %d", i), "items": items})
		took = append(took, time.Since(start))
		cost = append(cost, statements.Load()-before)
	}
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil)
	steps := plan.object(t)["steps"].([]any)
	if len(steps) > 30 {
		t.Fatalf("the plan grew to %d steps", len(steps))
	}
	skills := 0
	for _, st := range steps {
		m := st.(map[string]any)
		if m["kind"] == "skill_development" {
			skills++
		}
		if n := len(m["reasons"].([]any)); n > 10 {
			t.Fatalf("step %s has %d reasons", m["key"], n)
		}
	}
	if skills > 6 {
		t.Fatalf("%d skill steps for 30 gaps; want a handful, the rest summarised", skills)
	}
	if len(plan.Body) > wire.MaxEventPayloadBytes {
		t.Fatalf("the plan is %d bytes", len(plan.Body))
	}
	largest := 0
	for after := ""; ; {
		q := "/v1/events?type=recovery_plan.updated&limit=100"
		if after != "" {
			q += "&cursor=" + after
		}
		page := e.call(http.MethodGet, q, key, nil).object(t)
		for _, ev := range page["data"].([]any) {
			id := ev.(map[string]any)["id"].(string)
			if n := len(e.call(http.MethodGet, "/v1/events/"+id, key, nil).Body); n > largest {
				largest = n
			}
		}
		if page["has_more"] != true {
			break
		}
		after = page["next_cursor"].(string)
	}
	if largest == 0 || largest > wire.MaxEventPayloadBytes {
		t.Fatalf("largest plan event %d bytes (bound %d)", largest, wire.MaxEventPayloadBytes)
	}
	median := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[len(s)/2]
	}
	most := func(c []int64) int64 {
		m := int64(0)
		for _, n := range c {
			m = max(m, n)
		}
		return m
	}
	early, late := most(cost[5:25]), most(cost[80:100])
	t.Logf("plan: %d steps (%d skill), largest plan event %d bytes; per post at most %d statements early, %d late; median %v early, %v late",
		len(steps), skills, largest, early, late, median(took[5:25]), median(took[80:100]))
	if late > early+5 {
		t.Fatalf("a post cost up to %d statements near the start and %d near the end: the work grows with the plan", early, late)
	}
}
