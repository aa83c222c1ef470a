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

// contactRequest is a person met during the process. In a PATCH, sending a contact's id keeps
// that contact (and its id); contacts without an id are new.
type contactRequest struct {
	ID    *string `json:"id,omitempty" example:"ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Name  string  `json:"name" validate:"required" maxLength:"200" example:"Priya Raman"`
	Role  string  `json:"role" validate:"required" enums:"recruiter,hiring_manager,interviewer,hr,other" example:"hiring_manager"`
	Email *string `json:"email,omitempty" format:"email" example:"priya.raman@northwind.example"`
} //	@name	ContactInput

// rejectionCreateRequest is the body of POST /v1/rejections.
type rejectionCreateRequest struct {
	CandidateID     string           `json:"candidate_id" validate:"required" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Company         string           `json:"company" validate:"required" maxLength:"200" example:"Northwind Analytics"`
	RoleTitle       string           `json:"role_title" validate:"required" maxLength:"200" example:"Senior Backend Engineer"`
	Stage           string           `json:"stage" validate:"required" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"final_round"`
	Channel         string           `json:"channel" default:"email" enums:"email,phone,portal,in_person,no_response" example:"email"`
	ReasonCategory  string           `json:"reason_category" default:"no_reason_given" enums:"position_filled,stronger_candidate,internal_candidate,skills_gap,experience_gap,culture_fit,compensation,location,role_cancelled,no_reason_given,other" example:"stronger_candidate"`
	ReasonText      string           `json:"reason_text" maxLength:"2000" example:"We went with a candidate with more distributed-systems experience."`
	ReceivedAt      *string          `json:"received_at" format:"date-time" example:"2026-11-20T09:30:00Z" extensions:"x-nullable"`
	AppliedAt       *string          `json:"applied_at" format:"date-time" example:"2026-10-02T00:00:00Z" extensions:"x-nullable"`
	Contacts        []contactRequest `json:"contacts" maxItems:"20"`
	EmotionalImpact *int             `json:"emotional_impact" minimum:"1" maximum:"5" example:"4" extensions:"x-nullable"`
	Notes           string           `json:"notes" maxLength:"10000" example:"Final round was a system design interview with two engineers."`
	Status          string           `json:"status" default:"open" enums:"open,closed" example:"open"`
	ExternalRef     *string          `json:"external_ref" maxLength:"200" example:"app_99812" extensions:"x-nullable"`
	Metadata        model.Metadata   `json:"metadata" example:"source:job_board"`
} //	@name	RejectionCreateRequest

// rejectionPatchRequest documents PATCH /v1/rejections/{id} (JSON merge-patch). contacts, when
// present, replaces the whole list; metadata merges key by key. candidate_id cannot change.
type rejectionPatchRequest struct {
	Company         *string             `json:"company,omitempty" maxLength:"200" example:"Northwind Analytics"`
	RoleTitle       *string             `json:"role_title,omitempty" maxLength:"200" example:"Senior Backend Engineer"`
	Stage           *string             `json:"stage,omitempty" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"interview"`
	Channel         *string             `json:"channel,omitempty" enums:"email,phone,portal,in_person,no_response" example:"phone"`
	ReasonCategory  *string             `json:"reason_category,omitempty" enums:"position_filled,stronger_candidate,internal_candidate,skills_gap,experience_gap,culture_fit,compensation,location,role_cancelled,no_reason_given,other" example:"position_filled"`
	ReasonText      *string             `json:"reason_text,omitempty" maxLength:"2000" example:"The role was filled internally." extensions:"x-nullable"`
	ReceivedAt      *string             `json:"received_at,omitempty" format:"date-time" example:"2026-11-20T09:30:00Z"`
	AppliedAt       *string             `json:"applied_at,omitempty" format:"date-time" example:"2026-10-02T00:00:00Z" extensions:"x-nullable"`
	Contacts        []contactRequest    `json:"contacts,omitempty" maxItems:"20" extensions:"x-nullable"`
	EmotionalImpact *int                `json:"emotional_impact,omitempty" minimum:"1" maximum:"5" example:"3" extensions:"x-nullable"`
	Notes           *string             `json:"notes,omitempty" maxLength:"10000" example:"They offered to keep my CV on file." extensions:"x-nullable"`
	Status          *string             `json:"status,omitempty" enums:"open,closed" example:"closed"`
	ExternalRef     *string             `json:"external_ref,omitempty" maxLength:"200" example:"app_99812" extensions:"x-nullable"`
	Metadata        model.MetadataPatch `json:"metadata,omitempty" example:"source:referral" extensions:"x-nullable"`
} //	@name	RejectionUpdateRequest

// rejectionList is a page of rejections.
type rejectionList struct {
	listEnvelope
	Data []wire.Rejection `json:"data"`
} //	@name	RejectionList

// toContacts converts requested contacts, keeping the ids of existing ones named by id; new
// contacts get their id from the application layer.
func toContacts(errs *model.Errors, reqs []contactRequest, existing []model.Contact) []model.Contact {
	out := make([]model.Contact, 0, len(reqs))
	for i, c := range reqs {
		id := ""
		if c.ID != nil {
			known := false
			for _, e := range existing {
				known = known || e.ID == *c.ID
			}
			if !known {
				errs.Add("/contacts/"+itoa(i)+"/id", "does not name an existing contact of this rejection; omit id to add a new contact")
				continue
			}
			id = *c.ID
		}
		out = append(out, model.Contact{ID: id, Name: c.Name, Role: c.Role, Email: c.Email})
	}
	return out
}

// createRejection godoc
//
//	@Summary		Record a rejection
//	@Description	Records a rejection one of your candidates received. Only `candidate_id`, `company`, `role_title` and `stage` are required; `channel` defaults to email, `reason_category` to no_reason_given, `received_at` to now and `status` to open. Each contact gets an id so later steps (thanking them, asking them for feedback) can name them.
//	@ID				createRejection
//	@Tags			Rejections
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string					false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		rejectionCreateRequest	true	"The rejection."
//	@Success		201				{object}	wire.Rejection
//	@Header			201				{string}	ETag		"Version of the representation, for If-Match."
//	@Header			201				{string}	Location	"Path of the new rejection."
//	@Failure		400				{object}	Problem		"Malformed JSON or body."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields (see errors), an unknown candidate_id, or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/rejections [post]
func (s *Server) createRejection(c echo.Context) error {
	var req rejectionCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	var errs model.Errors
	rej := model.Rejection{
		CandidateID: req.CandidateID, Company: req.Company, RoleTitle: req.RoleTitle, Stage: req.Stage, Channel: req.Channel,
		ReasonCategory: req.ReasonCategory, ReasonText: req.ReasonText, EmotionalImpact: req.EmotionalImpact,
		Notes: req.Notes, Status: req.Status, ExternalRef: req.ExternalRef, Metadata: req.Metadata,
	}
	if req.ReceivedAt != nil {
		if t, ok := parseTime(&errs, "/received_at", *req.ReceivedAt); ok {
			rej.ReceivedAt = t
		}
	}
	if req.AppliedAt != nil {
		if t, ok := parseTime(&errs, "/applied_at", *req.AppliedAt); ok {
			rej.AppliedAt = &t
		}
	}
	if len(req.Contacts) > model.MaxContacts {
		errs.Add("/contacts", "must have at most %d items", model.MaxContacts)
	} else {
		for i, ct := range req.Contacts {
			if ct.ID != nil {
				errs.Add("/contacts/"+itoa(i)+"/id", "is assigned by Rebound; omit it when creating a rejection")
			}
		}
		rej.Contacts = toContacts(&errs, req.Contacts, nil)
	}
	if !model.ValidID(model.PrefixCandidate, req.CandidateID) {
		errs.Add("/candidate_id", "must be the id of one of your candidates (cand_…)")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		rej, err := s.app.CreateRejection(ctx, tenantOf(c), rej)
		if err != nil {
			return created{}, err
		}
		return created{Body: wire.FromRejection(rej), Location: location("rejections", rej.ID), CandidateID: rej.CandidateID, RejectionID: rej.ID}, nil
	})
}

// rejectionFilterParams are the list filters, in the order the docs give them.
var rejectionFilterParams = []string{"candidate_id", "external_ref", "stage", "status", "company", "received_after", "received_before"}

// listRejections godoc
//
//	@Summary		List rejections
//	@Description	Lists the tenant's rejections, newest first, one page at a time, optionally filtered. `company` matches case-insensitively; `received_after` and `received_before` are exclusive bounds. Pass `next_cursor` back as `cursor` with the same filters for the next page. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listRejections
//	@Tags			Rejections
//	@Produce		json
//	@Security		BearerAuth
//	@Param			candidate_id	query		string	false	"Only this candidate's rejections."
//	@Param			external_ref	query		string	false	"Only the rejection with this external_ref (your own reference, exact match)."
//	@Param			stage			query		string	false	"Only rejections at this stage."	Enums(application,screening,phone_screen,assessment,interview,final_round,offer)
//	@Param			status			query		string	false	"Only open or closed rejections."	Enums(open,closed)
//	@Param			company			query		string	false	"Only rejections from this company (case-insensitive)."
//	@Param			received_after	query		string	false	"Only rejections received after this time (RFC 3339)."												format(date-time)
//	@Param			received_before	query		string	false	"Only rejections received before this time (RFC 3339)."												format(date-time)
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	rejectionList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		422				{object}	Problem	"Invalid query parameter (see errors)."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/rejections [get]
func (s *Server) listRejections(c echo.Context) error {
	if err := queryParams(c, append(append([]string{"limit", "cursor"}, rejectionFilterParams...), syncParams...)...); err != nil {
		return err
	}
	tenant := tenantOf(c)
	var errs model.Errors
	f := model.RejectionFilter{
		CandidateID:    queryID(&errs, c, "candidate_id", model.PrefixCandidate, "a candidate"),
		ExternalRef:    queryText(&errs, c, "external_ref", model.MaxExternalRefLength),
		Stage:          queryEnum(&errs, c, "stage", model.Stages),
		Status:         queryEnum(&errs, c, "status", model.RejectionStatuses),
		Company:        queryText(&errs, c, "company", model.MaxCompanyLength),
		ReceivedAfter:  queryTime(&errs, c, "received_after"),
		ReceivedBefore: queryTime(&errs, c, "received_before"),
	}
	if err := errs.Err(); err != nil {
		return err
	}
	filters := url.Values{}
	for _, k := range rejectionFilterParams {
		filters.Set(k, c.QueryParam(k))
	}
	page, err := s.syncListParams(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := s.app.Rejections(c.Request().Context(), tenant, f, page)
	if err != nil {
		return err
	}
	return listing[model.Rejection, wire.Rejection]{id: func(r model.Rejection) string { return r.ID },
		changed: func(r model.Rejection) time.Time { return r.UpdatedAt }, convert: wire.FromRejection}.render(s, c, tenant, filters, page, rows, more)
}

// getRejection godoc
//
//	@Summary		Retrieve a rejection
//	@Description	Returns one rejection with its contacts. The ETag header carries its version.
//	@ID				getRejection
//	@Tags			Rejections
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Rejection id (rej_…)."
//	@Success		200	{object}	wire.Rejection
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such rejection in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id} [get]
func (s *Server) getRejection(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	rej, err := s.app.Rejection(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromRejection(rej))
}

// updateRejection godoc
//
//	@Summary		Update a rejection
//	@Description	Applies a JSON merge-patch: absent fields stay, null clears optional fields (reason_text, applied_at, emotional_impact, notes, external_ref, metadata, contacts), `contacts` replaces the list (send a contact's `id` to keep it), `metadata` merges key by key. `candidate_id` cannot change. Send `If-Match` to refuse the write when the rejection changed since you read it (412).
//	@ID				updateRejection
//	@Tags			Rejections
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string					true	"Rejection id (rej_…)."
//	@Param			If-Match	header		string					false	"ETag the change is based on."
//	@Param			body		body		rejectionPatchRequest	true	"The fields to change."
//	@Success		200			{object}	wire.Rejection
//	@Header			200			{string}	ETag	"Version of the representation."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the write scope."
//	@Failure		404			{object}	Problem	"No such rejection in this tenant."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id} [patch]
func (s *Server) updateRejection(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "company", "role_title", "stage", "channel", "reason_category", "reason_text",
		"received_at", "applied_at", "contacts", "emotional_impact", "notes", "status", "external_ref", "metadata")
	if err != nil {
		return err
	}
	rej, err := s.app.UpdateRejection(c.Request().Context(), tenantOf(c), id, func(r *model.Rejection) error {
		if err := checkIfMatch(c, wire.FromRejection(*r)); err != nil {
			return err
		}
		return applyRejectionPatch(patch, r)
	})
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromRejection(rej))
}

// applyRejectionPatch applies a merge-patch to a rejection; the application layer validates
// the result as a whole.
func applyRejectionPatch(patch mergePatch, r *model.Rejection) error {
	var errs model.Errors
	patch.requiredString(&errs, "company", &r.Company)
	patch.requiredString(&errs, "role_title", &r.RoleTitle)
	patch.requiredString(&errs, "stage", &r.Stage)
	patch.requiredString(&errs, "channel", &r.Channel)
	patch.requiredString(&errs, "reason_category", &r.ReasonCategory)
	patch.optionalString(&errs, "reason_text", &r.ReasonText)
	patch.optionalString(&errs, "notes", &r.Notes)
	patch.requiredString(&errs, "status", &r.Status)
	patch.nullableString(&errs, "external_ref", &r.ExternalRef)
	patch.metadata(&errs, &r.Metadata)
	var received string
	if patch.isNull("received_at") {
		errs.Add("/received_at", "cannot be null")
	} else if patch.decode(&errs, "received_at", &received) {
		if t, ok := parseTime(&errs, "/received_at", received); ok {
			r.ReceivedAt = t
		}
	}
	var applied string
	if patch.isNull("applied_at") {
		r.AppliedAt = nil
	} else if patch.decode(&errs, "applied_at", &applied) {
		if t, ok := parseTime(&errs, "/applied_at", applied); ok {
			r.AppliedAt = &t
		}
	}
	if patch.isNull("emotional_impact") {
		r.EmotionalImpact = nil
	} else {
		var impact int
		if patch.decode(&errs, "emotional_impact", &impact) {
			r.EmotionalImpact = &impact
		}
	}
	if patch.isNull("contacts") {
		r.Contacts = []model.Contact{}
	} else {
		var contacts []contactRequest
		if patch.decode(&errs, "contacts", &contacts) {
			if len(contacts) > model.MaxContacts {
				errs.Add("/contacts", "must have at most %d items", model.MaxContacts)
			} else {
				r.Contacts = toContacts(&errs, contacts, r.Contacts)
			}
		}
	}
	return errs.Err()
}

// deleteRejection godoc
//
//	@Summary		Delete a rejection
//	@Description	Permanently deletes the rejection and every record under it. There is no undo.
//	@ID				deleteRejection
//	@Tags			Rejections
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Rejection id (rej_…)."
//	@Success		204	"Deleted."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such rejection in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/rejections/{id} [delete]
func (s *Server) deleteRejection(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixRejection)
	if err != nil {
		return err
	}
	if err := s.app.DeleteRejection(c.Request().Context(), tenantOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
