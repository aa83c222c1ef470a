package app

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// Analytics computes the tenant's aggregates over the rejections received from the start of
// day from to the end of day to (UTC dates, at most model.AnalyticsMaxDays apart): how feedback
// requests fared overall and per company, how many plans were completed and how each kind of
// step fared, how soon candidates applied again, the stages and reasons of the rejections, and
// the improvement areas that recur for candidates. Aggregates only: a group of fewer than
// model.AnalyticsMinCandidates distinct candidates is left out and counted, and an overall
// figure over fewer is suppressed. Each figure is one bounded query (see store/analytics.go).
func (a *App) Analytics(ctx context.Context, tenantID string, from, to time.Time) (model.Analytics, error) {
	out := model.Analytics{From: from, To: to}
	err := a.store.Analytics(ctx, func(q *store.Snapshot) error { return a.analytics(ctx, q, tenantID, &out) })
	return out, err
}

func (a *App) analytics(ctx context.Context, q *store.Snapshot, tenantID string, out *model.Analytics) error {
	start, end := out.From.UTC(), out.To.UTC().AddDate(0, 0, 1)
	minCand := model.AnalyticsMinCandidates

	totals, err := q.RejectionTotals(ctx, tenantID, start, end)
	if err != nil {
		return err
	}
	out.Rejections = model.Group{Count: totals.Count, Candidates: totals.Candidates, Suppressed: totals.Candidates < int64(minCand)}
	stages, err := q.RejectionsBy(ctx, tenantID, start, end, false)
	if err != nil {
		return err
	}
	out.Stages, out.SuppressedStages = keepGroups(stages, minCand)
	reasons, err := q.RejectionsBy(ctx, tenantID, start, end, true)
	if err != nil {
		return err
	}
	out.Reasons, out.SuppressedReasons = keepGroups(reasons, minCand)

	overall, companies, suppressed, more, err := q.FeedbackRequestStats(ctx, tenantID, start, end, minCand, model.AnalyticsMaxCompanies)
	if err != nil {
		return err
	}
	out.FeedbackRequests = feedbackFigures(overall, minCand)
	for _, c := range companies {
		out.FeedbackByCompany = append(out.FeedbackByCompany, feedbackFigures(c, minCand))
	}
	out.SuppressedCompanies, out.MoreCompanies = suppressed, more

	if out.Plans, err = q.PlanStats(ctx, tenantID, start, end); err != nil {
		return err
	}
	out.Plans.Suppressed = out.Plans.Candidates < int64(minCand)
	kinds, err := q.StepKindStats(ctx, tenantID, start, end)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		if k.Candidates < int64(minCand) {
			out.SuppressedKinds++
			continue
		}
		out.StepKinds = append(out.StepKinds, k)
	}

	if out.NextApplication, err = q.NextApplicationStats(ctx, tenantID, start, end); err != nil {
		return err
	}
	if out.NextApplication.Candidates < int64(minCand) {
		out.NextApplication = model.NextApplicationFigures{Samples: out.NextApplication.Samples, Candidates: out.NextApplication.Candidates, Suppressed: true}
	}

	areas, err := q.RecurringImprovementAreas(ctx, tenantID, start, end)
	if err != nil {
		return err
	}
	out.ImprovementAreas, out.SuppressedAreas = keepGroups(areas, minCand)
	return nil
}

// keepGroups drops the groups of fewer than minCand candidates and counts them.
func keepGroups(rows []store.AnalyticsGroup, minCand int) ([]model.Group, int) {
	var out []model.Group
	suppressed := 0
	for _, g := range rows {
		if g.Candidates < int64(minCand) {
			suppressed++
			continue
		}
		out = append(out, model.Group{Key: g.Key, Count: g.Count, Candidates: g.Candidates})
	}
	return out, suppressed
}

// feedbackFigures converts a feedback group, suppressing one of fewer than minCand candidates.
func feedbackFigures(g store.FeedbackGroup, minCand int) model.FeedbackFigures {
	f := model.FeedbackFigures{Company: g.Company, Asked: g.Asked, Answered: g.Answered, MedianHours: g.MedianHours, Candidates: g.Candidates}
	if g.Candidates < int64(minCand) {
		f = model.FeedbackFigures{Company: g.Company, Candidates: g.Candidates, Suppressed: true}
	}
	return f
}
