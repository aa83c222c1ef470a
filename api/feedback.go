package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// feedbackItemInput is one structured point of feedback.
type feedbackItemInput struct {
	Category string `json:"category" validate:"required" enums:"skills,experience,interview_performance,communication,preparation,culture_fit,technical_depth,motivation,compensation,other" example:"technical_depth"`
	Polarity string `json:"polarity" validate:"required" enums:"strength,improvement,neutral" example:"improvement"`
	Detail   string `json:"detail" validate:"required" maxLength:"2000" example:"System design depth: go further into trade-offs of sharding and caching."`
} //	@name	FeedbackItem

// feedbackCreateRequest is the body of POST /v1/rejections/{id}/feedback.
type feedbackCreateRequest struct {
	Source     string              `json:"source" validate:"required" enums:"employer,recruiter,interviewer,coach,peer" example:"interviewer"`
	AuthorName string              `json:"author_name" maxLength:"200" example:"Sam Lee"`
	AuthorRole string              `json:"author_role" maxLength:"200" example:"Staff Engineer"`
	ReceivedAt *string             `json:"received_at" format:"date-time" example:"2026-11-21T15:00:00Z" extensions:"x-nullable"`
	Summary    string              `json:"summary" maxLength:"5000" example:"Strong coding round; the design discussion stayed at a high level."`
	Items      []feedbackItemInput `json:"items" maxItems:"30"`
} //	@name	FeedbackCreateRequest

// feedbackResponse is feedback as the API returns it.
type feedbackResponse struct {
	Object            string              `json:"object" example:"feedback"`
	ID                string              `json:"id" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID       string              `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID       string              `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Source            string              `json:"source" enums:"employer,recruiter,interviewer,coach,peer" example:"interviewer"`
	AuthorName        string              `json:"author_name" example:"Sam Lee"`
	AuthorRole        string              `json:"author_role" example:"Staff Engineer"`
	ReceivedAt        time.Time           `json:"received_at" example:"2026-11-21T15:00:00Z"`
	Summary           string              `json:"summary" example:"Strong coding round; the design discussion stayed at a high level."`
	Items             []feedbackItemInput `json:"items"`
	FeedbackRequestID *string             `json:"feedback_request_id" example:"frq_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" extensions:"x-nullable"`
	CreatedAt         time.Time           `json:"created_at" example:"2026-11-21T15:00:02Z"`
} //	@name	Feedback

// feedbackList is a page of feedback.
type feedbackList struct {
	listEnvelope
	Data []feedbackResponse `json:"data"`
} //	@name	FeedbackList

func toFeedbackResponse(f model.Feedback) feedbackResponse {
	items := make([]feedbackItemInput, 0, len(f.Items))
	for _, it := range f.Items {
		items = append(items, feedbackItemInput(it))
	}
	return feedbackResponse{Object: "feedback", ID: f.ID, RejectionID: f.RejectionID, CandidateID: f.CandidateID, Source: f.Source,
		AuthorName: f.AuthorName, AuthorRole: f.AuthorRole, ReceivedAt: f.ReceivedAt.UTC(), Summary: f.Summary, Items: items,
		FeedbackRequestID: f.FeedbackRequestID, CreatedAt: f.CreatedAt.UTC()}
}

func toFeedbackItems(in []feedbackItemInput) []model.FeedbackItem {
	out := make([]model.FeedbackItem, 0, len(in))
	for _, it := range in {
		out = append(out, model.FeedbackItem(it))
	}
	return out
}

// recordFeedback stores feedback (from the API or the public page) with its event, and lets the
// recovery plan react, all in the caller's transaction.
func (s *Server) recordFeedback(ctx context.Context, tx *store.Store, f *model.Feedback) (feedbackResponse, error) {
	if err := tx.CreateFeedback(ctx, f); err != nil {
		return feedbackResponse{}, err
	}
	body := toFeedbackResponse(*f)
	if _, err := tx.RecordEvent(ctx, f.TenantID, model.EventFeedbackReceived, body, f.CandidateID); err != nil {
		return feedbackResponse{}, err
	}
	return body, s.afterFeedbackChange(ctx, tx, f.TenantID, f.RejectionID, model.EventFeedbackReceived)
}

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
//	@Success		201				{object}	feedbackResponse
//	@Failure		400				{object}	Problem	"Malformed JSON."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such rejection in this tenant."
//	@Failure		409				{object}	Problem	"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem	"Body over 1 MiB."
//	@Failure		415				{object}	Problem	"Body not sent as application/json."
//	@Failure		422				{object}	Problem	"Invalid fields (see errors), or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
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
	ctx, tenant := c.Request().Context(), tenantOf(c)
	rej, err := s.store.Rejection(ctx, tenant, rejectionID)
	if err != nil {
		return err
	}
	f := model.Feedback{TenantID: tenant, ID: model.NewID(model.PrefixFeedback), RejectionID: rej.ID, CandidateID: rej.CandidateID,
		Source: req.Source, AuthorName: req.AuthorName, AuthorRole: req.AuthorRole, Summary: req.Summary,
		Items: toFeedbackItems(req.Items), ReceivedAt: store.Now()}
	var errs model.Errors
	if req.ReceivedAt != nil {
		if t, ok := parseTime(&errs, "/received_at", *req.ReceivedAt); ok {
			f.ReceivedAt = t
		}
	}
	if err := f.Check(); err != nil {
		errs = append(errs, err.(*model.ValidationError).Errors...)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.runCreate(c, raw, func(tx *store.Store) (created, error) {
		body, err := s.recordFeedback(ctx, tx, &f)
		if err != nil {
			return created{}, err
		}
		return created{Body: body, Location: location("feedback", f.ID), CandidateID: f.CandidateID}, nil
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
	return childList[model.Feedback, feedbackResponse]{
		parentPrefix: model.PrefixRejection, parent: s.rejectionExists, load: s.store.FeedbackList,
		id: func(f model.Feedback) string { return f.ID }, convert: toFeedbackResponse,
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
//	@Success		200	{object}	feedbackResponse
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
	f, err := s.store.Feedback(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, toFeedbackResponse(f))
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
	ctx, tenant := c.Request().Context(), tenantOf(c)
	err = s.store.WithTx(ctx, func(tx *store.Store) error {
		f, err := tx.DeleteFeedback(ctx, tenant, id)
		if err != nil {
			return err
		}
		if _, err := tx.RecordEvent(ctx, tenant, model.EventFeedbackDeleted, store.DeletedObject{Object: "feedback", ID: id, Deleted: true}, ""); err != nil {
			return err
		}
		return s.afterFeedbackChange(ctx, tx, tenant, f.RejectionID, model.EventFeedbackDeleted)
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
