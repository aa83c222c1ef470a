package store_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// bigTables are the tables that grow with use: a sequential scan of one is a query whose cost
// grows with every tenant's data.
var bigTables = []string{"rejections", "candidates", "recovery_plans", "recovery_plan_steps", "events", "feedback", "reflections", "feedback_requests", "webhook_deliveries"}

// capturedQuery is one statement the store sent, as GORM built it.
type capturedQuery struct {
	sql  string
	vars []any
}

// capture records every query and row statement the store runs through GORM, after it ran:
// the SQL and the arguments the store really sends.
type capture struct {
	mu   sync.Mutex
	list []capturedQuery
}

func (c *capture) record(db *gorm.DB) {
	if db.Statement == nil || db.Statement.SQL.Len() == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, capturedQuery{sql: db.Statement.SQL.String(), vars: append([]any(nil), db.Statement.Vars...)})
}

func (c *capture) take() []capturedQuery {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.list
	c.list = nil
	return out
}

// TestListQueriesUseIndexes: every list and lookup the API and the workers run on the big
// tables is planned without a sequential scan of one, in a database of several tenants large
// enough that PostgreSQL would scan a table no index fits. Each query is the one the store
// method sends (captured from GORM), explained with its real arguments (the custom plan) and
// prepared with plan_cache_mode=force_generic_plan (the generic plan pgx's cached prepared
// statements may end up with, where a parameter cannot match a partial index's predicate).
func TestListQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := testdb.PostgresURL(t)
	st, err := store.Open(ctx, store.Config{DatabaseURL: url, MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	seedForExplain(t, conn)

	var c capture
	db := st.GormDB()
	if err := db.Callback().Query().After("gorm:query").Register("explain_test:capture", c.record); err != nil {
		t.Fatal(err)
	}
	if err := db.Callback().Row().After("gorm:row").Register("explain_test:capture", c.record); err != nil {
		t.Fatal(err)
	}

	// The data of one tenant in the middle (see seedForExplain).
	const tenant = "ten_00000000000000000000000000000002"
	id := func(prefix string, n int) string { return fmt.Sprintf("%s_%032x", prefix, n) }
	var (
		rej, plan   = id("rej", 2*perTenant+500), id("plan", 2*perTenant+500)
		cand        = id("cand", 2*(perTenant/10)+50)
		endpoint    = id("we", 2*2)
		some        = []string{rej, id("rej", 2*perTenant+501), id("rej", 2*perTenant+502)}
		somePlans   = []string{plan, id("plan", 2*perTenant+501)}
		someCands   = []string{cand, id("cand", 2*(perTenant/10)+51)}
		now         = time.Now().UTC()
		monthAgo    = now.AddDate(0, -1, 0)
		yearAgo     = now.AddDate(-1, 0, 0)
		page        = model.Page{Limit: 20}
		deep        = model.Page{Limit: 20, After: id("rej", 2*perTenant+2500)}
		oldest      = model.Page{Limit: 20, Oldest: true, After: id("evt", 2*2*perTenant+100)}
		sync        = model.Page{Limit: 20, Changed: &model.ChangeWindow{UpdatedAfter: &yearAgo}}
		syncResumed = model.Page{Limit: 20, After: rej, Changed: &model.ChangeWindow{UpdatedAfter: &yearAgo, UpdatedBefore: &now, AfterUpdatedAt: monthAgo}}
	)
	cases := []struct {
		name string
		run  func() error
	}{
		{"Rejection", func() error { _, err := st.Rejection(ctx, tenant, rej); return err }},
		{"RejectionsByID", func() error { _, err := st.RejectionsByID(ctx, tenant, some); return err }},
		{"RejectionsByExternalRef", func() error {
			_, err := st.RejectionsByExternalRef(ctx, tenant, []string{"ref-1", "ref-2"})
			return err
		}},
		{"Rejections", func() error { _, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{}, page); return err }},
		{"Rejections deep", func() error { _, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{}, deep); return err }},
		{"Rejections by candidate", func() error {
			_, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{CandidateID: cand}, page)
			return err
		}},
		{"Rejections by external_ref", func() error {
			_, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{ExternalRef: "ref-7"}, page)
			return err
		}},
		{"Rejections by company", func() error {
			_, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{Company: "Company 7"}, page)
			return err
		}},
		{"Rejections received in a range", func() error {
			_, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{ReceivedAfter: &monthAgo, ReceivedBefore: &now}, page)
			return err
		}},
		{"Rejections sync", func() error { _, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{}, sync); return err }},
		{"Rejections sync resumed", func() error {
			_, _, err := st.Rejections(ctx, tenant, model.RejectionFilter{}, syncResumed)
			return err
		}},
		{"CandidateRejections", func() error { _, err := st.CandidateRejections(ctx, tenant, cand, yearAgo); return err }},
		{"CandidateHistory", func() error { _, err := st.CandidateHistory(ctx, tenant, cand, yearAgo); return err }},
		{"CandidateRejectionPage", func() error { _, err := st.CandidateRejectionPage(ctx, tenant, cand, "", 100); return err }},
		{"RecentRejectionsOfCandidates", func() error {
			_, err := st.RecentRejectionsOfCandidates(ctx, tenant, someCands, yearAgo, 500)
			return err
		}},
		{"RejectionsPastRetention", func() error { _, err := st.RejectionsPastRetention(ctx, time.Now(), "", 200, 1000); return err }},

		{"Candidate", func() error { _, err := st.Candidate(ctx, tenant, cand); return err }},
		{"CandidateByExternalID", func() error { _, err := st.CandidateByExternalID(ctx, tenant, "ext-5"); return err }},
		{"CandidatesByExternalID", func() error {
			_, err := st.CandidatesByExternalID(ctx, tenant, []string{"ext-5", "ext-6"})
			return err
		}},
		{"CandidatesByID", func() error { _, err := st.CandidatesByID(ctx, tenant, someCands); return err }},
		{"Candidates", func() error { _, _, err := st.Candidates(ctx, tenant, model.CandidateFilter{}, page); return err }},
		{"Candidates by external_id", func() error {
			_, _, err := st.Candidates(ctx, tenant, model.CandidateFilter{ExternalID: "ext-5"}, page)
			return err
		}},
		{"Candidates sync", func() error {
			_, _, err := st.Candidates(ctx, tenant, model.CandidateFilter{}, syncResumed)
			return err
		}},

		{"Plan", func() error { _, err := st.Plan(ctx, tenant, plan); return err }},
		{"PlanForRejection", func() error { _, err := st.PlanForRejection(ctx, tenant, rej); return err }},
		{"PlansByID", func() error { _, err := st.PlansByID(ctx, tenant, somePlans); return err }},
		{"PlansOf", func() error { _, err := st.PlansOf(ctx, tenant, some); return err }},
		{"Plans", func() error { _, _, err := st.Plans(ctx, tenant, model.PlanFilter{}, page); return err }},
		{"Plans by candidate", func() error {
			_, _, err := st.Plans(ctx, tenant, model.PlanFilter{CandidateID: cand}, page)
			return err
		}},
		{"Plans by status", func() error { _, _, err := st.Plans(ctx, tenant, model.PlanFilter{Status: "active"}, page); return err }},
		{"Plans by candidate and status", func() error {
			_, _, err := st.Plans(ctx, tenant, model.PlanFilter{CandidateID: cand, Status: "active"}, page)
			return err
		}},
		{"Plans sync", func() error { _, _, err := st.Plans(ctx, tenant, model.PlanFilter{}, syncResumed); return err }},
		{"CandidatePlans", func() error { _, err := st.CandidatePlans(ctx, tenant, cand, 500); return err }},
		{"OpenPlansOfCandidate", func() error { _, err := st.OpenPlansOfCandidate(ctx, tenant, cand, 50); return err }},
		{"OpenPlansOfCandidates", func() error { _, err := st.OpenPlansOfCandidates(ctx, tenant, someCands, 50); return err }},
		{"PlanSteps", func() error { _, err := st.PlanSteps(ctx, tenant, somePlans...); return err }},
		{"DueSteps", func() error { _, err := st.DueSteps(ctx, now.Format("2006-01-02"), 100); return err }},
		{"OldestUnannouncedDueOn", func() error { _, err := st.OldestUnannouncedDueOn(ctx); return err }},

		{"Event", func() error { _, err := st.Event(ctx, tenant, id("evt", 2*2*perTenant+7)); return err }},
		{"Events", func() error { _, _, err := st.Events(ctx, tenant, model.EventFilter{}, page); return err }},
		{"Events oldest first", func() error { _, _, err := st.Events(ctx, tenant, model.EventFilter{}, oldest); return err }},
		{"Events by type", func() error {
			_, _, err := st.Events(ctx, tenant, model.EventFilter{Type: "rejection.created"}, page)
			return err
		}},
		{"Events by candidate", func() error {
			_, _, err := st.Events(ctx, tenant, model.EventFilter{CandidateID: cand}, page)
			return err
		}},
		{"Events created after", func() error {
			_, _, err := st.Events(ctx, tenant, model.EventFilter{CreatedAfter: &monthAgo}, oldest)
			return err
		}},
		{"CandidateEvents", func() error { _, err := st.CandidateEvents(ctx, tenant, cand, 100); return err }},
		{"CandidateEventPage", func() error { _, err := st.CandidateEventPage(ctx, tenant, cand, "", 100); return err }},
		{"EventsAbout", func() error { _, err := st.EventsAbout(ctx, tenant, rej, []string{id("fb", 7)}, 100); return err }},

		{"Feedback", func() error { _, err := st.Feedback(ctx, tenant, id("fb", 2*perTenant+500)); return err }},
		{"FeedbackList", func() error { _, _, err := st.FeedbackList(ctx, tenant, rej, page); return err }},
		{"AllFeedback", func() error { _, err := st.AllFeedback(ctx, tenant, rej); return err }},
		{"CandidateFeedback", func() error { _, err := st.CandidateFeedback(ctx, tenant, cand, 1000); return err }},
		{"FeedbackOf", func() error { _, err := st.FeedbackOf(ctx, tenant, some); return err }},

		{"Reflection", func() error { _, err := st.Reflection(ctx, tenant, id("rfl", 2*perTenant+500)); return err }},
		{"Reflections", func() error { _, _, err := st.Reflections(ctx, tenant, rej, page); return err }},
		{"Reflections sync", func() error { _, _, err := st.Reflections(ctx, tenant, rej, syncResumed); return err }},
		{"AllReflections", func() error { _, err := st.AllReflections(ctx, tenant, rej); return err }},
		{"CandidateReflections", func() error { _, err := st.CandidateReflections(ctx, tenant, cand, 1000); return err }},
		{"ReflectionsOf", func() error { _, err := st.ReflectionsOf(ctx, tenant, some); return err }},

		{"FeedbackRequest", func() error { _, err := st.FeedbackRequest(ctx, tenant, id("frq", 2*perTenant+500)); return err }},
		{"FeedbackRequestByTokenHash", func() error { _, err := st.FeedbackRequestByTokenHash(ctx, "token-8"); return err }},
		{"FeedbackRequests", func() error { _, _, err := st.FeedbackRequests(ctx, tenant, rej, page); return err }},
		{"FeedbackRequests sync", func() error { _, _, err := st.FeedbackRequests(ctx, tenant, rej, syncResumed); return err }},
		{"AllFeedbackRequests", func() error { _, err := st.AllFeedbackRequests(ctx, tenant, rej); return err }},
		{"FeedbackRequestsOf", func() error { _, err := st.FeedbackRequestsOf(ctx, tenant, some); return err }},
		{"OverdueFeedbackRequests", func() error { _, err := st.OverdueFeedbackRequests(ctx, now, 100); return err }},

		{"WebhookDeliveries", func() error { _, _, err := st.WebhookDeliveries(ctx, tenant, endpoint, page); return err }},
		{"NextPendingDelivery", func() error { _, _, err := st.NextPendingDelivery(ctx, tenant, endpoint); return err }},
		{"EndpointsWithDueDeliveries", func() error { _, err := st.EndpointsWithDueDeliveries(ctx, now, 100); return err }},
		{"OldestDueDelivery", func() error { _, err := st.OldestDueDelivery(ctx, now); return err }},
	}
	// Where an index scan is not enough: a wider index can serve the order and filter on the
	// rest, which finds a candidate's rows by walking the whole tenant's.
	mustUse := map[string]string{
		"CandidateRejections":  "rejections_tenant_candidate_received",
		"CandidateHistory":     "rejections_tenant_candidate_received",
		"OpenPlansOfCandidate": "recovery_plans_tenant_candidate_status",
	}
	seqScan := regexp.MustCompile(`Seq Scan on (\w+)`)
	big := map[string]bool{}
	for _, tbl := range bigTables {
		big[tbl] = true
	}
	for _, tc := range cases {
		c.take()
		if err := tc.run(); err != nil && !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		queries := c.take()
		if len(queries) == 0 {
			t.Errorf("%s: no query captured", tc.name)
		}
		for _, q := range queries {
			for _, mode := range []string{"custom", "generic"} {
				plan, err := explain(ctx, conn, q, mode)
				if err != nil {
					t.Errorf("%s: explain (%s plan): %v\n%s", tc.name, mode, err, q.sql)
					continue
				}
				if index := mustUse[tc.name]; index != "" && !strings.Contains(plan, index) {
					t.Errorf("%s: the %s plan does not use %s:\n%s\n%s", tc.name, mode, index, q.sql, plan)
				}
				for _, m := range seqScan.FindAllStringSubmatch(plan, -1) {
					if big[m[1]] {
						t.Errorf("%s: the %s plan scans %s sequentially:\n%s\n%s", tc.name, mode, m[1], q.sql, plan)
						break
					}
				}
			}
		}
	}
}

// explain returns the plan of q: with its arguments bound (a custom plan), or prepared and
// forced generic, as a cached prepared statement may run.
func explain(ctx context.Context, conn *pgx.Conn, q capturedQuery, mode string) (string, error) {
	var rows pgx.Rows
	var err error
	if mode == "custom" {
		rows, err = conn.Query(ctx, "EXPLAIN "+q.sql, q.vars...)
	} else {
		if _, err := conn.Exec(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
			return "", err
		}
		defer conn.Exec(ctx, "RESET plan_cache_mode; DEALLOCATE explained")
		if _, err := conn.Exec(ctx, "PREPARE explained AS "+q.sql); err != nil {
			return "", err
		}
		nulls := make([]string, len(q.vars))
		for i := range nulls {
			nulls[i] = "NULL"
		}
		stmt := "EXPLAIN EXECUTE explained"
		if len(nulls) > 0 {
			stmt += "(" + strings.Join(nulls, ", ") + ")" // a generic plan does not look at the values
		}
		rows, err = conn.Query(ctx, stmt, pgx.QueryExecModeSimpleProtocol)
	}
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		b.WriteString(line + "\n")
	}
	return b.String(), rows.Err()
}

// perTenant is the rejections each of the five seeded tenants holds.
const perTenant = 5000

// seedForExplain fills five tenants with 5,000 rejections each over 500 candidates, a plan of
// three steps per rejection, two events, a delivery per event to one of two endpoints, and
// feedback, a reflection and a feedback request for every other rejection; then ANALYZE.
// Numbers encode which tenant a row belongs to: row n of a table is tenant n / (rows per
// tenant)'s, so the test can name rows of a tenant without reading them back.
func seedForExplain(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	const tenants = 5
	n, nc := tenants*perTenant, tenants*perTenant/10
	ten := func(expr string) string { return "'ten_' || lpad(to_hex(" + expr + "), 32, '0')" }
	id := func(prefix, expr string) string { return "'" + prefix + "_' || lpad(to_hex(" + expr + "), 32, '0')" }
	// Rejection g belongs to tenant g / perTenant and to candidate (g / perTenant) * (perTenant / 10) + g % (perTenant / 10).
	candOf := fmt.Sprintf("(g / %d) * %d + g %% %d", perTenant, perTenant/10, perTenant/10)
	statements := []string{
		`INSERT INTO tenants (id, name, created_at) SELECT ` + ten("g") + `, 'Tenant ' || g, now() FROM generate_series(0, ` + fmt.Sprint(tenants-1) + `) g`,
		fmt.Sprintf(`INSERT INTO candidates (tenant_id, id, external_id, display_name, timezone, locale, created_at, updated_at)
			SELECT %s, %s, 'ext-' || (g %% %d), 'Candidate ' || g, 'UTC', 'en', now() - g * interval '1 minute', now() - g * interval '1 minute'
			FROM generate_series(0, %d) g`, ten(fmt.Sprintf("g / %d", perTenant/10)), id("cand", "g"), perTenant/10, nc-1),
		fmt.Sprintf(`INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, status,
				external_ref, closed_at, created_at, updated_at)
			SELECT %s, %s, %s, 'Company ' || (g %% 300), 'company ' || (g %% 300), 'Engineer', 'interview', 'email', 'other',
				now() - (g %% 730) * interval '1 day', CASE WHEN g %% 3 = 0 THEN 'closed' ELSE 'open' END, 'ref-' || (g %% %d),
				CASE WHEN g %% 3 = 0 THEN now() - (g %% 700) * interval '1 day' END, now() - (g %% 730) * interval '1 day', now() - (g %% 720) * interval '1 day'
			FROM generate_series(0, %d) g`, ten(fmt.Sprintf("g / %d", perTenant)), id("rej", "g"), id("cand", candOf), perTenant, n-1),
		fmt.Sprintf(`INSERT INTO recovery_plans (tenant_id, id, rejection_id, candidate_id, status, revision, starts_on, created_at, updated_at)
			SELECT %s, %s, %s, %s, CASE WHEN g %% 10 < 3 THEN 'active' ELSE 'completed' END, 1, '2026-01-01', now() - (g %% 730) * interval '1 day', now() - (g %% 700) * interval '1 day'
			FROM generate_series(0, %d) g`, ten(fmt.Sprintf("g / %d", perTenant)), id("plan", "g"), id("rej", "g"), id("cand", candOf), n-1),
		fmt.Sprintf(`INSERT INTO recovery_plan_steps (tenant_id, id, plan_id, key, kind, title, guidance, due_on, position, status, reasons, due_emitted_at, created_at, updated_at)
			SELECT %s, %s, %s, 'k' || k, 'reflect', 'Step', 'Guidance', to_char(now() - (g %% 730) * interval '1 day' + k * interval '3 days', 'YYYY-MM-DD'), k,
				CASE WHEN g %% 10 < 3 THEN 'pending' ELSE 'done' END, '[]', CASE WHEN g %% 100 <> 0 THEN now() END, now(), now()
			FROM generate_series(0, %d) g, generate_series(0, 2) k`, ten(fmt.Sprintf("g / %d", perTenant)), id("step", "g * 3 + k"), id("plan", "g"), n-1),
		fmt.Sprintf(`INSERT INTO events (tenant_id, id, type, payload, candidate_id, rejection_id, subject_id, created_at)
			SELECT %s, %s, (ARRAY['rejection.created','recovery_plan.created','feedback.received','reflection.recorded'])[1 + e %% 4], '{}', %s, %s,
				CASE WHEN e %% 2 = 1 THEN %s END, now() - (g %% 730) * interval '1 day'
			FROM generate_series(0, %d) e, LATERAL (SELECT e / 2 AS g) x`,
			ten(fmt.Sprintf("g / %d", perTenant)), id("evt", "e"), id("cand", candOf), id("rej", "g"), id("plan", "g"), 2*n-1),
		fmt.Sprintf(`INSERT INTO webhook_endpoints (tenant_id, id, url, enabled_events, secret, created_at, updated_at)
			SELECT %s, %s, 'https://example.com/hook', '["*"]', 'secret', now(), now() FROM generate_series(0, %d) g`, ten("g / 2"), id("we", "g"), 2*tenants-1),
		fmt.Sprintf(`INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at)
			SELECT %s, %s, %s, %s, 'rejection.created', CASE WHEN e %% 20 = 0 THEN 'pending' ELSE 'succeeded' END, now() - (e %% 730) * interval '1 day', now()
			FROM generate_series(0, %d) e`, ten(fmt.Sprintf("e / %d", 2*perTenant)), id("whd", "e"), id("we", fmt.Sprintf("(e / %d) * 2 + e %% 2", 2*perTenant)), id("evt", "e"), 2*n-1),
		fmt.Sprintf(`INSERT INTO feedback (tenant_id, id, rejection_id, candidate_id, source, received_at, created_at)
			SELECT %s, %s, %s, %s, 'employer', now(), now() FROM generate_series(0, %d, 2) g`, ten(fmt.Sprintf("g / %d", perTenant)), id("fb", "g"), id("rej", "g"), id("cand", candOf), n-1),
		fmt.Sprintf(`INSERT INTO reflections (tenant_id, id, rejection_id, candidate_id, prompt_version, answers, created_at, updated_at)
			SELECT %s, %s, %s, %s, '2026-11-01', '{}', now(), now() - (g %% 700) * interval '1 day' FROM generate_series(0, %d, 2) g`,
			ten(fmt.Sprintf("g / %d", perTenant)), id("rfl", "g"), id("rej", "g"), id("cand", candOf), n-1),
		fmt.Sprintf(`INSERT INTO feedback_requests (tenant_id, id, rejection_id, candidate_id, recipient_name, recipient_role, status, message_subject, message_body,
				token_hash, expires_at, created_at, updated_at)
			SELECT %s, %s, %s, %s, 'Priya', 'recruiter', (ARRAY['responded','expired','declined','sent','responded','expired','declined','responded','expired','draft'])[1 + (g / 2) %% 10],
				'S', 'B', 'token-' || g, now() - (g %% 730) * interval '1 day' + interval '30 days', now(), now() - (g %% 700) * interval '1 day'
			FROM generate_series(0, %d, 2) g`, ten(fmt.Sprintf("g / %d", perTenant)), id("frq", "g"), id("rej", "g"), id("cand", candOf), n-1),
		`ANALYZE`,
	}
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("seed: %v\n%s", err, s)
		}
	}
}
