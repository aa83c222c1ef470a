package api

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// seedAnalytics loads, with set-based SQL, a database of total rejections over 100 tenants: the
// measured tenant holds mine of them (10 per candidate, spread over two years, each with a plan
// of three steps, a feedback request for one in five and feedback for one in ten), the other 99
// tenants the rest (with their plans, steps and some feedback requests). It returns the
// measured tenant's key.
func seedAnalytics(b *testing.B, e *env, total, mine int) string {
	b.Helper()
	ten, key := e.tenant("measured")
	var others []string
	for i := 0; i < 99; i++ {
		id, _ := e.tenant(fmt.Sprintf("other-%d", i))
		others = append(others, "'"+id+"'")
	}
	stages := `ARRAY['application','screening','phone_screen','assessment','interview','final_round','offer']`
	reasons := `ARRAY['position_filled','stronger_candidate','internal_candidate','skills_gap','experience_gap','culture_fit','compensation','location','role_cancelled','no_reason_given','other']`
	id := func(prefix string) string { return "'" + prefix + "_' || lpad(to_hex(g), 32, '0')" }
	cand := func(n int) string { return "'cand_' || lpad(to_hex(1 + g % " + strconv.Itoa(n) + "), 32, '0')" }
	statements := []string{
		// The measured tenant: 10 rejections per candidate.
		`INSERT INTO candidates (tenant_id, id, external_id, display_name, timezone, locale, metadata, created_at, updated_at)
		 SELECT '` + ten + `', 'cand_' || lpad(to_hex(g), 32, '0'), 'ext-' || g, 'Candidate ' || g, 'UTC', 'en', '{}', now(), now()
		 FROM generate_series(1, ` + strconv.Itoa(mine/10) + `) g`,
		`INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, status, created_at, updated_at)
		 SELECT '` + ten + `', ` + id("rej") + `, ` + cand(mine/10) + `, 'Company ' || (g % 300), 'company ' || (g % 300), 'Engineer',
		        (` + stages + `)[1 + g % 7], 'email', (` + reasons + `)[1 + (g / 7) % 11],
		        now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute', 'open', now(), now()
		 FROM generate_series(1, ` + strconv.Itoa(mine) + `) g`,
		`INSERT INTO recovery_plans (tenant_id, id, rejection_id, candidate_id, status, revision, starts_on, historical, created_at, updated_at)
		 SELECT '` + ten + `', ` + id("plan") + `, ` + id("rej") + `, ` + cand(mine/10) + `, CASE WHEN g % 4 = 0 THEN 'completed' ELSE 'active' END,
		        1, '2026-01-01', g % 10 = 0, now(), now()
		 FROM generate_series(1, ` + strconv.Itoa(mine) + `) g`,
		`INSERT INTO recovery_plan_steps (tenant_id, id, plan_id, key, kind, title, guidance, due_on, position, status, reasons, completed_at, created_at, updated_at)
		 SELECT '` + ten + `', 'step_' || lpad(to_hex(g * 3 + k), 32, '0'), ` + id("plan") + `, (ARRAY['apply_next','reflect','thank_contacts'])[1 + k],
		        (ARRAY['apply_next','reflect','thank_contacts'])[1 + k], 'Step', 'Guidance', '2026-01-01', k,
		        CASE WHEN (g + k) % 3 = 0 THEN 'done' WHEN (g + k) % 7 = 0 THEN 'skipped' ELSE 'pending' END, '[]',
		        CASE WHEN (g + k) % 3 = 0 THEN now() - (g % 730) * interval '1 day' + (g % 20) * interval '1 day' END, now(), now()
		 FROM generate_series(1, ` + strconv.Itoa(mine) + `) g, generate_series(0, 2) k`,
		`INSERT INTO feedback_requests (tenant_id, id, rejection_id, candidate_id, recipient_name, recipient_role, status, message_subject, message_body, token_hash, expires_at, sent_at, responded_at, created_at, updated_at)
		 SELECT '` + ten + `', ` + id("frq") + `, ` + id("rej") + `, ` + cand(mine/10) + `, 'Priya', 'recruiter',
		        CASE WHEN g % 10 = 0 THEN 'responded' ELSE 'sent' END, 'S', 'B', 'seed-' || g, now() + interval '30 days',
		        now() - (g % 730) * interval '1 day', CASE WHEN g % 10 = 0 THEN now() - (g % 730) * interval '1 day' + (g % 96) * interval '1 hour' END, now(), now()
		 FROM generate_series(5, ` + strconv.Itoa(mine) + `, 5) g`,
		`INSERT INTO feedback (tenant_id, id, rejection_id, candidate_id, source, received_at, items, created_at)
		 SELECT '` + ten + `', ` + id("fb") + `, ` + id("rej") + `, ` + cand(mine/10) + `, 'employer', now(),
		        ('[{"category": "' || (ARRAY['technical_depth','communication','experience','skills','preparation'])[1 + g % 5] || '", "polarity": "improvement", "detail": "x"}]')::jsonb, now()
		 FROM generate_series(10, ` + strconv.Itoa(mine) + `, 10) g`,
		// The other 99 tenants: rejections and plans.
		`INSERT INTO candidates (tenant_id, id, external_id, display_name, timezone, locale, metadata, created_at, updated_at)
		 SELECT (ARRAY[` + strings.Join(others, ",") + `])[1 + g % 99], 'cand_' || lpad(to_hex(g), 32, '0'), 'ext-' || g, 'Candidate ' || g, 'UTC', 'en', '{}', now(), now()
		 FROM generate_series(1, ` + strconv.Itoa((total-mine)/10) + `) g`,
		`INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, status, created_at, updated_at)
		 SELECT (ARRAY[` + strings.Join(others, ",") + `])[1 + (1 + g % ` + strconv.Itoa((total-mine)/10) + `) % 99], ` + id("rej") + `, ` + cand((total-mine)/10) + `,
		        'Company ' || (g % 300), 'company ' || (g % 300), 'Engineer', (` + stages + `)[1 + g % 7], 'email', (` + reasons + `)[1 + (g / 7) % 11],
		        now() - (g % 730) * interval '1 day', 'open', now(), now()
		 FROM generate_series(1, ` + strconv.Itoa(total-mine) + `) g`,
		`INSERT INTO recovery_plans (tenant_id, id, rejection_id, candidate_id, status, revision, starts_on, historical, created_at, updated_at)
		 SELECT tenant_id, 'plan_' || substr(id, 5), id, candidate_id, 'active', 1, '2026-01-01', false, now(), now()
		 FROM rejections WHERE tenant_id <> '` + ten + `'`,
		`INSERT INTO recovery_plan_steps (tenant_id, id, plan_id, key, kind, title, guidance, due_on, position, status, reasons, created_at, updated_at)
		 SELECT p.tenant_id, 'step_' || lpad(to_hex(k), 2, '0') || substr(p.id, 8), p.id, (ARRAY['apply_next','reflect','thank_contacts'])[1 + k],
		        (ARRAY['apply_next','reflect','thank_contacts'])[1 + k], 'Step', 'Guidance', '2026-01-01', k, 'pending', '[]', now(), now()
		 FROM recovery_plans p, generate_series(0, 2) k WHERE p.tenant_id <> '` + ten + `'`,
		`INSERT INTO feedback_requests (tenant_id, id, rejection_id, candidate_id, recipient_name, recipient_role, status, message_subject, message_body, token_hash, expires_at, sent_at, created_at, updated_at)
		 SELECT tenant_id, 'frq_' || substr(id, 5), id, candidate_id, 'Priya', 'recruiter', 'sent', 'S', 'B', 'other-' || id, now() + interval '30 days', now(), now(), now()
		 FROM rejections WHERE tenant_id <> '` + ten + `' AND right(id, 1) IN ('0', '5', 'a')`,
		`VACUUM ANALYZE`,
	}
	start := time.Now()
	for _, s := range statements {
		if err := e.st.GormDB().Exec(s).Error; err != nil {
			b.Fatalf("seed: %v\n%s", err, s)
		}
	}
	var n int64
	e.st.GormDB().Table("rejections").Count(&n)
	b.Logf("seeded %d rejections (%d in the measured tenant) in %s", n, mine, time.Since(start).Round(time.Second))
	return key
}

// BenchmarkAnalytics measures GET /v1/analytics in a database of 1,000,000 rejections
// (REBOUND_BENCH_ANALYTICS_REJECTIONS) for a tenant holding 100,000 of them
// (REBOUND_BENCH_ANALYTICS_TENANT) over two years, for the default 90 days (about 12,000 of its
// rejections in range) and for a year (about 50,000).
func BenchmarkAnalytics(b *testing.B) {
	total, mine := 1_000_000, 100_000
	if v := os.Getenv("REBOUND_BENCH_ANALYTICS_REJECTIONS"); v != "" {
		total, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("REBOUND_BENCH_ANALYTICS_TENANT"); v != "" {
		mine, _ = strconv.Atoi(v)
	}
	e := newEnv(b)
	key := seedAnalytics(b, e, total, mine)
	today := time.Now().UTC()
	for _, r := range []struct {
		name string
		days int
	}{{"90d", 90}, {"365d", 365}} {
		q := "/v1/analytics?from=" + today.AddDate(0, 0, -(r.days-1)).Format("2006-01-02") + "&to=" + today.Format("2006-01-02")
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				res := e.call(http.MethodGet, q, key, nil)
				if res.Status != http.StatusOK {
					b.Fatalf("status %d: %s", res.Status, res.Body)
				}
			}
		})
	}
}
