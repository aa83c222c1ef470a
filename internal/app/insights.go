package app

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
)

// Insights computes the patterns across a candidate's rejections, from the candidate's own
// rows, each read bounded.
func (a *App) Insights(ctx context.Context, tenantID, candidateID string) (recovery.Insights, error) {
	cand, err := a.store.Candidate(ctx, tenantID, candidateID)
	if err != nil {
		return recovery.Insights{}, err
	}
	in := recovery.InsightsInput{CandidateID: cand.ID, AsOf: a.now(), Locale: cand.Locale}
	rejections, err := a.store.CandidateRejections(ctx, tenantID, cand.ID, time.Time{})
	if err != nil {
		return recovery.Insights{}, err
	}
	for _, r := range rejections {
		in.Rejections = append(in.Rejections, recovery.InsightRejection{ID: r.ID, Stage: r.Stage, ReasonCategory: r.ReasonCategory, RoleTitle: r.RoleTitle, Company: r.Company, ReceivedAt: r.ReceivedAt})
	}
	feedback, err := a.store.CandidateFeedback(ctx, tenantID, cand.ID, recovery.InsightsMaxFeedback)
	if err != nil {
		return recovery.Insights{}, err
	}
	for _, f := range feedback {
		in.Feedback = append(in.Feedback, recovery.InsightFeedback{Feedback: toRecoveryFeedback(f), RejectionID: f.RejectionID})
	}
	reflections, err := a.store.CandidateReflections(ctx, tenantID, cand.ID, recovery.InsightsMaxReflection)
	if err != nil {
		return recovery.Insights{}, err
	}
	for _, r := range reflections {
		in.Reflections = append(in.Reflections, recovery.InsightReflection{Reflection: recovery.ReflectionFromAnswers(r.ID, r.CreatedAt, r.Answers), RejectionID: r.RejectionID})
	}
	plans, err := a.store.CandidatePlans(ctx, tenantID, cand.ID, recovery.InsightsMaxPlans)
	if err != nil {
		return recovery.Insights{}, err
	}
	for _, p := range plans {
		in.Plans = append(in.Plans, recovery.InsightPlan{ID: p.ID, RejectionID: p.RejectionID, Status: p.Status, CreatedAt: p.CreatedAt, CompletedAt: p.CompletedAt})
	}
	return recovery.ComputeInsights(in), nil
}

// Agenda is one candidate's deduplicated, dated list of what to do next across their open
// plans (recovery.Agenda).
type Agenda struct {
	Candidate model.Candidate
	Items     []recovery.AgendaItem
}

// Agenda builds the candidate's agenda.
func (a *App) Agenda(ctx context.Context, tenantID, candidateID string) (Agenda, error) {
	cand, err := a.store.Candidate(ctx, tenantID, candidateID)
	if err != nil {
		return Agenda{}, err
	}
	plans, err := a.store.OpenPlansOfCandidate(ctx, tenantID, cand.ID, recovery.MaxAgendaPlans)
	if err != nil {
		return Agenda{}, err
	}
	ids := make([]string, 0, len(plans))
	for _, p := range plans {
		ids = append(ids, p.ID)
	}
	steps, err := a.store.PlanSteps(ctx, tenantID, ids...)
	if err != nil {
		return Agenda{}, err
	}
	rejections, err := a.store.RejectionsByID(ctx, tenantID, rejectionIDs(plans))
	if err != nil {
		return Agenda{}, err
	}
	loc := cand.Location()
	in := recovery.AgendaInput{Today: a.now().In(loc), Locale: cand.Locale}
	for _, p := range plans {
		r := rejections[p.RejectionID]
		ap := recovery.AgendaPlan{PlanID: p.ID, RejectionID: p.RejectionID, Company: r.Company, RoleTitle: r.RoleTitle, ReceivedAt: r.ReceivedAt, Historical: p.Historical}
		for _, st := range steps[p.ID] {
			ap.Steps = append(ap.Steps, toRecoveryStep(st, loc))
		}
		in.Plans = append(in.Plans, ap)
	}
	return Agenda{Candidate: cand, Items: recovery.Agenda(in)}, nil
}
