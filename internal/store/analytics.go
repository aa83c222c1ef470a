package store

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Tenant analytics: aggregates over the rejections a tenant received in a date range, each a
// single grouped query that starts from the range of the rejections_tenant_analytics index
// (tenant_id, received_at, …) and joins what hangs off those rejections by primary or unique
// keys. Every query returns a bounded number of rows: a fixed set of groups (stages, reasons,
// step kinds, feedback categories), a fixed number of companies, or one row. Medians are
// computed in SQL with window functions, which PostgreSQL and SQLite both have.

// Analytics runs fn's aggregate queries together. On PostgreSQL they share one read-only,
// repeatable-read transaction, so every figure comes from the same snapshot, with the session
// tuned for a few large aggregates: no JIT (compiling each query cost more than running it)
// and enough work_mem for the distinct-candidate counts to sort in memory. SQLite runs them as
// they come: a transaction there would hold the database's write lock.
func (s *Store) Analytics(ctx context.Context, fn func(*Snapshot) error) error {
	if s.dialect != DialectPostgres {
		return fn(&Snapshot{s.queries})
	}
	return s.InTx(ctx, func(tx *Tx) error {
		if err := tx.Snapshot(ctx); err != nil {
			return err
		}
		if err := tx.db.WithContext(ctx).Exec("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'").Error; err != nil {
			return translate(err, "analytics: session settings")
		}
		return fn(&Snapshot{tx.queries})
	})
}

// Snapshot is the handle the analytics queries run on (see Store.Analytics).
type Snapshot struct {
	queries
}

// AnalyticsGroup is one group of a grouped count.
type AnalyticsGroup struct {
	Key        string `gorm:"column:grp"`
	Count      int64  `gorm:"column:total"`
	Candidates int64  `gorm:"column:candidates"`
}

// inRange is the condition on the rejections r of the tenant received in [from, to).
const inRange = "r.tenant_id = ? AND r.received_at >= ? AND r.received_at < ?"

func rangeArgs(tenantID string, from, to time.Time) []any {
	return []any{tenantID, from.UTC(), to.UTC()}
}

// secondsBetween is the SQL for the seconds from the timestamp column earlier to later.
func (q *queries) secondsBetween(later, earlier string) string {
	if q.dialect == DialectPostgres {
		return "EXTRACT(EPOCH FROM (" + later + " - " + earlier + "))"
	}
	return "((julianday(" + later + ") - julianday(" + earlier + ")) * 86400.0)"
}

// RejectionTotals counts the range's rejections and their distinct candidates.
func (q *queries) RejectionTotals(ctx context.Context, tenantID string, from, to time.Time) (AnalyticsGroup, error) {
	var g AnalyticsGroup
	err := q.db.WithContext(ctx).Raw("SELECT COUNT(*) AS total, COUNT(DISTINCT r.candidate_id) AS candidates FROM rejections r WHERE "+inRange,
		rangeArgs(tenantID, from, to)...).Scan(&g).Error
	return g, translate(err, "analytics: rejections")
}

// RejectionsBy groups the range's rejections by stage or by reason_category.
func (q *queries) RejectionsBy(ctx context.Context, tenantID string, from, to time.Time, byReason bool) ([]AnalyticsGroup, error) {
	col := "r.stage"
	if byReason {
		col = "r.reason_category"
	}
	var rows []AnalyticsGroup
	err := q.db.WithContext(ctx).Raw("SELECT "+col+" AS grp, COUNT(*) AS total, COUNT(DISTINCT r.candidate_id) AS candidates FROM rejections r WHERE "+inRange+
		" GROUP BY "+col+" ORDER BY total DESC, grp", rangeArgs(tenantID, from, to)...).Scan(&rows).Error
	return rows, translate(err, "analytics: rejections by group")
}

// FeedbackGroup is how a group's feedback requests fared.
type FeedbackGroup struct {
	Key         string   `gorm:"column:grp"`     // company_folded; "" overall
	Company     string   `gorm:"column:company"` // the company as written (one of its spellings)
	Asked       int64    `gorm:"column:asked"`
	Answered    int64    `gorm:"column:answered"`
	Candidates  int64    `gorm:"column:candidates"`
	MedianHours *float64 `gorm:"-"`
}

// feedbackAsked is the condition for a request that reached the employer: it was sent, or
// answered straight from its draft (platforms may send the link without telling Rebound).
const feedbackAsked = "(fr.sent_at IS NOT NULL OR fr.responded_at IS NOT NULL)"

// FeedbackRequestStats gives the feedback figures of the range overall and for the companies
// asked most (at most limit of those with at least minCandidates candidates), and how many
// companies were left out for having fewer candidates (suppressed) or for the limit (more).
func (q *queries) FeedbackRequestStats(ctx context.Context, tenantID string, from, to time.Time, minCandidates, limit int) (overall FeedbackGroup, companies []FeedbackGroup, suppressed, more int, err error) {
	db := q.db.WithContext(ctx)
	fromSQL := " FROM feedback_requests fr JOIN rejections r ON r.tenant_id = fr.tenant_id AND r.id = fr.rejection_id WHERE fr.tenant_id = ? AND " + inRange + " AND " + feedbackAsked
	args := append([]any{tenantID}, rangeArgs(tenantID, from, to)...)
	counts := "COUNT(*) AS asked, COALESCE(SUM(CASE WHEN fr.status = 'responded' THEN 1 ELSE 0 END), 0) AS answered, COUNT(DISTINCT fr.candidate_id) AS candidates"
	if err = db.Raw("SELECT "+counts+fromSQL, args...).Scan(&overall).Error; err != nil {
		return overall, nil, 0, 0, translate(err, "analytics: feedback requests")
	}
	var tally struct{ Suppressed, Shown int64 }
	err = db.Raw("SELECT COALESCE(SUM(CASE WHEN c < ? THEN 1 ELSE 0 END), 0) AS suppressed, COALESCE(SUM(CASE WHEN c >= ? THEN 1 ELSE 0 END), 0) AS shown FROM (SELECT COUNT(DISTINCT fr.candidate_id) AS c"+fromSQL+" GROUP BY r.company_folded) g",
		append([]any{minCandidates, minCandidates}, args...)...).Scan(&tally).Error
	if err != nil {
		return overall, nil, 0, 0, translate(err, "analytics: feedback request companies")
	}
	suppressed = int(tally.Suppressed)
	err = db.Raw("SELECT r.company_folded AS grp, "+counts+fromSQL+" GROUP BY r.company_folded HAVING COUNT(DISTINCT fr.candidate_id) >= ? ORDER BY asked DESC, grp LIMIT ?",
		append(args, minCandidates, limit)...).Scan(&companies).Error
	if err != nil {
		return overall, nil, 0, 0, translate(err, "analytics: feedback requests by company")
	}
	more = int(tally.Shown) - len(companies)
	if err := q.companyNames(ctx, tenantID, companies); err != nil {
		return overall, nil, 0, 0, err
	}
	// Medians of the hours to an answer, overall and for the companies shown, in one query.
	keys := make([]string, 0, len(companies))
	for _, c := range companies {
		keys = append(keys, c.Key)
	}
	hours := q.secondsBetween("fr.responded_at", "COALESCE(fr.sent_at, fr.created_at)") + " / 3600.0"
	answered := " FROM feedback_requests fr JOIN rejections r ON r.tenant_id = fr.tenant_id AND r.id = fr.rejection_id WHERE fr.tenant_id = ? AND " + inRange + " AND fr.status = 'responded'"
	var medians []struct {
		Key    string  `gorm:"column:grp"`
		Median float64 `gorm:"column:median"`
	}
	// The overall answers, and the shown companies' (an IN list cannot be empty, so the
	// companies' part is left out without any).
	union := "SELECT '' AS grp, " + hours + " AS x" + answered
	medianArgs := append([]any{}, args...)
	if len(keys) > 0 {
		union += " UNION ALL SELECT r.company_folded AS grp, " + hours + " AS x" + answered + " AND r.company_folded IN ?"
		medianArgs = append(append(medianArgs, args...), keys)
	}
	medianSQL := "WITH t AS (" + union + "), " +
		"ranked AS (SELECT grp, x, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY x) AS rn, COUNT(*) OVER (PARTITION BY grp) AS n FROM t) " +
		"SELECT grp, AVG(x) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY grp"
	if err = db.Raw(medianSQL, medianArgs...).Scan(&medians).Error; err != nil {
		return overall, nil, 0, 0, translate(err, "analytics: hours to answer")
	}
	for _, m := range medians {
		v := m.Median
		if m.Key == "" {
			overall.MedianHours = &v
			continue
		}
		for i := range companies {
			if companies[i].Key == m.Key {
				companies[i].MedianHours = &v
			}
		}
	}
	return overall, companies, suppressed, more, nil
}

// companyNames gives each company group its name as written (the first spelling recorded),
// with one index lookup per company rather than reading every rejection's row.
func (q *queries) companyNames(ctx context.Context, tenantID string, companies []FeedbackGroup) error {
	if len(companies) == 0 {
		return nil
	}
	keys := make([]string, 0, len(companies))
	for _, c := range companies {
		keys = append(keys, c.Key)
	}
	var names []struct {
		Key     string `gorm:"column:grp"`
		Company string `gorm:"column:company"`
	}
	err := q.db.WithContext(ctx).Raw("SELECT k.grp, (SELECT r.company FROM rejections r WHERE r.tenant_id = ? AND r.company_folded = k.grp ORDER BY r.id LIMIT 1) AS company "+
		"FROM (SELECT DISTINCT company_folded AS grp FROM rejections WHERE tenant_id = ? AND company_folded IN ?) k", tenantID, tenantID, keys).Scan(&names).Error
	if err != nil {
		return translate(err, "analytics: company names")
	}
	for _, n := range names {
		for i := range companies {
			if companies[i].Key == n.Key {
				companies[i].Company = n.Company
			}
		}
	}
	return nil
}

// PlanStats counts the plans of the range's rejections: live and completed, historical, and
// their distinct candidates (of live plans).
func (q *queries) PlanStats(ctx context.Context, tenantID string, from, to time.Time) (model.PlanFigures, error) {
	var f model.PlanFigures
	err := q.db.WithContext(ctx).Raw("SELECT COALESCE(SUM(CASE WHEN p.historical THEN 0 ELSE 1 END), 0) AS live, "+
		"COALESCE(SUM(CASE WHEN NOT p.historical AND p.status = 'completed' THEN 1 ELSE 0 END), 0) AS completed, "+
		"COALESCE(SUM(CASE WHEN p.historical THEN 1 ELSE 0 END), 0) AS historical, "+
		"COUNT(DISTINCT CASE WHEN p.historical THEN NULL ELSE p.candidate_id END) AS candidates "+
		"FROM recovery_plans p JOIN rejections r ON r.tenant_id = p.tenant_id AND r.id = p.rejection_id WHERE p.tenant_id = ? AND "+inRange,
		append([]any{tenantID}, rangeArgs(tenantID, from, to)...)...).Scan(&f).Error
	return f, translate(err, "analytics: plans")
}

// StepKindStats counts the live plans' steps by kind and outcome.
func (q *queries) StepKindStats(ctx context.Context, tenantID string, from, to time.Time) ([]model.StepKindFigures, error) {
	var rows []model.StepKindFigures
	err := q.db.WithContext(ctx).Raw("SELECT s.kind AS kind, COUNT(*) AS steps, SUM(CASE WHEN s.status = 'done' THEN 1 ELSE 0 END) AS done, "+
		"SUM(CASE WHEN s.status = 'skipped' THEN 1 ELSE 0 END) AS skipped, COUNT(DISTINCT p.candidate_id) AS candidates "+
		"FROM recovery_plan_steps s JOIN recovery_plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id "+
		"JOIN rejections r ON r.tenant_id = p.tenant_id AND r.id = p.rejection_id "+
		"WHERE s.tenant_id = ? AND p.tenant_id = ? AND NOT p.historical AND "+inRange+" GROUP BY s.kind ORDER BY steps DESC, kind",
		append([]any{tenantID, tenantID}, rangeArgs(tenantID, from, to)...)...).Scan(&rows).Error
	return rows, translate(err, "analytics: steps by kind")
}

// NextApplicationStats is the median number of days from a rejection to the completion of its
// live plan's apply_next step, over the range's rejections where that step is done.
func (q *queries) NextApplicationStats(ctx context.Context, tenantID string, from, to time.Time) (model.NextApplicationFigures, error) {
	days := q.secondsBetween("s.completed_at", "r.received_at") + " / 86400.0"
	base := " FROM recovery_plan_steps s JOIN recovery_plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id " +
		"JOIN rejections r ON r.tenant_id = p.tenant_id AND r.id = p.rejection_id " +
		"WHERE s.tenant_id = ? AND p.tenant_id = ? AND NOT p.historical AND s.kind = 'apply_next' AND s.status = 'done' AND s.completed_at IS NOT NULL AND " + inRange
	args := append([]any{tenantID, tenantID}, rangeArgs(tenantID, from, to)...)
	var f model.NextApplicationFigures
	if err := q.db.WithContext(ctx).Raw("SELECT COUNT(*) AS samples, COUNT(DISTINCT p.candidate_id) AS candidates"+base, args...).Scan(&f).Error; err != nil {
		return f, translate(err, "analytics: next application")
	}
	if f.Samples == 0 {
		return f, nil
	}
	var m struct {
		Median float64 `gorm:"column:median"`
	}
	err := q.db.WithContext(ctx).Raw("WITH t AS (SELECT "+days+" AS x"+base+"), ranked AS (SELECT x, ROW_NUMBER() OVER (ORDER BY x) AS rn, COUNT(*) OVER () AS n FROM t) "+
		"SELECT AVG(x) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)", args...).Scan(&m).Error
	f.MedianDays = &m.Median
	return f, translate(err, "analytics: days to the next application")
}

// RecurringImprovementAreas counts, per feedback category, the candidates for whom feedback on
// at least two of the range's rejections named it as something to improve, with those
// rejections.
func (q *queries) RecurringImprovementAreas(ctx context.Context, tenantID string, from, to time.Time) ([]AnalyticsGroup, error) {
	items, category, polarity := "jsonb_array_elements(f.items) AS it(value)", "it.value->>'category'", "it.value->>'polarity'"
	if q.dialect != DialectPostgres {
		items, category, polarity = "json_each(f.items) AS it", "json_extract(it.value, '$.category')", "json_extract(it.value, '$.polarity')"
	}
	var rows []AnalyticsGroup
	err := q.db.WithContext(ctx).Raw("SELECT category AS grp, SUM(n) AS total, COUNT(*) AS candidates FROM ("+
		"SELECT f.candidate_id, "+category+" AS category, COUNT(DISTINCT f.rejection_id) AS n "+
		"FROM feedback f JOIN rejections r ON r.tenant_id = f.tenant_id AND r.id = f.rejection_id, "+items+" "+
		"WHERE f.tenant_id = ? AND "+inRange+" AND "+polarity+" = 'improvement' "+
		"GROUP BY f.candidate_id, "+category+" HAVING COUNT(DISTINCT f.rejection_id) >= 2) t GROUP BY category ORDER BY candidates DESC, grp",
		append([]any{tenantID}, rangeArgs(tenantID, from, to)...)...).Scan(&rows).Error
	return rows, translate(err, "analytics: improvement areas")
}
