package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// The rows scenario measures reads of one tenant whose data never changes, first in a database
// holding only that tenant (smallRejections rejections) and again after the same database has
// grown to -rows rejections over 100 tenants and 10,000 candidates: only the tables' size
// changes, so a read that slows down is one whose cost grows with the table rather than with
// what it returns.
const (
	smallRejections = 10000 // the measured tenant: smallCandidates candidates of perCandidate rejections
	smallCandidates = 100
	perCandidate    = 100
	otherTenants    = 99
	rowsTarget      = 1.2 // the large phase's p99 over the small phase's
)

// rowsCall is one measured read; next builds its i-th request.
type rowsCall struct {
	name string
	next func(i int) request
}

// phase is one phase's data and measurements.
type phase struct {
	label   string
	seeding time.Duration
	counts  []tableCount
	load    [2]string // load average when measuring started and ended
	res     map[string]*tally
	// serverLog is the end of the server's log when a request failed.
	serverLog string
}

type tableCount struct {
	table string
	n     int64
}

var countedTables = []string{"tenants", "candidates", "rejections", "recovery_plans", "recovery_plan_steps", "feedback", "reflections"}

// statement is one seeding statement with its arguments.
type statement struct {
	sql  string
	args []any
}

func rowsScenario(ctx context.Context, o options, out io.Writer) error {
	if o.rows < 2*smallRejections {
		return fmt.Errorf("-rows must be at least %d", 2*smallRejections)
	}
	dir, err := os.MkdirTemp("", "reboundbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	name := "rebound_bench_rows"
	if o.smoke {
		name += "_smoke" // a smoke run (make test) must not drop a measuring run's database
	}
	db, err := createDatabase(ctx, o.databaseURL, name)
	if err != nil {
		return fmt.Errorf("create the benchmark database: %w", err)
	}
	if !o.keep {
		defer db.drop(context.Background())
	}
	rebound, err := filepath.Abs(o.rebound)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, db.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, benchIDFunction); err != nil {
		return fmt.Errorf("seed helper: %w", err)
	}
	// Every timestamp and id derives from base.
	base := time.Now().UTC().Truncate(time.Second)

	start := time.Now()
	tenantID, key, candidates, err := tenantWithCandidates(ctx, db.url, "measured", smallCandidates)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := seed(ctx, conn, measuredStatements(tenantID, candidates, base)); err != nil {
		return err
	}
	small := &phase{label: "10k", seeding: time.Since(start)}
	if small.counts, err = countRows(ctx, conn); err != nil {
		return err
	}

	measured := candidates[0]
	var rejIDs, planIDs []string
	rows, err := conn.Query(ctx, `SELECT r.id, p.id FROM rejections r JOIN recovery_plans p ON p.tenant_id = r.tenant_id AND p.rejection_id = r.id
		WHERE r.tenant_id = $1 AND r.candidate_id = $2 ORDER BY r.id`, tenantID, measured)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r, p string
		if err := rows.Scan(&r, &p); err != nil {
			return err
		}
		rejIDs, planIDs = append(rejIDs, r), append(planIDs, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(rejIDs) != perCandidate {
		return fmt.Errorf("the measured candidate has %d rejections with plans, want %d", len(rejIDs), perCandidate)
	}

	client := newClient(o.concurrency)
	auth := map[string]string{"Authorization": "Bearer " + key}
	get := func(path string) request { return request{method: "GET", path: path, headers: auth, want: 200} }
	var deepCursor string
	calls := []rowsCall{
		{"GET /v1/rejections/{id}", func(i int) request { return get("/v1/rejections/" + rejIDs[i%len(rejIDs)]) }},
		{"GET /v1/rejections?candidate_id=", func(int) request { return get("/v1/rejections?limit=20&candidate_id=" + measured) }},
		{"GET /v1/rejections?cursor= (deep)", func(int) request { return get("/v1/rejections?limit=20&cursor=" + url.QueryEscape(deepCursor)) }},
		{"GET /v1/recovery-plans/{id}", func(i int) request { return get("/v1/recovery-plans/" + planIDs[i%len(planIDs)]) }},
		{"GET /v1/candidates/{id}/insights", func(int) request { return get("/v1/candidates/" + measured + "/insights") }},
	}

	// measure starts a fresh `rebound serve` on the database as it is and drives every call.
	measure := func(ph *phase) error {
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		rb, err := startServer(ctx, "rebound-"+ph.label, dir, addr, []string{
			"DATABASE_URL=" + db.url, "REBOUND_ADDR=" + addr, "REBOUND_RATE_LIMIT=0", "REBOUND_ADDRESS_RATE_LIMIT=0",
			"REBOUND_LOG_LEVEL=warn", "REBOUND_PUBLIC_URL=http://" + addr,
		}, rebound, "serve")
		if err != nil {
			return err
		}
		defer rb.stop()
		// The deep page lies half way through the measured tenant's rejections, reached by
		// walking the list with its own (signed) cursors: the same rows in both phases.
		if deepCursor, err = walkCursor(ctx, client, rb.base, auth, smallRejections/2/100); err != nil {
			return err
		}
		for _, c := range calls {
			if r := drive(ctx, client, rb.base, o.concurrency, o.warmup, 0, 0, c.next); r.failures > 0 {
				return fmt.Errorf("%s warm-up of %s: %d failures, first: %s", ph.label, c.name, r.failures, r.firstFail)
			}
		}
		ph.res = map[string]*tally{}
		ph.load[0] = loadAverage()
		for round := 0; round < o.rounds; round++ {
			for _, c := range calls {
				if ph.res[c.name] == nil {
					ph.res[c.name] = &tally{}
				}
				ph.res[c.name].add(drive(ctx, client, rb.base, o.concurrency, o.duration, 0, 0, c.next), 0)
				if ctx.Err() != nil {
					return ctx.Err()
				}
			}
		}
		for _, t := range ph.res {
			slices.Sort(t.res.latencies)
			if t.res.failures > 0 && ph.serverLog == "" {
				ph.serverLog = rb.tail()
			}
		}
		ph.load[1] = loadAverage()
		return nil
	}
	if err := measure(small); err != nil {
		return err
	}

	start = time.Now()
	if err := seedOthers(ctx, conn, o.rows-smallRejections, base); err != nil {
		return err
	}
	large := &phase{label: humanCount(o.rows), seeding: time.Since(start)}
	if large.counts, err = countRows(ctx, conn); err != nil {
		return err
	}
	if err := measure(large); err != nil {
		return err
	}

	fmt.Fprintf(out, "Rebound rows benchmark, %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(out, "machine: %d CPUs, %s; %s\n", runtime.NumCPU(), cpuModel(), postgresVersion(ctx, db.url))
	fmt.Fprintf(out, "load: %d concurrent clients, %d round(s) of %s per call and phase, a fresh rebound serve per phase; the measured tenant "+
		"(%d rejections over %d candidates, each with a plan of 3 steps, feedback and a reflection) is the same in both phases; "+
		"the deep page starts %d rejections into it\n\n",
		o.concurrency, o.rounds, o.duration, smallRejections, smallCandidates, smallRejections/2)
	for _, ph := range []*phase{small, large} {
		fmt.Fprintf(out, "%-5s seeded in %s (VACUUM ANALYZE included), load average %s → %s while measuring:\n     ", ph.label, ph.seeding.Round(100*time.Millisecond), ph.load[0], ph.load[1])
		for _, c := range ph.counts {
			fmt.Fprintf(out, " %s %d", c.table, c.n)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "%-35s %9s %9s %9s %9s %10s  %s\n", "call (ms)", "p50 "+small.label, "p99 "+small.label, "p50 "+large.label, "p99 "+large.label, "p99 ratio", fmt.Sprintf("target ≤ %.1f×", rowsTarget))
	failed := false
	for _, c := range calls {
		s, l := small.res[c.name].res, large.res[c.name].res
		ratio := 0.0
		if s.quantile(0.99) > 0 {
			ratio = float64(l.quantile(0.99)) / float64(s.quantile(0.99))
		}
		verdict := "met"
		if ratio > rowsTarget {
			verdict = "NOT met"
		}
		fmt.Fprintf(out, "%-35s %9.2f %9.2f %9.2f %9.2f %9.2f×  %s\n", c.name, ms(s.quantile(0.5)), ms(s.quantile(0.99)),
			ms(l.quantile(0.5)), ms(l.quantile(0.99)), ratio, verdict)
		for _, r := range []result{s, l} {
			if r.failures > 0 {
				failed = true
				fmt.Fprintf(out, "    %d failures, first: %s\n", r.failures, r.firstFail)
			}
		}
	}
	if failed {
		for _, ph := range []*phase{small, large} {
			if ph.serverLog != "" {
				fmt.Fprintf(out, "\nthe end of the %s server's log:\n%s\n", ph.label, ph.serverLog)
			}
		}
		return fmt.Errorf("requests failed")
	}
	return nil
}

func humanCount(n int) string {
	switch {
	case n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// walkCursor pages through the tenant's rejections, newest first, pages of 100, and returns
// the next_cursor after the last of them.
func walkCursor(ctx context.Context, client *http.Client, base string, auth map[string]string, pages int) (string, error) {
	cursor := ""
	for i := 0; i < pages; i++ {
		path := "/v1/rejections?limit=100"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		status, body, err := send(ctx, client, base, request{method: "GET", path: path, headers: auth})
		if err != nil || status != http.StatusOK {
			return "", fmt.Errorf("walk the rejections: status %d, error %v: %.300s", status, err, body)
		}
		var page struct {
			NextCursor *string `json:"next_cursor"`
		}
		if err := json.Unmarshal(body, &page); err != nil || page.NextCursor == nil {
			return "", fmt.Errorf("walk the rejections: page %d has no next_cursor: %.300s", i, body)
		}
		cursor = *page.NextCursor
	}
	return cursor, nil
}

// benchIDFunction makes ids shaped as model.NewID makes them (prefix, 32 hex digits) and
// ordered by time as UUIDv7 is: 48 bits of Unix milliseconds, the version nibble 7, then 76
// bits of a hash of salt. Lists are keyset-paginated by id, so id order is creation order.
const benchIDFunction = `CREATE FUNCTION pg_temp.bench_id(prefix text, ts timestamptz, salt text) RETURNS text
	LANGUAGE sql IMMUTABLE AS $$
	SELECT prefix || '_' || lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5(salt), 1, 19)
	$$`

const (
	benchStages  = `ARRAY['application','screening','phone_screen','assessment','interview','final_round','offer']`
	benchReasons = `ARRAY['position_filled','stronger_candidate','internal_candidate','skills_gap','experience_gap','culture_fit','compensation','location','role_cancelled','no_reason_given','other']`
)

// measuredStatements give each of the measured tenant's candidates 100 rejections, three days
// apart over the last 300 days, each with its plan, steps, feedback and reflection.
func measuredStatements(tenantID string, candidates []string, base time.Time) []statement {
	rejections := statement{`
		INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, status, created_at, updated_at)
		SELECT $1, pg_temp.bench_id('rej', t, 'm' || g), ($3::text[])[1 + g / ` + fmt.Sprint(perCandidate) + `], 'Company ' || (g % 300), 'company ' || (g % 300), 'Backend Engineer',
		       (` + benchStages + `)[1 + g % 7], 'email', (` + benchReasons + `)[1 + (g / 7) % 11], t - interval '1 hour', 'open', t, t
		FROM generate_series(0, ` + fmt.Sprint(smallRejections-1) + `) g,
		     LATERAL (SELECT $2::timestamptz - interval '300 days' + (g % ` + fmt.Sprint(perCandidate) + `) * interval '3 days' + (g / ` + fmt.Sprint(perCandidate) + `) * interval '1 minute' AS t) ts`,
		[]any{tenantID, base, candidates}}
	return append([]statement{rejections}, childStatements("tenant_id = $1", "true", tenantID, base)...)
}

// seedOthers grows the database by n rejections in 99 other tenants, over n/100 candidates
// (100 each), received over the last 300 days, with plans and steps and, for one in sixteen,
// feedback and a reflection.
func seedOthers(ctx context.Context, conn *pgx.Conn, n int, base time.Time) error {
	var tenants []string
	rows, err := conn.Query(ctx, `INSERT INTO tenants (id, name, created_at)
		SELECT pg_temp.bench_id('ten', $1::timestamptz - interval '500 days' + g * interval '1 ms', 't' || g), 'Tenant ' || g, $1::timestamptz - interval '500 days'
		FROM generate_series(0, `+fmt.Sprint(otherTenants-1)+`) g ORDER BY g RETURNING id`, base)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		tenants = append(tenants, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("seed tenants: %w", err)
	}
	nc := max(otherTenants, n/perCandidate)
	// Candidate c belongs to tenant c % 99; its id is a function of c, so the rejections'
	// statement recomputes it.
	candID := `pg_temp.bench_id('cand', $2::timestamptz - interval '400 days' + c * interval '1 ms', 'c' || c)`
	statements := []statement{
		{`INSERT INTO candidates (tenant_id, id, external_id, display_name, timezone, locale, created_at, updated_at)
		  SELECT ($1::text[])[1 + c % ` + fmt.Sprint(otherTenants) + `], ` + candID + `, 'ext-' || c, 'Candidate ' || c, 'Europe/Berlin', 'en',
		         $2::timestamptz - interval '400 days', $2::timestamptz - interval '400 days'
		  FROM generate_series(0, ` + fmt.Sprint(nc-1) + `) c`, []any{tenants, base}},
		// Rejection g is the candidate g % nc's, so every tenant's rejections interleave in time
		// with the others' as they would arrive.
		{`INSERT INTO rejections (tenant_id, id, candidate_id, company, company_folded, role_title, stage, channel, reason_category, received_at, status, created_at, updated_at)
		  SELECT ($1::text[])[1 + c % ` + fmt.Sprint(otherTenants) + `], pg_temp.bench_id('rej', t, 'o' || g), ` + candID + `,
		         'Company ' || (g % 300), 'company ' || (g % 300), 'Engineer', (` + benchStages + `)[1 + g % 7], 'email', (` + benchReasons + `)[1 + (g / 7) % 11],
		         t - interval '1 hour', 'open', t, t
		  FROM generate_series(0, ` + fmt.Sprint(n-1) + `) g,
		       LATERAL (SELECT g % ` + fmt.Sprint(nc) + ` AS c, $2::timestamptz - interval '300 days' * ((` + fmt.Sprint(n) + ` - g)::float8 / ` + fmt.Sprint(n) + `) AS t) x`,
			[]any{tenants, base}},
	}
	statements = append(statements, childStatements("tenant_id = ANY($1)", "right(id, 1) = '0'", tenants, base)...)
	return seed(ctx, conn, statements)
}

// childStatements insert the plans (three steps each) of the rejections that match where, and
// feedback and a reflection for those that also match sample. $1 is what where compares with,
// $2 the base time. Plans of the last 30 days are active, older ones completed; every step was
// announced already, so the server's step-due worker leaves them alone.
func childStatements(where, sample string, whereArg any, base time.Time) []statement {
	args := []any{whereArg, base}
	return []statement{
		{`INSERT INTO recovery_plans (tenant_id, id, rejection_id, candidate_id, status, revision, starts_on, historical, created_at, updated_at, completed_at)
		  SELECT tenant_id, 'plan_' || substr(id, 5), id, candidate_id, CASE WHEN active THEN 'active' ELSE 'completed' END, 1,
		         to_char(received_at, 'YYYY-MM-DD'), false, created_at, created_at, CASE WHEN NOT active THEN created_at + interval '20 days' END
		  FROM (SELECT *, received_at > $2::timestamptz - interval '30 days' AS active FROM rejections WHERE ` + where + `) r`, args},
		// A step's id is its plan's with the version nibble replaced by the step's position.
		{`INSERT INTO recovery_plan_steps (tenant_id, id, plan_id, key, kind, title, guidance, due_on, position, status, reasons, due_emitted_at, completed_at, created_at, updated_at)
		  SELECT p.tenant_id, 'step_' || substr(p.id, 6, 12) || k || substr(p.id, 19), p.id, (ARRAY['thank_contacts','reflect','apply_next'])[1 + k],
		         (ARRAY['thank_contacts','reflect','apply_next'])[1 + k], 'Step ' || k, 'Guidance for the step.', to_char(p.created_at + k * interval '3 days', 'YYYY-MM-DD'), k,
		         CASE WHEN p.status = 'completed' THEN 'done' ELSE 'pending' END, '[]', LEAST(p.created_at, $2::timestamptz), p.completed_at, p.created_at, p.created_at
		  FROM recovery_plans p, generate_series(0, 2) k WHERE p.` + where, args},
		{`INSERT INTO feedback (tenant_id, id, rejection_id, candidate_id, source, author_name, received_at, summary, items, created_at)
		  SELECT tenant_id, 'fb_' || substr(id, 5), id, candidate_id, 'employer', 'Priya Raman', LEAST(created_at + interval '2 days', $2::timestamptz),
		         'Solid, but the system design was thin.',
		         ('[{"category": "' || (ARRAY['technical_depth','communication','experience','skills','preparation'])[1 + abs(hashtext(id)) % 5] || '", "polarity": "improvement", "detail": "More depth."}]')::jsonb,
		         LEAST(created_at + interval '2 days', $2::timestamptz)
		  FROM rejections WHERE ` + where + ` AND ` + sample, args},
		{`INSERT INTO reflections (tenant_id, id, rejection_id, candidate_id, prompt_version, answers, created_at, updated_at)
		  SELECT tenant_id, 'rfl_' || substr(id, 5), id, candidate_id, '2026-11-01',
		         ('{"mood": ' || (1 + abs(hashtext(id)) % 5) || ', "preparation": 3, "went_well": "The take-home."}')::jsonb,
		         LEAST(created_at + interval '1 day', $2::timestamptz), LEAST(created_at + interval '1 day', $2::timestamptz)
		  FROM rejections WHERE ` + where + ` AND ` + sample, args},
		{`VACUUM ANALYZE`, nil},
	}
}

func seed(ctx context.Context, conn *pgx.Conn, statements []statement) error {
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s.sql, s.args...); err != nil {
			return fmt.Errorf("seed: %w\n%s", err, s.sql)
		}
	}
	return nil
}

func countRows(ctx context.Context, conn *pgx.Conn) ([]tableCount, error) {
	var out []tableCount
	for _, t := range countedTables {
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, tableCount{t, n})
	}
	return out, nil
}
