package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// recipientInput names the person asked for feedback.
type recipientInput struct {
	Name  string  `json:"name" validate:"required" maxLength:"200" example:"Priya Raman"`
	Email *string `json:"email,omitempty" format:"email" example:"priya.raman@northwind.example"`
	Role  string  `json:"role" enums:"recruiter,hiring_manager,interviewer,hr,other" example:"hiring_manager"`
} //	@name	FeedbackRecipientInput

// feedbackRequestCreateRequest is the body of POST /v1/rejections/{id}/feedback-requests.
// Give either recipient or contact_id (a contact of the rejection).
type feedbackRequestCreateRequest struct {
	Recipient     *recipientInput `json:"recipient,omitempty"`
	ContactID     *string         `json:"contact_id,omitempty" example:"ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Note          string          `json:"note" maxLength:"1000" example:"I especially valued the system design conversation."`
	ExpiresInDays *int            `json:"expires_in_days,omitempty" minimum:"1" maximum:"90" default:"30" example:"30"`
	// Locale is the language of the message and of the recipient's page (a BCP 47 tag such as
	// de or es-MX); absent, the candidate's. The page also offers a switch to the others.
	Locale string `json:"locale,omitempty" maxLength:"35" example:"de"`
} //	@name	FeedbackRequestCreateRequest

// feedbackRequestList is a page of feedback requests.
type feedbackRequestList struct {
	listEnvelope
	Data []wire.FeedbackRequest `json:"data"`
} //	@name	FeedbackRequestList

// createFeedbackRequest godoc
//
//	@Summary		Draft a feedback request
//	@Description	Drafts a short, courteous request for feedback to one person — a `recipient`, or one of the rejection's contacts by `contact_id` — and creates their single-use response link. The request starts as `draft`: your platform sends the message (it already contains the link), then calls `…/sent`. The link expires after `expires_in_days` (default 30, at most 90). `response_url` is shown only in this response.
//	@ID				createFeedbackRequest
//	@Tags			Feedback
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string							true	"Rejection id (rej_…)."
//	@Param			Idempotency-Key	header		string							false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		feedbackRequestCreateRequest	true	"Who to ask."
//	@Success		201				{object}	wire.FeedbackRequest
//	@Header			201				{string}	ETag		"Version of the representation."
//	@Header			201				{string}	Location	"Path of the new resource."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		404				{object}	Problem		"No such rejection in this tenant."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields, an unknown contact_id, or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/rejections/{id}/feedback-requests [post]
func (s *Server) createFeedbackRequest(c echo.Context) error {
	rejectionID, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	var req feedbackRequestCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	in := app.NewFeedbackRequest{ContactID: req.ContactID, Note: req.Note, ExpiresInDays: req.ExpiresInDays, Locale: req.Locale}
	if req.Recipient != nil {
		in.Recipient = &app.Recipient{Name: req.Recipient.Name, Email: req.Recipient.Email, Role: req.Recipient.Role}
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		out, err := s.app.RequestFeedback(ctx, tenantOf(c), rejectionID, in)
		if err != nil {
			return created{}, err
		}
		// Only this response carries the live link, in its own fields and in the message; a
		// replay shows the stored message with the placeholder and says the link is withheld.
		stored := wire.FromFeedbackRequest(out.Request, out.Request.CreatedAt)
		body := stored
		link := out.Link(s.app)
		body.ResponseURL, body.ResponseToken = &link, &out.Token
		body.Message.Body = strings.ReplaceAll(body.Message.Body, app.ResponseLinkPlaceholder, link)
		stored.SecretRedacted = true
		return created{Body: body, Replay: stored, Location: location("feedback-requests", out.Request.ID), CandidateID: out.Request.CandidateID, RejectionID: out.Request.RejectionID}, nil
	})
}

// listFeedbackRequests godoc
//
//	@Summary		List a rejection's feedback requests
//	@Description	Lists the feedback requests of one rejection, newest first. Statuses are current: a request whose link expired reads `expired` even before the sweep records it. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listFeedbackRequests
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Rejection id (rej_…)."
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	feedbackRequestList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		404				{object}	Problem	"No such rejection in this tenant."
//	@Failure		422				{object}	Problem	"Invalid query parameter."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/feedback-requests [get]
func (s *Server) listFeedbackRequests(c echo.Context) error {
	now := s.app.Now()
	return childList[model.FeedbackRequest, wire.FeedbackRequest]{
		parentPrefix: model.PrefixRejection, load: s.app.FeedbackRequests,
		listing: listing[model.FeedbackRequest, wire.FeedbackRequest]{
			id:      func(r model.FeedbackRequest) string { return r.ID },
			changed: func(r model.FeedbackRequest) time.Time { return r.UpdatedAt },
			convert: func(r model.FeedbackRequest) wire.FeedbackRequest { return wire.FromFeedbackRequest(r, now) },
		},
	}.serve(s, c)
}

// getFeedbackRequest godoc
//
//	@Summary		Retrieve a feedback request
//	@Description	Returns one feedback request with its current status and drafted message (the link itself is not shown again).
//	@ID				getFeedbackRequest
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Feedback request id (frq_…)."
//	@Success		200	{object}	wire.FeedbackRequest
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such feedback request in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/feedback-requests/{id} [get]
func (s *Server) getFeedbackRequest(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixFeedbackRequest)
	if err != nil {
		return err
	}
	r, err := s.app.FeedbackRequest(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromFeedbackRequest(r, s.app.Now()))
}

// transitionFeedbackRequest moves a request to status (sent or cancelled).
func (s *Server) transitionFeedbackRequest(c echo.Context, to string) error {
	id, err := pathID(c, "id", model.PrefixFeedbackRequest)
	if err != nil {
		return err
	}
	return s.runCreate(c, nil, func(ctx context.Context) (created, error) {
		r, err := s.app.TransitionFeedbackRequest(ctx, tenantOf(c), id, to)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromFeedbackRequest(r, s.app.Now()), Status: http.StatusOK, CandidateID: r.CandidateID, RejectionID: r.RejectionID}, nil
	})
}

// markFeedbackRequestSent godoc
//
//	@Summary		Mark a feedback request as sent
//	@Description	Tells Rebound your platform sent the message. Only a `draft` can become `sent`; anything else answers 409 with `current_status`.
//	@ID				markFeedbackRequestSent
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string	true	"Feedback request id (frq_…)."
//	@Success		200				{object}	wire.FeedbackRequest
//	@Header			200				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such feedback request in this tenant."
//	@Failure		409				{object}	Problem	"Not a draft (see current_status)."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Failure		422				{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/feedback-requests/{id}/sent [post]
func (s *Server) markFeedbackRequestSent(c echo.Context) error {
	return s.transitionFeedbackRequest(c, model.RequestSent)
}

// cancelFeedbackRequest godoc
//
//	@Summary		Cancel a feedback request
//	@Description	Withdraws a `draft` or `sent` request; its link stops working at once. Other statuses answer 409 with `current_status`.
//	@ID				cancelFeedbackRequest
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string	true	"Feedback request id (frq_…)."
//	@Success		200				{object}	wire.FeedbackRequest
//	@Header			200				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such feedback request in this tenant."
//	@Failure		409				{object}	Problem	"Already answered, expired or cancelled (see current_status)."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Failure		422				{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/feedback-requests/{id}/cancel [post]
func (s *Server) cancelFeedbackRequest(c echo.Context) error {
	return s.transitionFeedbackRequest(c, model.RequestCancelled)
}
