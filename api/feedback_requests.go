package api

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// responseLinkPlaceholder stands in the stored message for the response link, which is only
// shown once (its token is kept hashed).
const responseLinkPlaceholder = "[your response link]"

// feedbackTokenPrefix starts every response-link token.
const feedbackTokenPrefix = "frt_"

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
} //	@name	FeedbackRequestCreateRequest

// messageResponse is a drafted message.
type messageResponse struct {
	Subject string `json:"subject" example:"Thank you — and one question about the Senior Backend Engineer role"`
	Body    string `json:"body" example:"Hi Priya,\n\nThank you for the final-round conversations…"`
} //	@name	Message

// recipientResponse is the person asked.
type recipientResponse struct {
	Name  string  `json:"name" example:"Priya Raman"`
	Email *string `json:"email" example:"priya.raman@northwind.example" extensions:"x-nullable"`
	Role  string  `json:"role" example:"hiring_manager"`
} //	@name	FeedbackRecipient

// feedbackRequestResponse is a feedback request as the API returns it.
type feedbackRequestResponse struct {
	Object      string            `json:"object" example:"feedback_request"`
	ID          string            `json:"id" example:"frq_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string            `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string            `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	ContactID   *string           `json:"contact_id" example:"ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" extensions:"x-nullable"`
	Recipient   recipientResponse `json:"recipient"`
	Note        string            `json:"note" example:"I especially valued the system design conversation."`
	Status      string            `json:"status" enums:"draft,sent,responded,declined,expired,cancelled" example:"draft"`
	Message     messageResponse   `json:"message"`
	// The employer's link. Returned once, when the request is created (its token is stored
	// hashed); null afterwards, when the message shows a placeholder instead.
	ResponseURL *string    `json:"response_url" example:"https://rebound.example.com/f/frt_kq3…" extensions:"x-nullable"`
	ExpiresAt   time.Time  `json:"expires_at" example:"2026-12-20T09:35:00Z"`
	SentAt      *time.Time `json:"sent_at" example:"2026-11-20T10:00:00Z" extensions:"x-nullable"`
	RespondedAt *time.Time `json:"responded_at" example:"2026-11-22T16:12:00Z" extensions:"x-nullable"`
	CreatedAt   time.Time  `json:"created_at" example:"2026-11-20T09:35:00Z"`
	UpdatedAt   time.Time  `json:"updated_at" example:"2026-11-20T09:35:00Z"`
} //	@name	FeedbackRequest

// feedbackRequestList is a page of feedback requests.
type feedbackRequestList struct {
	listEnvelope
	Data []feedbackRequestResponse `json:"data"`
} //	@name	FeedbackRequestList

func toFeedbackRequestResponse(r model.FeedbackRequest, now time.Time) feedbackRequestResponse {
	return feedbackRequestResponse{
		Object: "feedback_request", ID: r.ID, RejectionID: r.RejectionID, CandidateID: r.CandidateID, ContactID: r.ContactID,
		Recipient: recipientResponse{Name: r.RecipientName, Email: r.RecipientEmail, Role: r.RecipientRole},
		Note:      r.Note, Status: r.EffectiveStatus(now),
		Message:   messageResponse{Subject: r.MessageSubject, Body: r.MessageBody},
		ExpiresAt: r.ExpiresAt.UTC(), SentAt: utcPtr(r.SentAt), RespondedAt: utcPtr(r.RespondedAt),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// hashFeedbackToken is how a response link's token is stored and looked up.
func hashFeedbackToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// responseURL is the employer's link for a token.
func (s *Server) responseURL(token string) string { return s.publicURL + "/f/" + token }

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
//	@Success		201				{object}	feedbackRequestResponse
//	@Failure		400				{object}	Problem	"Malformed JSON."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such rejection in this tenant."
//	@Failure		409				{object}	Problem	"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem	"Body over 1 MiB."
//	@Failure		415				{object}	Problem	"Body not sent as application/json."
//	@Failure		422				{object}	Problem	"Invalid fields, an unknown contact_id, or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
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
	ctx, tenant := c.Request().Context(), tenantOf(c)
	rej, err := s.store.Rejection(ctx, tenant, rejectionID)
	if err != nil {
		return err
	}
	cand, err := s.store.Candidate(ctx, tenant, rej.CandidateID)
	if err != nil {
		return err
	}
	var errs model.Errors
	fr := model.FeedbackRequest{TenantID: tenant, ID: model.NewID(model.PrefixFeedbackRequest), RejectionID: rej.ID, CandidateID: rej.CandidateID, Note: req.Note, Status: model.RequestDraft}
	switch {
	case req.ContactID != nil && req.Recipient != nil:
		errs.Add("/contact_id", "give either contact_id or recipient, not both")
	case req.ContactID != nil:
		ct, ok := rej.Contact(*req.ContactID)
		if !ok {
			errs.Add("/contact_id", "is not a contact of this rejection")
		}
		fr.ContactID, fr.RecipientName, fr.RecipientEmail, fr.RecipientRole = req.ContactID, ct.Name, ct.Email, ct.Role
	case req.Recipient != nil:
		fr.RecipientName, fr.RecipientEmail, fr.RecipientRole = req.Recipient.Name, req.Recipient.Email, req.Recipient.Role
		if fr.RecipientRole == "" {
			fr.RecipientRole = "other"
		}
		model.CheckText(&errs, "/recipient/name", fr.RecipientName, true, model.MaxContactNameLength)
		model.CheckEnum(&errs, "/recipient/role", fr.RecipientRole, model.ContactRoles)
		if fr.RecipientEmail != nil && !model.ValidEmail(*fr.RecipientEmail) {
			errs.Add("/recipient/email", "must be a valid e-mail address")
		}
	default:
		errs.Add("/recipient", "give the recipient, or the contact_id of one of the rejection's contacts")
	}
	model.CheckText(&errs, "/note", req.Note, false, model.MaxNoteLength)
	days := model.DefaultRequestTTLDays
	if req.ExpiresInDays != nil {
		days = *req.ExpiresInDays
		if days < 1 || days > model.MaxRequestTTLDays {
			errs.Add("/expires_in_days", "must be an integer from 1 to %d", model.MaxRequestTTLDays)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	token := feedbackTokenPrefix + base64.RawURLEncoding.EncodeToString(model.RandomToken(32))
	fr.TokenHash = hashFeedbackToken(token)
	fr.ExpiresAt = store.Now().AddDate(0, 0, days)
	draft, err := messages.Compose(messages.KindFeedbackRequest, messages.DraftInput{
		Locale: cand.Locale, CandidateName: cand.DisplayName, Company: rej.Company, RoleTitle: rej.RoleTitle,
		Stage: rej.Stage, ContactName: fr.RecipientName, ContactRole: fr.RecipientRole, ResponseURL: responseLinkPlaceholder,
	})
	if errors.Is(err, messages.ErrUnsupportedLocale) {
		draft, err = messages.Compose(messages.KindFeedbackRequest, messages.DraftInput{
			CandidateName: cand.DisplayName, Company: rej.Company, RoleTitle: rej.RoleTitle,
			Stage: rej.Stage, ContactName: fr.RecipientName, ContactRole: fr.RecipientRole, ResponseURL: responseLinkPlaceholder,
		})
	}
	if err != nil {
		return err
	}
	fr.MessageSubject, fr.MessageBody = draft.Subject, draft.Body
	return s.runCreate(c, raw, func(tx *store.Store) (created, error) {
		if err := tx.CreateFeedbackRequest(ctx, &fr); err != nil {
			return created{}, err
		}
		stored := toFeedbackRequestResponse(fr, store.Now())
		if _, err := tx.RecordEvent(ctx, tenant, model.EventFeedbackRequestCreated, stored, fr.CandidateID); err != nil {
			return created{}, err
		}
		if err := s.afterFeedbackChange(ctx, tx, tenant, rej.ID, model.EventFeedbackRequestCreated); err != nil {
			return created{}, err
		}
		// Only this response carries the live link, in the field and in the message.
		body := stored
		link := s.responseURL(token)
		body.ResponseURL = &link
		body.Message.Body = strings.ReplaceAll(body.Message.Body, responseLinkPlaceholder, link)
		return created{Body: body, Location: location("feedback-requests", fr.ID), CandidateID: fr.CandidateID}, nil
	})
}

// listFeedbackRequests godoc
//
//	@Summary		List a rejection's feedback requests
//	@Description	Lists the feedback requests of one rejection, newest first. Statuses are current: a request whose link expired reads `expired` even before the sweep records it.
//	@ID				listFeedbackRequests
//	@Tags			Feedback
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Rejection id (rej_…)."
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	feedbackRequestList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		404		{object}	Problem	"No such rejection in this tenant."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/feedback-requests [get]
func (s *Server) listFeedbackRequests(c echo.Context) error {
	now := store.Now()
	return childList[model.FeedbackRequest, feedbackRequestResponse]{
		parentPrefix: model.PrefixRejection, parent: s.rejectionExists, load: s.store.FeedbackRequests,
		id:      func(r model.FeedbackRequest) string { return r.ID },
		convert: func(r model.FeedbackRequest) feedbackRequestResponse { return toFeedbackRequestResponse(r, now) },
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
//	@Success		200	{object}	feedbackRequestResponse
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
	r, err := s.store.FeedbackRequest(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, toFeedbackRequestResponse(r, store.Now()))
}

// transitionFeedbackRequest moves a request to status and records the event.
func (s *Server) transitionFeedbackRequest(c echo.Context, to, eventType string) error {
	id, err := pathID(c, "id", model.PrefixFeedbackRequest)
	if err != nil {
		return err
	}
	ctx, tenant := c.Request().Context(), tenantOf(c)
	return s.runCreate(c, nil, func(tx *store.Store) (created, error) {
		r, err := tx.UpdateFeedbackRequest(ctx, tenant, id, func(r *model.FeedbackRequest) error {
			return r.Transition(to, store.Now())
		})
		if err != nil {
			return created{}, err
		}
		out := toFeedbackRequestResponse(r, store.Now())
		if _, err := tx.RecordEvent(ctx, tenant, eventType, out, r.CandidateID); err != nil {
			return created{}, err
		}
		if err := s.afterFeedbackChange(ctx, tx, tenant, r.RejectionID, eventType); err != nil {
			return created{}, err
		}
		return created{Body: out, Status: http.StatusOK, CandidateID: r.CandidateID}, nil
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
//	@Param			id	path		string	true	"Feedback request id (frq_…)."
//	@Success		200	{object}	feedbackRequestResponse
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such feedback request in this tenant."
//	@Failure		409	{object}	Problem	"Not a draft (see current_status)."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Failure		422	{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/feedback-requests/{id}/sent [post]
func (s *Server) markFeedbackRequestSent(c echo.Context) error {
	return s.transitionFeedbackRequest(c, model.RequestSent, model.EventFeedbackRequestSent)
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
//	@Param			id	path		string	true	"Feedback request id (frq_…)."
//	@Success		200	{object}	feedbackRequestResponse
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such feedback request in this tenant."
//	@Failure		409	{object}	Problem	"Already answered, expired or cancelled (see current_status)."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Failure		422	{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/feedback-requests/{id}/cancel [post]
func (s *Server) cancelFeedbackRequest(c echo.Context) error {
	return s.transitionFeedbackRequest(c, model.RequestCancelled, model.EventFeedbackRequestCancelled)
}

// SweepExpiredFeedbackRequests records the expiry of every open request whose link has run out
// (status expired, with its event), at most limit per tenant per call. Reads already show such
// requests as expired; the sweep makes it durable and tells the platform.
func (s *Server) SweepExpiredFeedbackRequests(ctx context.Context, limit int) (int, error) {
	tenants, err := s.store.TenantIDs(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, tenant := range tenants {
		overdue, err := s.store.OverdueFeedbackRequests(ctx, tenant, store.Now(), limit)
		if err != nil {
			return n, err
		}
		for _, r := range overdue {
			err := s.store.WithTx(ctx, func(tx *store.Store) error {
				updated, err := tx.UpdateFeedbackRequest(ctx, tenant, r.ID, func(req *model.FeedbackRequest) error {
					return req.Transition(model.RequestExpired, store.Now())
				})
				if err != nil {
					return err
				}
				if _, err := tx.RecordEvent(ctx, tenant, model.EventFeedbackRequestExpired, toFeedbackRequestResponse(updated, store.Now()), updated.CandidateID); err != nil {
					return err
				}
				return s.afterFeedbackChange(ctx, tx, tenant, updated.RejectionID, model.EventFeedbackRequestExpired)
			})
			var te *model.TransitionError
			if errors.As(err, &te) {
				continue // answered or cancelled meanwhile
			}
			if err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
