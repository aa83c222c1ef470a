package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// candidateCreateRequest is the body of POST /v1/candidates.
type candidateCreateRequest struct {
	// The platform's own id for this user; unique per tenant.
	ExternalID  string         `json:"external_id" validate:"required" minLength:"1" maxLength:"200" example:"user_8412"`
	DisplayName string         `json:"display_name" maxLength:"200" example:"Dana Whitfield"`
	Email       *string        `json:"email" format:"email" maxLength:"254" example:"dana@example.com" extensions:"x-nullable"`
	Timezone    string         `json:"timezone" default:"UTC" example:"Europe/London"`
	Locale      string         `json:"locale" default:"en" example:"en-GB"`
	Metadata    model.Metadata `json:"metadata" example:"plan:pro"`
} //	@name	CandidateCreateRequest

// candidatePatchRequest documents PATCH /v1/candidates/{id}: a JSON merge-patch where an absent
// field is unchanged and null clears it (display_name, email, metadata; external_id, timezone and
// locale cannot be cleared).
type candidatePatchRequest struct {
	ExternalID  *string             `json:"external_id,omitempty" maxLength:"200" example:"user_8412"`
	DisplayName *string             `json:"display_name,omitempty" maxLength:"200" example:"Dana W." extensions:"x-nullable"`
	Email       *string             `json:"email,omitempty" format:"email" example:"dana.w@example.com" extensions:"x-nullable"`
	Timezone    *string             `json:"timezone,omitempty" example:"America/New_York"`
	Locale      *string             `json:"locale,omitempty" example:"en-US"`
	Metadata    model.MetadataPatch `json:"metadata,omitempty" example:"plan:team" extensions:"x-nullable"`
} //	@name	CandidateUpdateRequest

// candidateList is a page of candidates.
type candidateList struct {
	listEnvelope
	Data []wire.Candidate `json:"data"`
} //	@name	CandidateList

// createCandidate godoc
//
//	@Summary		Create a candidate
//	@Description	Registers one of the platform's users. `external_id` is the platform's own user id and is unique within the tenant: creating a second candidate with it answers 409 with `existing_id` naming the first, so the call doubles as a safe "find or create".
//	@ID				createCandidate
//	@Tags			Candidates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string					false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		candidateCreateRequest	true	"The candidate."
//	@Success		201				{object}	wire.Candidate
//	@Header			201				{string}	ETag		"Version of the representation, for If-Match."
//	@Header			201				{string}	Location	"Path of the new candidate."
//	@Failure		400				{object}	Problem		"Malformed JSON or body."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		409				{object}	Problem		"A candidate with this external_id exists (see existing_id), or the Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields (see errors), or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/candidates [post]
func (s *Server) createCandidate(c echo.Context) error {
	var req candidateCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		cand, err := s.app.CreateCandidate(ctx, tenantOf(c), model.Candidate{
			ExternalID: req.ExternalID, DisplayName: req.DisplayName, Email: req.Email,
			Timezone: req.Timezone, Locale: req.Locale, Metadata: req.Metadata,
		})
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromCandidate(cand), Location: location("candidates", cand.ID), CandidateID: cand.ID}, nil
	})
}

// listCandidates godoc
//
//	@Summary		List candidates
//	@Description	Lists the tenant's candidates, newest first, one page at a time. Pass `next_cursor` back as `cursor` for the next page; a cursor only works with the filters it was issued with. Filter by `external_id` to find the candidate behind one of your users. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listCandidates
//	@Tags			Candidates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			external_id		query		string	false	"Only the candidate with this external_id."
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	candidateList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		422				{object}	Problem	"Invalid query parameter (see errors)."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/candidates [get]
func (s *Server) listCandidates(c echo.Context) error {
	if err := queryParams(c, append([]string{"external_id", "limit", "cursor"}, syncParams...)...); err != nil {
		return err
	}
	tenant := tenantOf(c)
	var errs model.Errors
	filter := model.CandidateFilter{ExternalID: queryText(&errs, c, "external_id", model.MaxExternalIDLength)}
	if err := errs.Err(); err != nil {
		return err
	}
	filters := url.Values{"external_id": {filter.ExternalID}}
	page, err := s.syncListParams(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := s.app.Candidates(c.Request().Context(), tenant, filter, page)
	if err != nil {
		return err
	}
	return listing[model.Candidate, wire.Candidate]{id: func(r model.Candidate) string { return r.ID },
		changed: func(r model.Candidate) time.Time { return r.UpdatedAt }, convert: wire.FromCandidate}.render(s, c, tenant, filters, page, rows, more)
}

// getCandidate godoc
//
//	@Summary		Retrieve a candidate
//	@Description	Returns one candidate. The ETag header carries its version for If-Match and If-None-Match.
//	@ID				getCandidate
//	@Tags			Candidates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Candidate id (cand_…)."
//	@Success		200	{object}	wire.Candidate
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such candidate in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/candidates/{id} [get]
func (s *Server) getCandidate(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	cand, err := s.app.Candidate(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromCandidate(cand))
}

// updateCandidate godoc
//
//	@Summary		Update a candidate
//	@Description	Applies a JSON merge-patch (RFC 7396): absent fields stay as they are, null clears a field, and `metadata` merges key by key (a null value removes that key). Send `If-Match` with the ETag you read to refuse the write if someone changed the candidate since (412).
//	@ID				updateCandidate
//	@Tags			Candidates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string					true	"Candidate id (cand_…)."
//	@Param			If-Match	header		string					false	"ETag the change is based on."
//	@Param			body		body		candidatePatchRequest	true	"The fields to change."
//	@Success		200			{object}	wire.Candidate
//	@Header			200			{string}	ETag	"Version of the representation."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the write scope."
//	@Failure		404			{object}	Problem	"No such candidate in this tenant."
//	@Failure		409			{object}	Problem	"Another candidate has this external_id (see existing_id)."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/candidates/{id} [patch]
func (s *Server) updateCandidate(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "external_id", "display_name", "email", "timezone", "locale", "metadata")
	if err != nil {
		return err
	}
	cand, err := s.app.UpdateCandidate(c.Request().Context(), tenantOf(c), id, func(cand *model.Candidate) error {
		if err := checkIfMatch(c, wire.FromCandidate(*cand)); err != nil {
			return err
		}
		var errs model.Errors
		patch.requiredString(&errs, "external_id", &cand.ExternalID)
		patch.optionalString(&errs, "display_name", &cand.DisplayName)
		patch.nullableString(&errs, "email", &cand.Email)
		patch.requiredString(&errs, "timezone", &cand.Timezone)
		patch.requiredString(&errs, "locale", &cand.Locale)
		patch.metadata(&errs, &cand.Metadata)
		return errs.Err()
	})
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromCandidate(cand))
}

// deleteCandidate godoc
//
//	@Summary		Delete a candidate and all their data
//	@Description	Erases the candidate and everything that belongs to them — rejections and every record under them — permanently. Use it to honour an erasure request. There is no undo.
//	@ID				deleteCandidate
//	@Tags			Candidates
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Candidate id (cand_…)."
//	@Success		204	"Deleted."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such candidate in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/candidates/{id} [delete]
func (s *Server) deleteCandidate(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixCandidate)
	if err != nil {
		return err
	}
	if err := s.app.DeleteCandidate(c.Request().Context(), tenantOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
