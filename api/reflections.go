package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/wire"
)

// reflectionCreateRequest is the body of POST /v1/rejections/{id}/reflections. Answers are
// decoded per prompt, against the catalogue version named.
type reflectionCreateRequest struct {
	PromptVersion string                     `json:"prompt_version"`
	Answers       map[string]json.RawMessage `json:"answers"`
}

// reflectionAnswers documents the answers of catalogue 2026-11-01 for the OpenAPI document and
// generated clients; GET /v1/reflection-prompts is the authoritative list.
type reflectionAnswers struct {
	Mood              int      `json:"mood" validate:"required" minimum:"1" maximum:"5" example:"2"`
	Preparation       *int     `json:"preparation,omitempty" minimum:"1" maximum:"5" example:"3"`
	SurpriseQuestions []string `json:"surprise_questions,omitempty" maxItems:"20" example:"Walk me through a system you scaled"`
	SkillGaps         []string `json:"skill_gaps,omitempty" maxItems:"20" example:"system design depth"`
	AnswerClarity     *int     `json:"answer_clarity,omitempty" minimum:"1" maximum:"5" example:"2"`
	CompanyResearch   *int     `json:"company_research,omitempty" minimum:"1" maximum:"5" example:"4"`
	Nerves            *int     `json:"nerves,omitempty" minimum:"1" maximum:"5" example:"4"`
	WentWell          *string  `json:"went_well,omitempty" maxLength:"2000" example:"The coding exercise went smoothly."`
	DoDifferently     *string  `json:"do_differently,omitempty" maxLength:"2000" example:"Sketch the architecture before diving into details."`
	RoleFit           *bool    `json:"role_fit,omitempty" example:"true"`
	NewDirections     []string `json:"new_directions,omitempty" maxItems:"20" example:"platform engineering"`
} //	@name	ReflectionAnswers

// reflectionCreateBody documents POST /v1/rejections/{id}/reflections.
type reflectionCreateBody struct {
	PromptVersion string            `json:"prompt_version" example:"2026-11-01"`
	Answers       reflectionAnswers `json:"answers" validate:"required"`
} //	@name	ReflectionCreateRequest

// reflectionAnswersPatch documents the answers of a PATCH: only the answers that change, and a
// null clears an optional answer.
type reflectionAnswersPatch struct {
	Mood              *int     `json:"mood,omitempty" minimum:"1" maximum:"5" example:"3"`
	Preparation       *int     `json:"preparation,omitempty" minimum:"1" maximum:"5" example:"3" extensions:"x-nullable"`
	SurpriseQuestions []string `json:"surprise_questions,omitempty" maxItems:"20" example:"Walk me through a system you scaled" extensions:"x-nullable"`
	SkillGaps         []string `json:"skill_gaps,omitempty" maxItems:"20" example:"system design depth" extensions:"x-nullable"`
	AnswerClarity     *int     `json:"answer_clarity,omitempty" minimum:"1" maximum:"5" example:"2" extensions:"x-nullable"`
	CompanyResearch   *int     `json:"company_research,omitempty" minimum:"1" maximum:"5" example:"4" extensions:"x-nullable"`
	Nerves            *int     `json:"nerves,omitempty" minimum:"1" maximum:"5" example:"2" extensions:"x-nullable"`
	WentWell          *string  `json:"went_well,omitempty" maxLength:"2000" example:"The coding exercise went smoothly." extensions:"x-nullable"`
	DoDifferently     *string  `json:"do_differently,omitempty" maxLength:"2000" example:"Sketch the architecture before diving into details." extensions:"x-nullable"`
	RoleFit           *bool    `json:"role_fit,omitempty" example:"true" extensions:"x-nullable"`
	NewDirections     []string `json:"new_directions,omitempty" maxItems:"20" example:"platform engineering" extensions:"x-nullable"`
} //	@name	ReflectionAnswersUpdate

// reflectionPatchBody documents PATCH /v1/reflections/{id}: answers merge key by key, a null
// clears an answer (not the required ones).
type reflectionPatchBody struct {
	Answers reflectionAnswersPatch `json:"answers"`
} //	@name	ReflectionUpdateRequest

// reflectionList is a page of reflections.
type reflectionList struct {
	listEnvelope
	Data []wire.Reflection `json:"data"`
} //	@name	ReflectionList

// getReflectionPrompts godoc
//
//	@Summary		Get the reflection prompts
//	@Description	The versioned catalogue of reflection prompts: mood, preparation for the questions asked, surprise questions, skill gaps, clarity of answers, research on the organisation, nerves, what went well, what to change, fit with the candidate's goals and new directions. Each has a key, a question, help text, a kind (scale_1_5, text, list, boolean) and whether it is required. Reflections answer a named version, so old answers stay valid when the catalogue changes.
//	@ID				getReflectionPrompts
//	@Tags			Reflections
//	@Produce		json
//	@Security		BearerAuth
//	@Param			locale	query		string	false	"BCP 47 language tag of the questions and help texts (en, es, fr, de; regions such as es-MX resolve to their language; anything else is English)."	default(en)
//	@Success		200		{object}	recovery.Catalogue
//	@Header			200		{string}	ETag	"Version of the representation."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/reflection-prompts [get]
func (s *Server) getReflectionPrompts(c echo.Context) error {
	if err := queryParams(c, "locale"); err != nil {
		return err
	}
	var errs model.Errors
	tag := queryText(&errs, c, "locale", model.MaxLocaleLength)
	if tag != "" && !model.ValidLocale(tag) {
		errs.Add("locale", "must be a BCP 47 language tag such as en or es-MX")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, recovery.CurrentCatalogueIn(tag))
}

// createReflection godoc
//
//	@Summary		Record a reflection
//	@Description	Stores the candidate's answers to the reflection prompts for this rejection, validated against the catalogue version named by `prompt_version` (default: the current one). Unknown keys, wrong kinds and out-of-range scales answer 422 naming the prompt. A candidate may reflect more than once (say on day 1 and day 7); each is kept, and the recovery plan is regenerated from the answers (a very low mood spaces the plan out, gaps become learning steps, nerves or unclear answers add interview practice).
//	@ID				createReflection
//	@Tags			Reflections
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string					true	"Rejection id (rej_…)."
//	@Param			Idempotency-Key	header		string					false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		reflectionCreateBody	true	"The answers."
//	@Success		201				{object}	wire.Reflection
//	@Header			201				{string}	ETag		"Version of the representation."
//	@Header			201				{string}	Location	"Path of the new resource."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		404				{object}	Problem		"No such rejection in this tenant."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid answers (see errors, one per prompt), or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/rejections/{id}/reflections [post]
func (s *Server) createReflection(c echo.Context) error {
	rejectionID, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	var req reflectionCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		r, err := s.app.RecordReflection(ctx, tenantOf(c), rejectionID, req.PromptVersion, req.Answers)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromReflection(r), Location: location("reflections", r.ID), CandidateID: r.CandidateID, RejectionID: r.RejectionID}, nil
	})
}

// listReflections godoc
//
//	@Summary		List a rejection's reflections
//	@Description	Lists the reflections recorded for one rejection, newest first. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listReflections
//	@Tags			Reflections
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string	true	"Rejection id (rej_…)."
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	reflectionList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		404				{object}	Problem	"No such rejection in this tenant."
//	@Failure		422				{object}	Problem	"Invalid query parameter."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id}/reflections [get]
func (s *Server) listReflections(c echo.Context) error {
	return childList[model.Reflection, wire.Reflection]{
		parentPrefix: model.PrefixRejection, load: s.app.Reflections,
		listing: listing[model.Reflection, wire.Reflection]{id: func(r model.Reflection) string { return r.ID },
			changed: func(r model.Reflection) time.Time { return r.UpdatedAt }, convert: wire.FromReflection},
	}.serve(s, c)
}

// getReflection godoc
//
//	@Summary		Retrieve a reflection
//	@Description	Returns one reflection with its answers.
//	@ID				getReflection
//	@Tags			Reflections
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Reflection id (rfl_…)."
//	@Success		200	{object}	wire.Reflection
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such reflection in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/reflections/{id} [get]
func (s *Server) getReflection(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixReflection)
	if err != nil {
		return err
	}
	r, err := s.app.Reflection(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromReflection(r))
}

// updateReflection godoc
//
//	@Summary		Update a reflection
//	@Description	Merges changed answers into the reflection (JSON merge-patch on `answers`: a null clears an optional answer) and regenerates the recovery plan. Honours `If-Match`.
//	@ID				updateReflection
//	@Tags			Reflections
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string				true	"Reflection id (rfl_…)."
//	@Param			If-Match	header		string				false	"ETag the change is based on."
//	@Param			body		body		reflectionPatchBody	true	"Changed answers."
//	@Success		200			{object}	wire.Reflection
//	@Header			200			{string}	ETag	"Version of the representation."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the write scope."
//	@Failure		404			{object}	Problem	"No such reflection in this tenant."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid answers (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/reflections/{id} [patch]
func (s *Server) updateReflection(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixReflection)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "answers")
	if err != nil {
		return err
	}
	var changes map[string]json.RawMessage
	var errs model.Errors
	if patch.isNull("answers") {
		errs.Add("/answers", "cannot be null")
	} else {
		patch.decode(&errs, "answers", &changes)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	r, err := s.app.UpdateReflection(c.Request().Context(), tenantOf(c), id, func(r model.Reflection) error {
		return checkIfMatch(c, wire.FromReflection(r))
	}, changes)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromReflection(r))
}
