package api

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// stepDueResponse is the payload of recovery_plan.step_due: the step that fell due, with the
// ids a platform needs to nudge the right candidate.
type stepDueResponse struct {
	Object      string       `json:"object" example:"recovery_plan_step_due"`
	PlanID      string       `json:"plan_id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string       `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string       `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	DueOn       string       `json:"due_on" format:"date" example:"2026-11-25"`
	Timezone    string       `json:"timezone" example:"Europe/London"`
	Step        stepResponse `json:"step"`
} //	@name	RecoveryPlanStepDue

// earliestZone is the zone whose calendar runs furthest ahead (UTC+14): no candidate anywhere is
// already on a later date.
var earliestZone = time.FixedZone("UTC+14", 14*60*60)

// EmitDueSteps records recovery_plan.step_due for every pending or in-progress step whose due
// date has arrived in its candidate's time zone, at most limit per tenant per call. Each step is
// announced once, even with several replicas running: the claim is a conditional update in the
// same transaction as the event. It returns how many it announced.
func (s *Server) EmitDueSteps(ctx context.Context, limit int) (int, error) {
	tenants, err := s.store.TenantIDs(ctx)
	if err != nil {
		return 0, err
	}
	now := time.Now()
	latest := now.In(earliestZone).Format(model.DateLayout)
	n := 0
	for _, tenant := range tenants {
		steps, err := s.store.DueStepCandidates(ctx, tenant, latest, limit)
		if err != nil || len(steps) == 0 {
			if err != nil {
				return n, err
			}
			continue
		}
		planIDs := make([]string, 0, len(steps))
		for _, st := range steps {
			planIDs = append(planIDs, st.PlanID)
		}
		plans, err := s.store.PlansByID(ctx, tenant, planIDs)
		if err != nil {
			return n, err
		}
		candIDs := make([]string, 0, len(plans))
		for _, p := range plans {
			candIDs = append(candIDs, p.CandidateID)
		}
		cands, err := s.store.CandidatesByID(ctx, tenant, candIDs)
		if err != nil {
			return n, err
		}
		for _, st := range steps {
			plan, ok := plans[st.PlanID]
			if !ok {
				continue
			}
			cand := cands[plan.CandidateID]
			if now.In(cand.Location()).Format(model.DateLayout) < st.DueOn {
				continue // not yet due where the candidate lives
			}
			err := s.store.WithTx(ctx, func(tx *store.Store) error {
				claimed, err := tx.ClaimStepDue(ctx, tenant, st.ID)
				if err != nil || !claimed {
					return err
				}
				body := stepDueResponse{Object: "recovery_plan_step_due", PlanID: plan.ID, RejectionID: plan.RejectionID, CandidateID: plan.CandidateID,
					DueOn: st.DueOn, Timezone: cand.Timezone, Step: toPlanResponse(plan, []model.PlanStep{st}).Steps[0]}
				if _, err := tx.RecordEvent(ctx, tenant, model.EventRecoveryPlanStepDue, body, plan.CandidateID); err != nil {
					return err
				}
				n++
				return nil
			})
			if err != nil {
				return n, err
			}
		}
	}
	if n > 0 {
		s.notifyDispatcher()
	}
	return n, nil
}
