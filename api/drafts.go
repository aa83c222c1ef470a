package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
)

// draftResponse is a drafted message.
type draftResponse struct {
	Object string `json:"object" example:"message_draft"`
	Kind   string `json:"kind" enums:"thank-you,feedback-request,continued-interest,check-in,contract-inquiry,status-follow-up,feedback-thanks" example:"thank-you"`
	messages.Draft
	// Fits is false when another kind suits the rejection better — asking for feedback that
	// already arrived, thanking for a decision that was never sent — and Advice says which, in
	// the draft's language. The draft itself is still true to the situation.
	Fits   bool   `json:"fits" example:"true"`
	Advice string `json:"advice" example:""`
} //	@name	MessageDraft

// toneCheckRequest is the body of POST /v1/tone-checks.
type toneCheckRequest struct {
	Text string `json:"text" validate:"required" maxLength:"20000" example:"Thank you for letting me know. I demand an explanation for this UNFAIR decision!!"`
	// Locale is the language the text is meant to be in (a BCP 47 tag). The text's own language
	// wins when it is clearly another; a text too short to tell is checked in this one (English
	// when absent). A text in a language the check does not know answers unsupported_language.
	Locale string `json:"locale" maxLength:"35" example:"en-GB"`
} //	@name	ToneCheckRequest

// toneCheckResponse is the verdict.
type toneCheckResponse struct {
	Object string `json:"object" example:"tone_check"`
	messages.ToneResult
} //	@name	ToneCheckResult

// getDraft godoc
//
//	@Summary		Draft a message
//	@Description	Drafts a short message the candidate can send after this rejection, filled from it (company, role, stage, how it came, the reason, the contact's name and title): `thank-you`, `feedback-request`, `continued-interest` (keen on future openings), `check-in` (a brief hello weeks later), `contract-inquiry` (open to contract, part-time, locum, bank or supply work, as the sector has it), `status-follow-up` (one polite question when the employer never answered) or `feedback-thanks` (after feedback arrived). Drafts are written in the candidate's language (English, Spanish, French or German, formal register; `locale` says which, `locale_fallback` that the candidate's is not one of them), stay true to the situation (a ghosted candidate never thanks anyone for a decision), greet people by their title where the language expects it, and pass the tone check. `fits` is false, with `advice`, when another kind suits the rejection better. Pass `contact_id` to address one of the rejection's contacts.
//	@ID				getDraft
//	@Tags			Messages
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Rejection id (rej_…)."
//	@Param			kind		path		string	true	"Kind of message."	Enums(thank-you,feedback-request,continued-interest,check-in,contract-inquiry,status-follow-up,feedback-thanks)
//	@Param			contact_id	query		string	false	"Address this contact of the rejection."
//	@Success		200			{object}	draftResponse
//	@Header			200			{string}	ETag	"Version of the representation."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the read scope."
//	@Failure		404			{object}	Problem	"No such rejection in this tenant, or no such kind."
//	@Failure		422			{object}	Problem	"contact_id is not a contact of this rejection."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/drafts/{kind} [get]
func (s *Server) getDraft(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	kind, ok := messages.ParseKind(c.Param("kind"))
	if !ok {
		return newProblem(probNotFound, "No such draft kind; use thank-you, feedback-request, continued-interest, check-in, contract-inquiry, status-follow-up or feedback-thanks.")
	}
	if err := queryParams(c, "contact_id"); err != nil {
		return err
	}
	var errs model.Errors
	contactID := queryID(&errs, c, "contact_id", model.PrefixContact, "a contact")
	if err := errs.Err(); err != nil {
		return err
	}
	d, err := s.app.ComposeDraft(c.Request().Context(), tenantOf(c), id, kind, contactID)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, draftResponse{Object: "message_draft", Kind: string(d.Kind), Draft: d.Draft, Fits: d.Fits, Advice: d.Why})
}

// createToneCheck godoc
//
//	@Summary		Check a message's tone
//	@Description	Reviews a message the candidate wrote before they send it, in English, Spanish, French or German: length (over 200 words), hostile or accusatory phrasing, blame, demands, shouting in capitals, stacked punctuation, harsh self-talk, sarcasm and passive aggression, begging, pushy follow-ups with deadlines, and threats of legal action (which get their own advice: raise it through the proper channel, not in a reply). Each finding gives the excerpt, its position in Unicode code points (`start` inclusive, `end` exclusive) and a suggestion in the text's language. `language` is the language it was checked in and `detected_language` the one the text reads as; a text in another language answers `unsupported_language`. The rules are a fixed, documented table, not a model: `ok` means no rule matched, not that the text reads well. Nothing is stored.
//	@ID				createToneCheck
//	@Tags			Messages
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		toneCheckRequest	true	"The text to check."
//	@Success		200		{object}	toneCheckResponse
//	@Failure		400		{object}	Problem	"Malformed JSON."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the write scope."
//	@Failure		413		{object}	Problem	"Body over 1 MiB."
//	@Failure		415		{object}	Problem	"Body not sent as application/json."
//	@Failure		422		{object}	Problem	"Missing, empty or over-long text."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/tone-checks [post]
func (s *Server) createToneCheck(c echo.Context) error {
	var req toneCheckRequest
	if _, err := decodeJSON(c, &req); err != nil {
		return err
	}
	var errs model.Errors
	model.CheckText(&errs, "/text", req.Text, true, messages.MaxToneTextLength)
	if req.Locale != "" && !model.ValidLocale(req.Locale) {
		errs.Add("/locale", "must be a BCP 47 language tag such as en or es-MX")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toneCheckResponse{Object: "tone_check", ToneResult: messages.CheckToneIn(req.Text, req.Locale)})
}
