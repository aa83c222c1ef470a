package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
	"time"
)

// getInsights godoc
//
//	@Summary		Candidate insights
//	@Description	Patterns across the candidate's rejections: how far they got (stage funnel), the reasons given, improvement areas and strengths that recur across rejections (with counts, when last seen and the evidence ids), the mood trend from reflections, the median days to complete a plan and the share of plans completed, and suggestions, each with its evidence. No rate or share is computed over fewer than 5 rejections (or plans): those read `insufficient_data`. Cost: four indexed queries bounded to the candidate's newest 500 rejections, 1,000 feedback, 1,000 reflections and 500 plans, then linear work in memory.
//	@ID				getInsights
//	@Tags			Insights
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Candidate id (cand_…)."
//	@Success		200	{object}	recovery.Insights
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such candidate in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/candidates/{id}/insights [get]
func (s *Server) getInsights(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	ins, err := s.app.Insights(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	unstamped := ins
	unstamped.AsOf = time.Time{}
	return writeJSONVersioned(c, http.StatusOK, ins, unstamped)
}

// getAgenda godoc
//
//	@Summary		Candidate agenda
//	@Description	One deduplicated, dated list of what the candidate should do next across all their open recovery plans. Advice that concerns the whole search (the next application, a recruiter, a skill gap, interview practice…) appears once, however many plans hold it, and links to each of their steps; steps the candidate completed or skipped are left out, and so is candidate-wide advice already done in any plan. Items are ordered by due date (lapsed items, whose moment had passed when the rejection was recorded, last). Written in the candidate's language (`locale`; `locale_fallback` is true when that language is not one Rebound writes). The ETag changes whenever any linked step does; send `If-None-Match` to get 304.
//	@ID				getAgenda
//	@Tags			Recovery plans
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Candidate id (cand_…)."
//	@Param			If-None-Match	header		string	false	"ETag of the agenda you hold; 304 when it has not changed."
//	@Success		200				{object}	wire.Agenda
//	@Success		304				"Not modified."
//	@Header			200				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		404				{object}	Problem	"No such candidate in this tenant."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/candidates/{id}/agenda [get]
func (s *Server) getAgenda(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	ag, err := s.app.Agenda(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromAgenda(ag.Candidate, ag.Items))
}
