package api

import (
	"context"
	"errors"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/store"
)

// historyWindow is how far back the plan rules look at the candidate's other rejections.
const historyWindow = 365 * 24 * time.Hour

// syncPlan creates or regenerates the recovery plan of a rejection from everything known about
// it, inside the caller's transaction. Regeneration is deterministic: the plan's start date is
// fixed at creation, and the rules are pure. It records a revision, and the plan's events, only
// when something changed.
func (s *Server) syncPlan(ctx context.Context, tx *store.Store, tenantID, rejectionID, trigger string) error {
	rej, err := tx.Rejection(ctx, tenantID, rejectionID)
	if err != nil {
		return err
	}
	cand, err := tx.Candidate(ctx, tenantID, rej.CandidateID)
	if err != nil {
		return err
	}
	loc := cand.Location()
	plan, err := tx.PlanForRejection(ctx, tenantID, rejectionID, true)
	created := errors.Is(err, model.ErrNotFound)
	if err != nil && !created {
		return err
	}
	if created {
		plan = model.RecoveryPlan{TenantID: tenantID, ID: model.NewID(model.PrefixPlan), RejectionID: rej.ID, CandidateID: rej.CandidateID,
			Status: recovery.PlanActive, StartsOn: time.Now().In(loc).Format(model.DateLayout)}
	}
	in, err := s.planInput(ctx, tx, rej, plan, loc)
	if err != nil {
		return err
	}
	var stored []model.PlanStep
	if !created {
		m, err := tx.PlanSteps(ctx, tenantID, plan.ID)
		if err != nil {
			return err
		}
		stored = m[plan.ID]
	}
	current := make([]recovery.PlanStep, 0, len(stored))
	byID := map[string]model.PlanStep{}
	for _, st := range stored {
		current = append(current, toRecoveryStep(st, loc))
		byID[st.ID] = st
	}
	next, changes := recovery.Merge(current, recovery.Generate(in))
	if !created && len(changes) == 0 {
		return nil
	}
	rows := make([]model.PlanStep, 0, len(next))
	for i, st := range next {
		row, ok := byID[st.ID]
		if !ok {
			row = model.PlanStep{TenantID: tenantID, ID: model.NewID(model.PrefixPlanStep), PlanID: plan.ID}
		}
		due := st.DueOn.Format(model.DateLayout)
		if ok && row.DueOn != due {
			row.DueEmittedAt = nil // a moved step is announced again on its new date
		}
		row.Key, row.Kind, row.Title, row.Guidance = st.Key, st.Kind, st.Title, st.Guidance
		row.DueOn, row.Position, row.Status, row.Note = due, i, st.Status, st.Note
		row.Reasons = toModelReasons(st.Reasons)
		rows = append(rows, row)
	}
	before := plan.Status
	plan.Revision++
	s.setPlanStatus(&plan, rows)
	if err := tx.SavePlan(ctx, &plan, rows, created); err != nil {
		return err
	}
	modelChanges := make([]model.PlanChange, 0, len(changes))
	for _, c := range changes {
		modelChanges = append(modelChanges, model.PlanChange(c))
	}
	if err := tx.RecordPlanRevision(ctx, &model.PlanRevision{TenantID: tenantID, ID: model.NewID(model.PrefixPlanRevision), PlanID: plan.ID,
		Revision: plan.Revision, Trigger: trigger, Changes: modelChanges}); err != nil {
		return err
	}
	return s.recordPlanEvents(ctx, tx, plan, rows, created, before)
}

// afterFeedbackChange runs inside the transaction of any change to a rejection's feedback or
// feedback requests: the recovery plan is regenerated from the new facts (feedback arriving
// removes the "ask for feedback" step and adds skill steps; a pending request suppresses asking
// again).
func (s *Server) afterFeedbackChange(ctx context.Context, tx *store.Store, tenantID, rejectionID, trigger string) error {
	return s.syncPlan(ctx, tx, tenantID, rejectionID, trigger)
}

// planInput gathers what the rules read, with bounded queries.
func (s *Server) planInput(ctx context.Context, tx *store.Store, rej model.Rejection, plan model.RecoveryPlan, loc *time.Location) (recovery.PlanInput, error) {
	startsOn, err := time.ParseInLocation(model.DateLayout, plan.StartsOn, loc)
	if err != nil {
		return recovery.PlanInput{}, err
	}
	in := recovery.PlanInput{StartsOn: startsOn, Location: loc, Rejection: toRecoveryRejection(rej)}
	feedback, err := tx.AllFeedback(ctx, rej.TenantID, rej.ID)
	if err != nil {
		return in, err
	}
	for _, f := range feedback {
		in.Feedback = append(in.Feedback, toRecoveryFeedback(f))
	}
	reflections, err := tx.AllReflections(ctx, rej.TenantID, rej.ID)
	if err != nil {
		return in, err
	}
	for _, r := range reflections {
		in.Reflections = append(in.Reflections, recovery.ReflectionFromAnswers(r.ID, r.CreatedAt, r.Answers))
	}
	history, err := tx.CandidateRejections(ctx, rej.TenantID, rej.CandidateID, rej.ReceivedAt.Add(-historyWindow))
	if err != nil {
		return in, err
	}
	for _, h := range history {
		if h.ID != rej.ID {
			in.History = append(in.History, recovery.PastRejection{ID: h.ID, Stage: h.Stage, RoleTitle: h.RoleTitle, ReceivedAt: h.ReceivedAt})
		}
	}
	pending, err := tx.HasPendingFeedbackRequest(ctx, rej.TenantID, rej.ID, store.Now())
	in.FeedbackRequests.Pending = pending
	return in, err
}

// setPlanStatus derives the plan's status from its steps.
func (s *Server) setPlanStatus(plan *model.RecoveryPlan, rows []model.PlanStep) {
	steps := make([]recovery.PlanStep, 0, len(rows))
	for _, r := range rows {
		steps = append(steps, recovery.PlanStep{Status: r.Status})
	}
	plan.Status = recovery.PlanStatus(steps)
	switch {
	case plan.Status == recovery.PlanCompleted && plan.CompletedAt == nil:
		now := store.Now()
		plan.CompletedAt = &now
	case plan.Status != recovery.PlanCompleted:
		plan.CompletedAt = nil
	}
}

// recordPlanEvents writes recovery_plan.created or .updated, and .completed when the plan has
// just been completed.
func (s *Server) recordPlanEvents(ctx context.Context, tx *store.Store, plan model.RecoveryPlan, rows []model.PlanStep, created bool, before string) error {
	body := toPlanResponse(plan, rows)
	eventType := model.EventRecoveryPlanUpdated
	if created {
		eventType = model.EventRecoveryPlanCreated
	}
	if _, err := tx.RecordEvent(ctx, plan.TenantID, eventType, body, plan.CandidateID); err != nil {
		return err
	}
	if plan.Status == recovery.PlanCompleted && before != recovery.PlanCompleted {
		if _, err := tx.RecordEvent(ctx, plan.TenantID, model.EventRecoveryPlanComplete, body, plan.CandidateID); err != nil {
			return err
		}
	}
	return nil
}

func toRecoveryRejection(r model.Rejection) recovery.Rejection {
	out := recovery.Rejection{ID: r.ID, Company: r.Company, RoleTitle: r.RoleTitle, Stage: r.Stage, Channel: r.Channel,
		ReasonCategory: r.ReasonCategory, ReasonText: r.ReasonText, ReceivedAt: r.ReceivedAt}
	if r.EmotionalImpact != nil {
		out.EmotionalImpact = *r.EmotionalImpact
	}
	for _, c := range r.Contacts {
		email := ""
		if c.Email != nil {
			email = *c.Email
		}
		out.Contacts = append(out.Contacts, recovery.Contact{ID: c.ID, Name: c.Name, Role: c.Role, Email: email})
	}
	return out
}

func toRecoveryFeedback(f model.Feedback) recovery.Feedback {
	out := recovery.Feedback{ID: f.ID, Source: f.Source, ReceivedAt: f.ReceivedAt}
	for _, it := range f.Items {
		out.Items = append(out.Items, recovery.FeedbackItem(it))
	}
	return out
}

func toRecoveryStep(st model.PlanStep, loc *time.Location) recovery.PlanStep {
	due, _ := time.ParseInLocation(model.DateLayout, st.DueOn, loc)
	reasons := make([]recovery.Reason, 0, len(st.Reasons))
	for _, r := range st.Reasons {
		reasons = append(reasons, recovery.Reason(r))
	}
	return recovery.PlanStep{ID: st.ID, Step: recovery.Step{Key: st.Key, Kind: st.Kind, Title: st.Title, Guidance: st.Guidance, DueOn: due, Reasons: reasons},
		Status: st.Status, Note: st.Note, CompletedAt: st.CompletedAt, StartedAt: st.StartedAt}
}

func toModelReasons(in []recovery.Reason) []model.StepReason {
	out := make([]model.StepReason, 0, len(in))
	for _, r := range in {
		out = append(out, model.StepReason(r))
	}
	return out
}
