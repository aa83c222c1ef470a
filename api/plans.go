package api

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/wire"
)

// planList is a page of plans.
type planList struct {
	listEnvelope
	Data []wire.Plan `json:"data"`
} //	@name	RecoveryPlanList

// stepPatchRequest is the body of PATCH /v1/recovery-plans/{id}/steps/{step_id}.
type stepPatchRequest struct {
	Status *string `json:"status,omitempty" enums:"pending,in_progress,done,skipped" example:"done"`
	Note   *string `json:"note,omitempty" maxLength:"2000" example:"Finished the distributed systems course, chapter 3." extensions:"x-nullable"`
} //	@name	RecoveryPlanStepUpdateRequest

// revisionList is a page of revisions.
type revisionList struct {
	listEnvelope
	Data []wire.PlanRevision `json:"data"`
} //	@name	RecoveryPlanRevisionList

// getRejectionPlan godoc
//
//	@Summary		Retrieve a rejection's recovery plan
//	@Description	Every rejection has a recovery plan, created with it: ordered, dated steps (dates are days in the candidate's time zone), each with guidance and the reasons it is there — links to the rejection fields, feedback items and reflection answers that caused it. The plan is regenerated when feedback or reflections change or the rejection is updated; steps already worked on keep their status, note and dates.
//	@ID				getRejectionPlan
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Rejection id (rej_…)."
//	@Success		200	{object}	wire.Plan
//	@Header			200	{string}	ETag	"Version of the representation."
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
	plan, steps, err := s.app.PlanForRejection(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromPlan(plan, steps))
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
//	@Success		200	{object}	wire.Plan
//	@Header			200	{string}	ETag	"Version of the representation."
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
	plan, steps, err := s.app.Plan(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromPlan(plan, steps))
}

// listPlans godoc
//
//	@Summary		List recovery plans
//	@Description	Lists plans with their steps, newest first; filter by candidate and status. Steps of a page are loaded in one query. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listPlans
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			candidate_id	query		string	false	"Only this candidate's plans."
//	@Param			status			query		string	false	"Only active or completed plans."																	Enums(active,completed)
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
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
	if err := queryParams(c, append([]string{"candidate_id", "status", "limit", "cursor"}, syncParams...)...); err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	var errs model.Errors
	f := model.PlanFilter{
		CandidateID: queryID(&errs, c, "candidate_id", model.PrefixCandidate, "a candidate"),
		Status:      queryEnum(&errs, c, "status", []string{recovery.PlanActive, recovery.PlanCompleted}),
	}
	if err := errs.Err(); err != nil {
		return err
	}
	filters := url.Values{"candidate_id": {f.CandidateID}, "status": {f.Status}}
	page, err := s.syncListParams(c, tenant, filters)
	if err != nil {
		return err
	}
	plans, steps, more, err := s.app.Plans(ctx, tenant, f, page)
	if err != nil {
		return err
	}
	return listing[model.RecoveryPlan, wire.Plan]{id: func(p model.RecoveryPlan) string { return p.ID },
		changed: func(p model.RecoveryPlan) time.Time { return p.UpdatedAt },
		convert: func(p model.RecoveryPlan) wire.Plan { return wire.FromPlan(p, steps[p.ID]) }}.render(s, c, tenant, filters, page, plans, more)
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
//	@Success		200			{object}	wire.Plan
//	@Header			200			{string}	ETag	"Version of the representation."
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
	var (
		errs   model.Errors
		change app.StepChange
	)
	if patch.isNull("status") {
		errs.Add("/status", "cannot be null")
	} else {
		var status string
		if patch.decode(&errs, "status", &status) {
			change.Status = &status
		}
	}
	if _, ok := patch["note"]; ok {
		note := ""
		patch.optionalString(&errs, "note", &note)
		change.Note = &note
	}
	if err := errs.Err(); err != nil {
		return err
	}
	plan, steps, err := s.app.UpdatePlanStep(c.Request().Context(), tenantOf(c), planID, stepID, func(p model.RecoveryPlan, steps []model.PlanStep) error {
		return checkIfMatch(c, wire.FromPlan(p, steps))
	}, change)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromPlan(plan, steps))
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
	return childList[model.PlanRevision, wire.PlanRevision]{
		parentPrefix: model.PrefixPlan, load: s.app.PlanRevisions,
		listing: listing[model.PlanRevision, wire.PlanRevision]{id: func(r model.PlanRevision) string { return r.ID }, convert: wire.FromPlanRevision},
	}.serve(s, c)
}
