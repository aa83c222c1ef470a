package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// The employer's side of a feedback request: a small server-rendered page at /f/{token} and the
// same thing in JSON under /v1/public/feedback-requests/{token}. No API key: the unguessable,
// single-use, expiring token in the link is the credential, and it only ever reveals its own
// request.

//go:embed public/*.html public/style.css
var publicFiles embed.FS

var publicTemplates = template.Must(template.ParseFS(publicFiles, "public/*.html"))

// publicCSP allows the page nothing but its own stylesheet and posting back to itself.
const publicCSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// nonceLifetime bounds how long a rendered form can be submitted.
const nonceLifetime = 2 * time.Hour

// publicFormMaxBytes bounds the form body.
const publicFormMaxBytes = 64 << 10

// publicView is the request as its recipient may see it.
type publicView = app.PublicRequest

// lookupToken finds the open request a token names.
func (s *Server) lookupToken(ctx context.Context, token string) (publicView, error) {
	return s.app.OpenFeedbackRequest(ctx, token)
}

// formNonce binds a rendered form to its token and render time, so a form can only be posted
// back to the link it came from, and not long after.
func (s *Server) formNonce(token string, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	m := hmac.New(sha256.New, s.cursorKey)
	m.Write([]byte("feedback-form\x00" + token + "\x00" + ts))
	return ts + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Server) validNonce(token, nonce string, now time.Time) bool {
	ts, _, ok := strings.Cut(nonce, ".")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil {
		return false
	}
	at := time.Unix(secs, 0)
	if now.Sub(at) > nonceLifetime || at.After(now.Add(time.Minute)) {
		return false
	}
	return hmac.Equal([]byte(nonce), []byte(s.formNonce(token, at)))
}

// formRow is one strength or improvement row of the form, with its labels in the page's
// language.
type formRow struct{ Category, Detail, AreaLabel, DetailLabel string }

// pageLink is one choice of the language switch.
type pageLink struct {
	Lang, Label, Href string
	Current           bool
}

// pageChrome is what every public page shows around its content: the language, the switch and
// the footer saying who receives the answer.
type pageChrome struct {
	Lang, Title, LanguageLabel, Footer string
	Languages                          []pageLink
}

// formPage is the form, every string already in the page's language.
type formPage struct {
	pageChrome
	Token, Nonce, Note                                                          string
	Lead                                                                        template.HTML
	Requirements, NoteLabel, ErrorsHeading, StrengthsLegend, ImprovementsLegend string
	SummaryLabel, AuthorNameLabel, AuthorRoleLabel, SubmitButton, DeclineButton string
	Summary, AuthorName, AuthorRole                                             string
	Strengths, Improvements                                                     []formRow
	Categories                                                                  []messages.PageOption
	Errors                                                                      []string
}

// messagePage is a page with a title and one message.
type messagePage struct {
	pageChrome
	Message string
}

func (s *Server) renderPublic(c echo.Context, status int, name string, data any) error {
	h := c.Response().Header()
	h.Set("Content-Security-Policy", publicCSP)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	var b strings.Builder
	if err := publicTemplates.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	return c.HTML(status, b.String())
}

// pageLanguage is the page's language: the one the visitor picked with the switch (?lang=, or
// the form's hidden field), else the request's own locale, else the candidate's.
func pageLanguage(c echo.Context, v *publicView) messages.PageText {
	tag := c.QueryParam("lang")
	if tag == "" {
		tag = c.FormValue("lang")
	}
	if tag == "" && v != nil {
		tag = v.Request.Locale
		if tag == "" {
			tag = v.Candidate.Locale
		}
	}
	if tag != "" && !model.ValidLocale(tag) {
		tag = ""
	}
	return messages.FeedbackPageText(tag)
}

// chrome fills the parts every page shares.
func chrome(c echo.Context, t messages.PageText, title string) pageChrome {
	out := pageChrome{Lang: t.Lang, Title: title, LanguageLabel: t.LanguageLabel, Footer: t.Footer}
	for _, l := range t.Languages {
		out.Languages = append(out.Languages, pageLink{Lang: l.Value, Label: l.Label, Href: c.Request().URL.Path + "?lang=" + l.Value, Current: l.Value == t.Lang})
	}
	return out
}

func (s *Server) message(c echo.Context, status int, t messages.PageText, title, msg string) error {
	return s.renderPublic(c, status, "message.html", messagePage{pageChrome: chrome(c, t, title), Message: msg})
}

// publicErrorPage answers a token that cannot be used, revealing nothing about other requests.
func (s *Server) publicErrorPage(c echo.Context, err error) error {
	t := pageLanguage(c, nil)
	switch {
	case errors.Is(err, app.ErrTokenUsed):
		return s.message(c, http.StatusGone, t, t.AlreadyAnsweredTitle, t.AlreadyAnsweredMessage)
	case errors.Is(err, app.ErrTokenExpired):
		return s.message(c, http.StatusGone, t, t.ExpiredTitle, t.ExpiredMessage)
	case errors.Is(err, app.ErrTokenUnknown):
		return s.message(c, http.StatusNotFound, t, t.NotFoundTitle, t.NotFoundMessage)
	}
	return err
}

// candidateName is how the JSON endpoint names the candidate when the platform gave no name.
func candidateName(c model.Candidate) string {
	if c.DisplayName != "" {
		return c.DisplayName
	}
	return "The candidate"
}

// fill puts the request's names into a page string.
func fill(t messages.PageText, str string, v publicView, n int) string {
	return t.Fill(str, messages.PageVars{Candidate: v.Candidate.DisplayName, Role: v.Rejection.RoleTitle, Company: v.Rejection.Company, N: n})
}

// defaultRows are the form's rows and the area each starts on.
var (
	defaultStrengths    = []string{"skills", "communication"}
	defaultImprovements = []string{"technical_depth", "interview_performance", "experience"}
)

func (s *Server) newFormPage(c echo.Context, token string, v publicView, t messages.PageText) formPage {
	// The lead wraps the role and company in <strong>: the text and the values are escaped
	// first, then the markup is added around the values.
	esc := template.HTMLEscapeString
	lead := t.Fill(esc(t.Lead), messages.PageVars{Candidate: esc(v.Candidate.DisplayName),
		Role: "<strong>" + esc(v.Rejection.RoleTitle) + "</strong>", Company: "<strong>" + esc(v.Rejection.Company) + "</strong>"})
	page := formPage{
		pageChrome: chrome(c, t, fill(t, t.FormTitle, v, 0)), Token: token, Nonce: s.formNonce(token, time.Now()), Note: v.Request.Note,
		Lead: template.HTML(lead), Requirements: t.Requirements, NoteLabel: t.NoteLabel, ErrorsHeading: t.ErrorsHeading,
		StrengthsLegend: t.StrengthsLegend, ImprovementsLegend: t.ImprovementsLegend, SummaryLabel: t.SummaryLabel,
		AuthorNameLabel: t.AuthorNameLabel, AuthorRoleLabel: t.AuthorRoleLabel, SubmitButton: t.SubmitButton, DeclineButton: t.DeclineButton,
		Categories: t.Categories,
	}
	for i, cat := range defaultStrengths {
		page.Strengths = append(page.Strengths, formRow{Category: cat, AreaLabel: fill(t, t.StrengthArea, v, i+1), DetailLabel: fill(t, t.StrengthDetail, v, i+1)})
	}
	for i, cat := range defaultImprovements {
		page.Improvements = append(page.Improvements, formRow{Category: cat, AreaLabel: fill(t, t.ImprovementArea, v, i+1), DetailLabel: fill(t, t.ImprovementDetail, v, i+1)})
	}
	return page
}

// showFeedbackForm godoc
//
//	@Summary		The feedback page
//	@Description	The page the link in a feedback request opens: a plain, accessible HTML form (no JavaScript) for the person asked. It is for browsers; platforms with their own form use the JSON endpoints under /v1/public. An answered, expired or withdrawn link shows a page saying so (410), an unknown one 404. Rate-limited per token and per client address.
//	@ID				showFeedbackForm
//	@Tags			Public
//	@Produce		html,json
//	@Param			token	path		string	true	"The response link's token (frt_…)."
//	@Success		200		{string}	string	"The form."
//	@Failure		404		{string}	string	"Page: the link is not valid."
//	@Failure		410		{string}	string	"Page: already answered, expired or withdrawn."
//	@Failure		429		{object}	Problem	"Too many requests for this token or address."
//	@Failure		500		{object}	Problem	"Server error."
//	@Failure		503		{object}	Problem	"The request could not finish in time; retry after Retry-After."
//	@Router			/f/{token} [get]
func (s *Server) showFeedbackForm(c echo.Context) error {
	token := c.Param("token")
	v, err := s.lookupToken(c.Request().Context(), token)
	if err != nil {
		return s.publicErrorPage(c, err)
	}
	return s.renderPublic(c, http.StatusOK, "form.html", s.newFormPage(c, token, v, pageLanguage(c, &v)))
}

// submitFeedbackForm godoc
//
//	@Summary		Submit the feedback page
//	@Description	What the feedback page posts: the answer, or `action=decline`. The nonce binds the post to a page rendered for this link within the last two hours. Answers a thank-you page; a missing or stale nonce a page asking to reload (403); an empty or invalid answer the form again with the problems listed (422).
//	@ID				submitFeedbackForm
//	@Tags			Public
//	@Accept			x-www-form-urlencoded
//	@Produce		html,json
//	@Param			token					path		string		true	"The response link's token (frt_…)."
//	@Param			nonce					formData	string		true	"The nonce of the rendered form."
//	@Param			action					formData	string		false	"respond (the default) or decline."	Enums(respond,decline)
//	@Param			summary					formData	string		false	"A comment."
//	@Param			author_name				formData	string		false	"Who answers."
//	@Param			author_role				formData	string		false	"Their role."
//	@Param			strength_category		formData	[]string	false	"The area of each strength row."	collectionFormat(multi)
//	@Param			strength_detail			formData	[]string	false	"The text of each strength row."	collectionFormat(multi)
//	@Param			improvement_category	formData	[]string	false	"The area of each improvement row."	collectionFormat(multi)
//	@Param			improvement_detail		formData	[]string	false	"The text of each improvement row."	collectionFormat(multi)
//	@Success		200						{string}	string		"Page: thank you."
//	@Failure		403						{string}	string		"Page: the form expired or did not come from this link."
//	@Failure		404						{string}	string		"Page: the link is not valid."
//	@Failure		410						{string}	string		"Page: already answered, expired or withdrawn."
//	@Failure		413						{string}	string		"Page: the answer is too long."
//	@Failure		422						{string}	string		"The form again, listing what to fix."
//	@Failure		429						{object}	Problem		"Too many requests for this token or address."
//	@Failure		500						{object}	Problem		"Server error."
//	@Failure		503						{object}	Problem		"The request could not finish in time; retry after Retry-After."
//	@Router			/f/{token} [post]
func (s *Server) submitFeedbackForm(c echo.Context) error {
	token := c.Param("token")
	ctx := c.Request().Context()
	v, err := s.lookupToken(ctx, token)
	if err != nil {
		return s.publicErrorPage(c, err)
	}
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, publicFormMaxBytes)
	if err := c.Request().ParseForm(); err != nil {
		t := pageLanguage(c, &v)
		return s.message(c, http.StatusRequestEntityTooLarge, t, t.TooLongTitle, t.TooLongMessage)
	}
	form := c.Request().PostForm
	t := pageLanguage(c, &v)
	if !s.validNonce(token, form.Get("nonce"), time.Now()) {
		return s.message(c, http.StatusForbidden, t, t.ReloadTitle, t.ReloadMessage)
	}
	resp := app.PublicAnswer{Declined: form.Get("action") == "decline"}
	page := s.newFormPage(c, token, v, t)
	if !resp.Declined {
		resp.Summary, resp.AuthorName, resp.AuthorRole = strings.TrimSpace(form.Get("summary")), strings.TrimSpace(form.Get("author_name")), strings.TrimSpace(form.Get("author_role"))
		page.Summary, page.AuthorName, page.AuthorRole = resp.Summary, resp.AuthorName, resp.AuthorRole
		page.Strengths = formRows(form["strength_category"], form["strength_detail"], page.Strengths)
		page.Improvements = formRows(form["improvement_category"], form["improvement_detail"], page.Improvements)
		for _, row := range page.Strengths {
			if row.Detail != "" {
				resp.Items = append(resp.Items, model.FeedbackItem{Category: row.Category, Polarity: "strength", Detail: row.Detail})
			}
		}
		for _, row := range page.Improvements {
			if row.Detail != "" {
				resp.Items = append(resp.Items, model.FeedbackItem{Category: row.Category, Polarity: "improvement", Detail: row.Detail})
			}
		}
	}
	_, err = s.app.RespondToFeedbackRequest(ctx, v, resp)
	var ve *model.ValidationError
	switch {
	case errors.As(err, &ve):
		for _, fe := range ve.Errors {
			page.Errors = append(page.Errors, formError(t, fe))
		}
		return s.renderPublic(c, http.StatusUnprocessableEntity, "form.html", page)
	case err != nil:
		return s.publicErrorPage(c, err)
	}
	if resp.Declined {
		return s.message(c, http.StatusOK, t, t.DeclinedTitle, fill(t, t.DeclinedMessage, v, 0))
	}
	return s.message(c, http.StatusOK, t, t.RespondedTitle, fill(t, t.RespondedMessage, v, 0))
}

// formRows pairs the posted category and detail lists back into rows, keeping the page's rows
// and their labels.
func formRows(categories, details []string, defaults []formRow) []formRow {
	out := make([]formRow, len(defaults))
	copy(out, defaults)
	for i := range out {
		if i < len(categories) && categories[i] != "" {
			out[i].Category = categories[i]
		}
		if i < len(details) {
			out[i].Detail = strings.TrimSpace(details[i])
		}
	}
	return out
}

// formError words a validation error for the page, in its language.
func formError(t messages.PageText, fe model.FieldError) string {
	switch {
	case strings.HasSuffix(fe.Pointer, "/category"):
		return t.ErrorCategory
	case fe.Pointer == "/summary" && strings.Contains(fe.Detail, "at least one"):
		return t.ErrorNothingGiven
	}
	return t.ErrorInvalidField
}

// publicFeedbackRequestResponse is what the JSON endpoint shows the recipient.
type publicFeedbackRequestResponse struct {
	Object        string    `json:"object" example:"public_feedback_request"`
	CandidateName string    `json:"candidate_name" example:"Dana Whitfield"`
	Company       string    `json:"company" example:"Northwind Analytics"`
	RoleTitle     string    `json:"role_title" example:"Senior Backend Engineer"`
	RecipientName string    `json:"recipient_name" example:"Priya Raman"`
	Note          string    `json:"note" example:"I especially valued the system design conversation."`
	ExpiresAt     time.Time `json:"expires_at" example:"2026-12-20T09:35:00Z"`
	Categories    []string  `json:"categories" example:"skills,experience,interview_performance"`
	Polarities    []string  `json:"polarities" example:"strength,improvement,neutral"`
} //	@name	PublicFeedbackRequest

// publicResponseRequest is the body of POST /v1/public/feedback-requests/{token}/response:
// either feedback, or {"declined": true}.
type publicResponseRequest struct {
	Declined   bool                `json:"declined" example:"false"`
	Summary    string              `json:"summary" maxLength:"5000" example:"Strong coding; go deeper on system design trade-offs."`
	AuthorName string              `json:"author_name" maxLength:"200" example:"Priya Raman"`
	AuthorRole string              `json:"author_role" maxLength:"200" example:"Engineering Manager"`
	Items      []wire.FeedbackItem `json:"items" maxItems:"30"`
} //	@name	PublicFeedbackResponseRequest

// publicResponseReceipt confirms an answer.
type publicResponseReceipt struct {
	Object string `json:"object" example:"feedback_response_receipt"`
	Status string `json:"status" enums:"responded,declined" example:"responded"`
} //	@name	PublicFeedbackResponseReceipt

func (s *Server) publicProblem(err error) error {
	switch {
	case errors.Is(err, app.ErrTokenUsed):
		return newProblem(probGone, "This feedback request has already been answered.")
	case errors.Is(err, app.ErrTokenExpired):
		return newProblem(probGone, "This feedback link has expired or was withdrawn.")
	case errors.Is(err, app.ErrTokenUnknown):
		return newProblem(probNotFound, "No feedback request has this token.")
	}
	return err
}

// getPublicFeedbackRequest godoc
//
//	@Summary		Read a feedback request by its link token
//	@Description	For platforms that build their own response UI. No API key: the token (the last path segment of `response_url`) is the credential. Shows only what the recipient needs: who is asking, for which role, and the answer vocabulary. A used link answers 410; an expired or cancelled one 410; an unknown one 404. Rate-limited per token and per client address.
//	@ID				getPublicFeedbackRequest
//	@Tags			Public
//	@Produce		json
//	@Param			token	path		string	true	"The response link's token (frt_…)."
//	@Success		200		{object}	publicFeedbackRequestResponse
//	@Failure		404		{object}	Problem	"Unknown token."
//	@Failure		410		{object}	Problem	"Already answered, expired or cancelled."
//	@Failure		429		{object}	Problem	"Too many requests for this token or address."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/public/feedback-requests/{token} [get]
func (s *Server) getPublicFeedbackRequest(c echo.Context) error {
	v, err := s.lookupToken(c.Request().Context(), c.Param("token"))
	if err != nil {
		return s.publicProblem(err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, publicFeedbackRequestResponse{
		Object: "public_feedback_request", CandidateName: candidateName(v.Candidate), Company: v.Rejection.Company,
		RoleTitle: v.Rejection.RoleTitle, RecipientName: v.Request.RecipientName, Note: v.Request.Note,
		ExpiresAt: v.Request.ExpiresAt.UTC(), Categories: model.FeedbackCategories, Polarities: model.FeedbackPolarities,
	})
}

// respondToFeedbackRequest godoc
//
//	@Summary		Answer a feedback request by its link token
//	@Description	Records the recipient's feedback (summary and/or items) or `{"declined": true}`. The link is single-use: the first answer wins, later ones get 410. No API key; the token is the credential.
//	@ID				respondToFeedbackRequest
//	@Tags			Public
//	@Accept			json
//	@Produce		json
//	@Param			token	path		string					true	"The response link's token (frt_…)."
//	@Param			body	body		publicResponseRequest	true	"The answer."
//	@Success		201		{object}	publicResponseReceipt
//	@Failure		400		{object}	Problem	"Malformed JSON."
//	@Failure		404		{object}	Problem	"Unknown token."
//	@Failure		410		{object}	Problem	"Already answered, expired or cancelled."
//	@Failure		413		{object}	Problem	"Body over 1 MiB."
//	@Failure		415		{object}	Problem	"Body not sent as application/json."
//	@Failure		422		{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429		{object}	Problem	"Too many requests for this token or address."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/public/feedback-requests/{token}/response [post]
func (s *Server) respondToFeedbackRequest(c echo.Context) error {
	var req publicResponseRequest
	if _, err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.lookupToken(ctx, c.Param("token"))
	if err != nil {
		return s.publicProblem(err)
	}
	if req.Declined && (req.Summary != "" || len(req.Items) > 0) {
		return validationProblem([]model.FieldError{{Pointer: "/declined", Detail: "a declined answer carries no feedback; send one or the other"}})
	}
	resp := app.PublicAnswer{Declined: req.Declined, Summary: req.Summary, AuthorName: req.AuthorName, AuthorRole: req.AuthorRole, Items: wire.ToFeedbackItems(req.Items)}
	if _, err := s.app.RespondToFeedbackRequest(ctx, v, resp); err != nil {
		return s.publicProblem(err)
	}
	status := model.RequestResponded
	if req.Declined {
		status = model.RequestDeclined
	}
	return c.JSON(http.StatusCreated, publicResponseReceipt{Object: "feedback_response_receipt", Status: status})
}

// servePublicStyle godoc
//
//	@Summary		The feedback page's stylesheet
//	@Description	The only asset of the feedback page, served from the binary.
//	@ID				getFeedbackPageStyle
//	@Tags			Public
//	@Produce		text/css
//	@Success		200	{string}	string	"The stylesheet."
//	@Router			/f/assets/style.css [get]
func servePublicStyle(c echo.Context) error {
	b, _ := publicFiles.ReadFile("public/style.css")
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", b)
}

// publicLimiter limits the unauthenticated endpoints per token and per client address, so a
// link cannot be hammered and an address cannot sweep tokens.
type publicLimiter struct {
	perToken, perAddress *rateLimiter
}

func newPublicLimiter() *publicLimiter {
	return &publicLimiter{perToken: newRateLimiter(0.2, 10), perAddress: newRateLimiter(1, 60)}
}

func (p *publicLimiter) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		now := time.Now()
		for _, check := range []struct {
			l   *rateLimiter
			key string
		}{{p.perAddress, "ip:" + c.RealIP()}, {p.perToken, "token:" + app.HashFeedbackToken(c.Param("token"))}} {
			if ok, _, wait := check.l.take(check.key, now); !ok {
				secs := int(wait.Seconds()) + 1
				c.Response().Header().Set(echo.HeaderRetryAfter, strconv.Itoa(secs))
				return newProblem(probRateLimited, "Too many requests for this link or from this address. Retry after %d second%s.", secs, plural(secs))
			}
		}
		return next(c)
	}
}
