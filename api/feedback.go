package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// feedbackCreateRequest is the body of POST /v1/rejections/{id}/feedback.
type feedbackCreateRequest struct {
	Source     string              `json:"source" validate:"required" enums:"employer,recruiter,interviewer,coach,peer" example:"interviewer"`
	AuthorName string              `json:"author_name" maxLength:"200" example:"Sam Lee"`
	AuthorRole string              `json:"author_role" maxLength:"200" example:"Staff Engineer"`
	ReceivedAt *string             `json:"received_at" format:"date-time" example:"2026-11-21T15:00:00Z" extensions:"x-nullable"`
	Summary    string              `json:"summary" maxLength:"5000" example:"Strong coding round; the design discussion stayed at a high level."`
	Items      []wire.FeedbackItem `json:"items" maxItems:"30"`
} //	@name	FeedbackCreateRequest

// feedbackList is a page of feedback.
type feedbackList struct {
	listEnvelope
	Data []wire.Feedback `json:"data"`
} //	@name	FeedbackList

// createFeedback godoc
//
//	@Summary		Add feedback
//	@Description	Records feedback about a rejection from an employer, recruiter, interviewer, coach or peer: a summary and structured items (category, polarity, detail). Improvement items feed the recovery plan (a skill step per gap, interview practice for interview performance). Feedback from the employer's response page is the same resource.
//	@ID				createFeedback
//	@Tags			Feedback
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string					true	"Rejection id (rej_…)."
//	@Param			Idempotency-Key	header		string					false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		feedbackCreateRequest	true	"The feedback."
//	@Success		201				{object}	wire.Feedback
//	@Header			201				{string}	ETag		"Version of the representation."
//	@Header			201				{string}	Location	"Path of the new resource."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		404				{object}	Problem		"No such rejection in this tenant."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields (see errors), or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/rejections/{id}/feedback [post]
func (s *Server) createFeedback(c echo.Context) error {
	rejectionID, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	var req feedbackCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	f := model.Feedback{Source: req.Source, AuthorName: req.AuthorName, AuthorRole: req.AuthorRole, Summary: req.Summary, Items: wire.ToFeedbackItems(req.Items)}
	var errs model.Errors
	if req.ReceivedAt != nil {
		if t, ok := parseTime(&errs, "/received_at", *req.ReceivedAt); ok {
			f.ReceivedAt = t
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		f, err := s.app.RecordFeedback(ctx, tenantOf(c), rejectionID, f)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromFeedback(f), Location: location("feedback", f.ID), CandidateID: f.CandidateID, RejectionID: f.RejectionID}, nil
	})
}

// listFeedback godoc
//
//	@Summary		List a rejection's feedback
//	@Description	Lists the feedback recorded for one rejection, newest first, whether it came through the API or the employer's response page.
//	@ID				listFeedback
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Rejection id (rej_…)."
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	feedbackList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		404		{object}	Problem	"No such rejection in this tenant."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/feedback [get]
func (s *Server) listFeedback(c echo.Context) error {
	return childList[model.Feedback, wire.Feedback]{
		parentPrefix: model.PrefixRejection, load: s.app.FeedbackList,
		listing: listing[model.Feedback, wire.Feedback]{id: func(f model.Feedback) string { return f.ID }, convert: wire.FromFeedback},
	}.serve(s, c)
}

// getFeedback godoc
//
//	@Summary		Retrieve feedback
//	@Description	Returns one piece of feedback with its items.
//	@ID				getFeedback
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Feedback id (fb_…)."
//	@Success		200	{object}	wire.Feedback
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such feedback in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/feedback/{id} [get]
func (s *Server) getFeedback(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixFeedback)
	if err != nil {
		return err
	}
	f, err := s.app.Feedback(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromFeedback(f))
}

// deleteFeedback godoc
//
//	@Summary		Delete feedback
//	@Description	Permanently deletes the feedback; the recovery plan is regenerated without it (steps already worked on are kept).
//	@ID				deleteFeedback
//	@Tags			Feedback
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Feedback id (fb_…)."
//	@Success		204	"Deleted."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such feedback in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/feedback/{id} [delete]
func (s *Server) deleteFeedback(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixFeedback)
	if err != nil {
		return err
	}
	if err := s.app.DeleteFeedback(c.Request().Context(), tenantOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
