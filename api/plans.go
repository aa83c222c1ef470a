package api

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/store"
)

// reasonResponse says why a step is in the plan.
type reasonResponse struct {
	Source string `json:"source" enums:"rejection,feedback,reflection,history" example:"feedback"`
	Ref    string `json:"ref" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Field  string `json:"field" example:"items[0]"`
	Detail string `json:"detail" example:"Feedback named this as a gap: System design depth"`
} //	@name	StepReason

// stepResponse is one step of a plan.
type stepResponse struct {
	Object      string           `json:"object" example:"recovery_plan_step"`
	ID          string           `json:"id" example:"step_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Key         string           `json:"key" example:"skill_development:system-design-depth"`
	Kind        string           `json:"kind" enums:"rest,thank_contacts,request_feedback,reflect,interview_practice,skill_development,research_practice,resume_refresh,stay_in_touch,contract_inquiry,engage_recruiter,explore_adjacent_roles,apply_next" example:"skill_development"`
	Title       string           `json:"title" example:"Build up: System design depth"`
	Guidance    string           `json:"guidance" example:"Turn \"System design depth\" into a concrete learning goal…"`
	DueOn       string           `json:"due_on" format:"date" example:"2026-11-29"`
	Status      string           `json:"status" enums:"pending,in_progress,done,skipped" example:"pending"`
	Note        string           `json:"note" example:""`
	StartedAt   *time.Time       `json:"started_at" example:"2026-11-26T18:00:00Z" extensions:"x-nullable"`
	CompletedAt *time.Time       `json:"completed_at" example:"2026-11-29T20:00:00Z" extensions:"x-nullable"`
	Reasons     []reasonResponse `json:"reasons"`
} //	@name	RecoveryPlanStep

// planResponse is a recovery plan as the API returns it.
type planResponse struct {
	Object      string         `json:"object" example:"recovery_plan"`
	ID          string         `json:"id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string         `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string         `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Status      string         `json:"status" enums:"active,completed" example:"active"`
	Revision    int            `json:"revision" example:"2"`
	StartsOn    string         `json:"starts_on" format:"date" example:"2026-11-20"`
	Steps       []stepResponse `json:"steps"`
	CreatedAt   time.Time      `json:"created_at" example:"2026-11-20T09:31:00Z"`
	UpdatedAt   time.Time      `json:"updated_at" example:"2026-11-24T15:00:00Z"`
	CompletedAt *time.Time     `json:"completed_at" example:"2026-12-01T19:00:00Z" extensions:"x-nullable"`
} //	@name	RecoveryPlan

// planList is a page of plans.
type planList struct {
	listEnvelope
	Data []planResponse `json:"data"`
} //	@name	RecoveryPlanList

// stepPatchRequest is the body of PATCH /v1/recovery-plans/{id}/steps/{step_id}.
type stepPatchRequest struct {
	Status *string `json:"status,omitempty" enums:"pending,in_progress,done,skipped" example:"done"`
	Note   *string `json:"note,omitempty" maxLength:"2000" example:"Finished the distributed systems course, chapter 3."`
} //	@name	RecoveryPlanStepUpdateRequest

// revisionResponse is one regeneration of a plan.
type revisionResponse struct {
	Object    string             `json:"object" example:"recovery_plan_revision"`
	ID        string             `json:"id" example:"prev_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	PlanID    string             `json:"plan_id" example:"plan_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Revision  int                `json:"revision" example:"2"`
	Trigger   string             `json:"trigger" example:"feedback.received"`
	Changes   []model.PlanChange `json:"changes"`
	CreatedAt time.Time          `json:"created_at" example:"2026-11-24T15:00:00Z"`
} //	@name	RecoveryPlanRevision

// revisionList is a page of revisions.
type revisionList struct {
	listEnvelope
	Data []revisionResponse `json:"data"`
} //	@name	RecoveryPlanRevisionList

func toRevisionResponse(r model.PlanRevision) revisionResponse {
	changes := r.Changes
	if changes == nil {
		changes = []model.PlanChange{}
	}
	return revisionResponse{Object: "recovery_plan_revision", ID: r.ID, PlanID: r.PlanID, Revision: r.Revision, Trigger: r.Trigger, Changes: changes, CreatedAt: r.CreatedAt.UTC()}
}

// maxStepNoteLength bounds a step's note.
const maxStepNoteLength = 2000

func toPlanResponse(p model.RecoveryPlan, steps []model.PlanStep) planResponse {
	out := planResponse{Object: "recovery_plan", ID: p.ID, RejectionID: p.RejectionID, CandidateID: p.CandidateID, Status: p.Status,
		Revision: p.Revision, StartsOn: p.StartsOn, Steps: make([]stepResponse, 0, len(steps)),
		CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), CompletedAt: utcPtr(p.CompletedAt)}
	for _, st := range steps {
		reasons := make([]reasonResponse, 0, len(st.Reasons))
		for _, r := range st.Reasons {
			reasons = append(reasons, reasonResponse(r))
		}
		out.Steps = append(out.Steps, stepResponse{Object: "recovery_plan_step", ID: st.ID, Key: st.Key, Kind: st.Kind, Title: st.Title,
			Guidance: st.Guidance, DueOn: st.DueOn, Status: st.Status, Note: st.Note, StartedAt: utcPtr(st.StartedAt),
			CompletedAt: utcPtr(st.CompletedAt), Reasons: reasons})
	}
	return out
}

// loadPlan reads a plan with its steps.
func (s *Server) loadPlan(c echo.Context, plan model.RecoveryPlan) (planResponse, error) {
	steps, err := s.store.PlanSteps(c.Request().Context(), plan.TenantID, plan.ID)
	if err != nil {
		return planResponse{}, err
	}
	return toPlanResponse(plan, steps[plan.ID]), nil
}

// getRejectionPlan godoc
//
//	@Summary		Retrieve a rejection's recovery plan
//	@Description	Every rejection has a recovery plan, created with it: ordered, dated steps (dates are days in the candidate's time zone), each with guidance and the reasons it is there — links to the rejection fields, feedback items and reflection answers that caused it. The plan is regenerated when feedback or reflections change or the rejection is updated; steps already worked on keep their status, note and dates.
//	@ID				getRejectionPlan
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Rejection id (rej_…)."
//	@Success		200	{object}	planResponse
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such rejection in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/recovery-plan [get]
func (s *Server) getRejectionPlan(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	plan, err := s.store.PlanForRejection(c.Request().Context(), tenantOf(c), id, false)
	if err != nil {
		return err
	}
	out, err := s.loadPlan(c, plan)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, out)
}

// getPlan godoc
//
//	@Summary		Retrieve a recovery plan
//	@Description	Returns one recovery plan with its dated steps, their status and the reasons each step is there. The ETag covers the whole plan; send it as If-Match when updating a step.
//	@ID				getPlan
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Plan id (plan_…)."
//	@Success		200	{object}	planResponse
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such plan in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/recovery-plans/{id} [get]
func (s *Server) getPlan(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixPlan)
	if err != nil {
		return err
	}
	plan, err := s.store.Plan(c.Request().Context(), tenantOf(c), id, false)
	if err != nil {
		return err
	}
	out, err := s.loadPlan(c, plan)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, out)
}

// listPlans godoc
//
//	@Summary		List recovery plans
//	@Description	Lists plans with their steps, newest first; filter by candidate and status. Steps of a page are loaded in one query.
//	@ID				listPlans
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			candidate_id	query		string	false	"Only this candidate's plans."
//	@Param			status			query		string	false	"Only active or completed plans."	Enums(active,completed)
//	@Param			limit			query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	planList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		422				{object}	Problem	"Invalid query parameter."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/recovery-plans [get]
func (s *Server) listPlans(c echo.Context) error {
	if err := queryParams(c, "candidate_id", "status", "limit", "cursor"); err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	var errs model.Errors
	f := store.PlanFilter{CandidateID: c.QueryParam("candidate_id"), Status: queryEnum(&errs, c, "status", []string{recovery.PlanActive, recovery.PlanCompleted})}
	if f.CandidateID != "" && !model.ValidID(model.PrefixCandidate, f.CandidateID) {
		errs.Add("candidate_id", "must be a candidate id (cand_…)")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	filters := url.Values{"candidate_id": {f.CandidateID}, "status": {f.Status}}
	page, err := s.listParams(c, tenant, filters)
	if err != nil {
		return err
	}
	plans, more, err := s.store.Plans(ctx, tenant, f, page)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(plans))
	for _, p := range plans {
		ids = append(ids, p.ID)
	}
	steps, err := s.store.PlanSteps(ctx, tenant, ids...)
	if err != nil {
		return err
	}
	return renderList(s, c, tenant, filters, plans, more, func(p model.RecoveryPlan) string { return p.ID },
		func(p model.RecoveryPlan) planResponse { return toPlanResponse(p, steps[p.ID]) })
}

// updatePlanStep godoc
//
//	@Summary		Update a step's status or note
//	@Description	Records the candidate's progress: `status` pending, in_progress, done or skipped, and a `note`. `started_at` and `completed_at` are set for you. The plan becomes `completed` once every step is done or skipped (a `recovery_plan.completed` event follows), and active again if a step is reopened. Honours `If-Match` with the plan's ETag.
//	@ID				updatePlanStep
//	@Tags			Recovery plans
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string				true	"Plan id (plan_…)."
//	@Param			step_id		path		string				true	"Step id (step_…)."
//	@Param			If-Match	header		string				false	"The plan's ETag the change is based on."
//	@Param			body		body		stepPatchRequest	true	"The change."
//	@Success		200			{object}	planResponse
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the write scope."
//	@Failure		404			{object}	Problem	"No such plan or step in this tenant."
//	@Failure		412			{object}	Problem	"If-Match does not match the plan's current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid status or note."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/recovery-plans/{id}/steps/{step_id} [patch]
func (s *Server) updatePlanStep(c echo.Context) error {
	planID, err := pathID(c, "id", model.PrefixPlan)
	if err != nil {
		return err
	}
	stepID, err := pathID(c, "step_id", model.PrefixPlanStep)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "status", "note")
	if err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	var out planResponse
	err = s.store.WithTx(ctx, func(tx *store.Store) error {
		plan, err := tx.Plan(ctx, tenant, planID, true)
		if err != nil {
			return err
		}
		m, err := tx.PlanSteps(ctx, tenant, plan.ID)
		if err != nil {
			return err
		}
		rows := m[plan.ID]
		if err := checkIfMatch(c, toPlanResponse(plan, rows)); err != nil {
			return err
		}
		idx := -1
		for i := range rows {
			if rows[i].ID == stepID {
				idx = i
			}
		}
		if idx < 0 {
			return model.ErrNotFound
		}
		st := &rows[idx]
		var errs model.Errors
		var status string
		if patch.isNull("status") {
			errs.Add("/status", "cannot be null")
		} else if patch.decode(&errs, "status", &status) {
			if !recovery.ValidStepStatus(status) {
				errs.Add("/status", "must be one of pending, in_progress, done, skipped")
			}
		}
		patch.optionalString(&errs, "note", &st.Note)
		model.CheckText(&errs, "/note", st.Note, false, maxStepNoteLength)
		if err := errs.Err(); err != nil {
			return err
		}
		now := store.Now()
		if status != "" && status != st.Status {
			st.Status = status
			switch status {
			case recovery.StatusInProgress:
				if st.StartedAt == nil {
					st.StartedAt = &now
				}
				st.CompletedAt = nil
			case recovery.StatusDone, recovery.StatusSkipped:
				st.CompletedAt = &now
			case recovery.StatusPending:
				st.StartedAt, st.CompletedAt = nil, nil
			}
		}
		before := plan.Status
		s.setPlanStatus(&plan, rows)
		if err := tx.SavePlan(ctx, &plan, rows, false); err != nil {
			return err
		}
		if err := s.recordPlanEvents(ctx, tx, plan, rows, false, before); err != nil {
			return err
		}
		out = toPlanResponse(plan, rows)
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, out)
}

// listPlanRevisions godoc
//
//	@Summary		List a plan's revisions
//	@Description	Every regeneration of the plan, newest first: its revision number, what triggered it (rejection.created, feedback.received, reflection.updated, …) and which steps were added, removed or updated (and which fields).
//	@ID				listPlanRevisions
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Plan id (plan_…)."
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	revisionList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		404		{object}	Problem	"No such plan in this tenant."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/recovery-plans/{id}/revisions [get]
func (s *Server) listPlanRevisions(c echo.Context) error {
	return childList[model.PlanRevision, revisionResponse]{
		parentPrefix: model.PrefixPlan, parent: s.planExists, load: s.store.PlanRevisions,
		id: func(r model.PlanRevision) string { return r.ID }, convert: toRevisionResponse,
	}.serve(s, c)
}
