package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// StepReason says why a step is in the plan.
type StepReason struct {
	Source string `json:"source" enums:"rejection,feedback,reflection,history,feedback_request" example:"feedback"`
	Ref    string `json:"ref" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Field  string `json:"field" example:"items[0]"`
	Detail string `json:"detail" example:"Feedback named this as a gap: System design depth"`
} //	@name	StepReason

// Step is one step of a plan.
type Step struct {
	Object      string     `json:"object" example:"recovery_plan_step"`
	ID          string     `json:"id" example:"step_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Key         string     `json:"key" example:"skill_development:system-design-depth"`
	Kind        string     `json:"kind" enums:"rest,talk_to_someone,thank_contacts,thank_feedback,status_follow_up,request_feedback,reflect,review_feedback,keep_perspective,interview_practice,assessment_practice,obtain_qualification,skill_development,quantify_results,research_practice,resume_refresh,salary_benchmark,apply_next,widen_network,contract_inquiry,engage_recruiter,explore_adjacent_roles,stay_in_touch,reapply_later" example:"skill_development"`
	Title       string     `json:"title" example:"Build up: System design depth"`
	Guidance    string     `json:"guidance" example:"Turn \"System design depth\" into a concrete learning goal…"`
	DueOn       string     `json:"due_on" format:"date" example:"2026-11-29"`
	Status      string     `json:"status" enums:"pending,in_progress,done,skipped" example:"pending"`
	Note        string     `json:"note" example:""`
	StartedAt   *time.Time `json:"started_at" example:"2026-11-26T18:00:00Z" extensions:"x-nullable"`
	CompletedAt *time.Time `json:"completed_at" example:"2026-11-29T20:00:00Z" extensions:"x-nullable"`
	// Optional: the candidate may leave the step out without the plan suffering (steps that face
	// employers while the mood is very low or the blow hit hard).
	Optional bool `json:"optional" example:"false"`
	// Lapsed: the step's date had already passed when the rejection was recorded; worth doing
	// when the candidate is ready, never shown as overdue and never announced by step_due.
	Lapsed  bool         `json:"lapsed" example:"false"`
	Reasons []StepReason `json:"reasons"`
	// ReasonsOmitted counts the reasons left out beyond the ten a step keeps.
	ReasonsOmitted int `json:"reasons_omitted" example:"0"`
} //	@name	RecoveryPlanStep

// Plan is a recovery plan as the API returns it.
type Plan struct {
	Object      string `json:"object" example:"recovery_plan"`
	ID          string `json:"id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Status      string `json:"status" enums:"active,completed" example:"active"`
	Revision    int    `json:"revision" example:"2"`
	StartsOn    string `json:"starts_on" format:"date" example:"2026-11-20"`
	// Historical: the rejection was recorded long after it happened (older than the tenant's
	// threshold, 30 days by default): the plan is kept for the record and never nudges.
	Historical  bool       `json:"historical" example:"false"`
	Steps       []Step     `json:"steps"`
	CreatedAt   time.Time  `json:"created_at" example:"2026-11-20T09:31:00Z"`
	UpdatedAt   time.Time  `json:"updated_at" example:"2026-11-24T15:00:00Z"`
	CompletedAt *time.Time `json:"completed_at" example:"2026-12-01T19:00:00Z" extensions:"x-nullable"`
} //	@name	RecoveryPlan

// FromStep renders one step.
func FromStep(st model.PlanStep) Step {
	reasons := make([]StepReason, 0, len(st.Reasons))
	for _, r := range st.Reasons {
		reasons = append(reasons, StepReason(r))
	}
	return Step{Object: "recovery_plan_step", ID: st.ID, Key: st.Key, Kind: st.Kind, Title: st.Title,
		Guidance: st.Guidance, DueOn: st.DueOn, Status: st.Status, Note: st.Note, StartedAt: utcPtr(st.StartedAt),
		CompletedAt: utcPtr(st.CompletedAt), Optional: st.Optional, Lapsed: st.Lapsed, Reasons: reasons, ReasonsOmitted: st.ReasonsOmitted}
}

// FromPlan renders a plan with its steps.
func FromPlan(p model.RecoveryPlan, steps []model.PlanStep) Plan {
	out := Plan{Object: "recovery_plan", ID: p.ID, RejectionID: p.RejectionID, CandidateID: p.CandidateID, Status: p.Status,
		Revision: p.Revision, StartsOn: p.StartsOn, Historical: p.Historical, Steps: make([]Step, 0, len(steps)),
		CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), CompletedAt: utcPtr(p.CompletedAt)}
	for _, st := range steps {
		out.Steps = append(out.Steps, FromStep(st))
	}
	return out
}

// PlanRevision is one regeneration of a plan.
type PlanRevision struct {
	Object    string             `json:"object" example:"recovery_plan_revision"`
	ID        string             `json:"id" example:"prev_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	PlanID    string             `json:"plan_id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Revision  int                `json:"revision" example:"2"`
	Trigger   string             `json:"trigger" example:"feedback.received"`
	Changes   []model.PlanChange `json:"changes"`
	CreatedAt time.Time          `json:"created_at" example:"2026-11-24T15:00:00Z"`
} //	@name	RecoveryPlanRevision

// FromPlanRevision renders a revision.
func FromPlanRevision(r model.PlanRevision) PlanRevision {
	changes := r.Changes
	if changes == nil {
		changes = []model.PlanChange{}
	}
	return PlanRevision{Object: "recovery_plan_revision", ID: r.ID, PlanID: r.PlanID, Revision: r.Revision, Trigger: r.Trigger, Changes: changes, CreatedAt: r.CreatedAt.UTC()}
}

// StepDue is the payload of recovery_plan.step_due: the step that fell due, with the ids a
// platform needs to nudge the right candidate.
type StepDue struct {
	Object      string `json:"object" example:"recovery_plan_step_due"`
	PlanID      string `json:"plan_id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	DueOn       string `json:"due_on" format:"date" example:"2026-11-25"`
	Timezone    string `json:"timezone" example:"Europe/London"`
	Step        Step   `json:"step"`
} //	@name	RecoveryPlanStepDue

// FromStepDue renders the step_due payload.
func FromStepDue(p model.RecoveryPlan, st model.PlanStep, timezone string) StepDue {
	return StepDue{Object: "recovery_plan_step_due", PlanID: p.ID, RejectionID: p.RejectionID, CandidateID: p.CandidateID,
		DueOn: st.DueOn, Timezone: timezone, Step: FromStep(st)}
}
