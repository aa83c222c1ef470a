package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// tenantPatchRequest documents PATCH /v1/tenant (JSON merge-patch).
type tenantPatchRequest struct {
	HistoricalAfterDays *int `json:"historical_after_days,omitempty" minimum:"1" maximum:"3650" example:"60"`
	// RetentionDays: null keeps personal data until the candidate is erased.
	RetentionDays *int `json:"retention_days,omitempty" minimum:"1" maximum:"3650" example:"365" extensions:"x-nullable"`
} //	@name	TenantUpdateRequest

// getTenant godoc
//
//	@Summary		Retrieve your tenant's settings
//	@Description	Returns the tenant the API key belongs to, with its settings. `historical_after_days` (default 30) is the age from which a newly recorded rejection counts as history: its plan is marked `historical` and never announces due steps. `retention_days` (default null: forever) is how long a closed rejection keeps the personal data under it.
//	@ID				getTenant
//	@Tags			Tenant
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	wire.Tenant
//	@Header			200	{string}	ETag	"Version of the representation, for If-Match."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/tenant [get]
func (s *Server) getTenant(c echo.Context) error {
	t, err := s.app.Tenant(c.Request().Context(), tenantOf(c))
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromTenant(t))
}

// updateTenant godoc
//
//	@Summary		Change your tenant's settings
//	@Description	Applies a JSON merge-patch to the tenant's settings (admin scope). `historical_after_days` (1–3650) applies to rejections recorded from now on, by every path: the API, imports and connectors. `retention_days` (1–3650, or null for no limit) applies from the next retention pass of the janitor. Send `If-Match` to refuse the write when the settings changed since you read them (412).
//	@ID				updateTenant
//	@Tags			Tenant
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			If-Match	header		string				false	"ETag the change is based on."
//	@Param			body		body		tenantPatchRequest	true	"The settings to change."
//	@Success		200			{object}	wire.Tenant
//	@Header			200			{string}	ETag	"Version of the representation, for If-Match."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the admin scope."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/tenant [patch]
func (s *Server) updateTenant(c echo.Context) error {
	patch, err := decodePatch(c, "historical_after_days", "retention_days")
	if err != nil {
		return err
	}
	var errs model.Errors
	var ch app.TenantChange
	if patch.isNull("historical_after_days") {
		errs.Add("/historical_after_days", "cannot be null")
	}
	var days int
	if patch.decode(&errs, "historical_after_days", &days) {
		ch.HistoricalAfterDays = &days
	}
	if patch.isNull("retention_days") {
		var forever *int
		ch.RetentionDays = &forever
	} else {
		var retention int
		if patch.decode(&errs, "retention_days", &retention) {
			r := &retention
			ch.RetentionDays = &r
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	t, err := s.app.UpdateTenant(c.Request().Context(), tenantOf(c), func(t model.Tenant) error {
		return checkIfMatch(c, wire.FromTenant(t))
	}, ch)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromTenant(t))
}
