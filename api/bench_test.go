package api

import (
	"fmt"
	"net/http"
	"testing"
)

// BenchmarkCreateRejection measures POST /v1/rejections end to end over loopback HTTP against
// PostgreSQL: authentication, validation, the rejection, its recovery plan (rules, steps,
// revision), two events and the idempotency record, in one transaction.
func BenchmarkCreateRejection(b *testing.B) {
	e := newEnv(b)
	_, key := e.tenant("bench")
	cand := e.candidate(key, "bench-user")
	i := 0
	b.ResetTimer()
	for b.Loop() {
		i++
		r := e.call(http.MethodPost, "/v1/rejections", key, map[string]any{"candidate_id": cand, "company": "Northwind", "role_title": "Engineer", "stage": "final_round",
			"contacts": []map[string]any{{"name": "Priya", "role": "interviewer"}}}, "Idempotency-Key", fmt.Sprintf("bench-%d", i))
		if r.Status != http.StatusCreated {
			b.Fatalf("status %d: %s", r.Status, r.Body)
		}
	}
}

// BenchmarkInsights measures GET /v1/candidates/{id}/insights for a candidate with 100
// rejections, each with feedback and a reflection.
func BenchmarkInsights(b *testing.B) {
	e := newEnv(b)
	_, key := e.tenant("bench")
	cand := e.candidate(key, "bench-user")
	for i := 0; i < 100; i++ {
		rej := e.rejection(key, cand, map[string]any{"stage": []string{"application", "interview", "final_round"}[i%3]})["id"].(string)
		e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "employer", "items": []map[string]any{{"category": "technical_depth", "polarity": "improvement", "detail": "System design"}}})
		e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": i%5 + 1}})
	}
	b.ResetTimer()
	for b.Loop() {
		if r := e.call(http.MethodGet, "/v1/candidates/"+cand+"/insights", key, nil); r.Status != http.StatusOK {
			b.Fatalf("status %d", r.Status)
		}
	}
}

// BenchmarkListRejections measures one page (limit 20) of GET /v1/rejections from 2,000 rows.
func BenchmarkListRejections(b *testing.B) {
	e := newEnv(b)
	ten, key := e.tenant("bench")
	cand := e.candidate(key, "bench-user")
	if err := e.st.GormDB().Exec(`INSERT INTO rejections (tenant_id, id, candidate_id, company, role_title, stage, channel, reason_category, received_at, status, created_at, updated_at)
		SELECT ?, 'rej_' || lpad(to_hex(g), 32, '0'), ?, 'Co', 'Engineer', 'interview', 'email', 'other', now(), 'open', now(), now() FROM generate_series(1, 2000) g`, ten, cand).Error; err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if r := e.call(http.MethodGet, "/v1/rejections?limit=20&candidate_id="+cand, key, nil); r.Status != http.StatusOK {
			b.Fatalf("status %d", r.Status)
		}
	}
}
