package api

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// connectorCreateRequest is the body of POST /v1/connectors.
type connectorCreateRequest struct {
	Kind string `json:"kind" validate:"required" example:"greenhouse"`
	// Secret verifies deliveries: the secret key you give the Greenhouse web hook, or the
	// signature token Lever shows for the webhook.
	Secret string `json:"secret" validate:"required" maxLength:"500" example:"whk-5d1f0c3a9b7e4c2d"`
	// APIKey reads opportunities from Lever's API (Lever only: its webhooks carry only ids).
	APIKey *string `json:"api_key,omitempty" maxLength:"500" example:"lvr_3f9a…"`
	// BaseURL is the vendor API's base URL (Lever only; default https://api.lever.co/v1).
	BaseURL   *string           `json:"base_url,omitempty" example:"https://api.lever.co/v1"`
	Company   string            `json:"company" validate:"required" maxLength:"200" example:"Northwind Analytics"`
	Timezone  *string           `json:"timezone,omitempty" example:"Europe/London"`
	StageMap  map[string]string `json:"stage_map,omitempty" example:"Culture Interview:interview"`
	ReasonMap map[string]string `json:"reason_map,omitempty" example:"Not now:ignore"`
	// DefaultStage and DefaultReason are what an unmapped ATS name becomes (application and
	// other by default); unmapped names are counted on the connector's status.
	DefaultStage  *string `json:"default_stage,omitempty" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"application"`
	DefaultReason *string `json:"default_reason,omitempty" enums:"position_filled,stronger_candidate,internal_candidate,skills_gap,experience_gap,culture_fit,compensation,location,role_cancelled,no_reason_given,other" example:"other"`
} //	@name	ConnectorCreateRequest

// connectorPatchRequest documents PATCH /v1/connectors/{id} (JSON merge-patch). Maps replace
// the connector's map as a whole; api_key null removes the key.
type connectorPatchRequest struct {
	Secret *string `json:"secret,omitempty" maxLength:"500" example:"whk-new-secret-1234"`
	// APIKey: null removes it (Lever then cannot be read).
	APIKey *string `json:"api_key,omitempty" maxLength:"500" example:"lvr_new…" extensions:"x-nullable"`
	// BaseURL: null goes back to the vendor's.
	BaseURL  *string `json:"base_url,omitempty" example:"https://api.lever.co/v1" extensions:"x-nullable"`
	Company  *string `json:"company,omitempty" maxLength:"200" example:"Northwind Analytics"`
	Timezone *string `json:"timezone,omitempty" example:"America/New_York"`
	// StageMap and ReasonMap replace the mapping whole; null empties it.
	StageMap      map[string]string `json:"stage_map,omitempty" example:"Culture Interview:interview" extensions:"x-nullable"`
	ReasonMap     map[string]string `json:"reason_map,omitempty" example:"Not now:ignore" extensions:"x-nullable"`
	DefaultStage  *string           `json:"default_stage,omitempty" example:"screening"`
	DefaultReason *string           `json:"default_reason,omitempty" example:"no_reason_given"`
} //	@name	ConnectorUpdateRequest

// atsWebhookPayload documents the envelopes the ATSs send; the connector reads the rest of
// each as its vendor documents it (see docs/connectors.md).
type atsWebhookPayload struct {
	// Action and Payload are Greenhouse's envelope.
	Action  string         `json:"action,omitempty" example:"reject_candidate"`
	Payload map[string]any `json:"payload,omitempty" swaggertype:"object"`
	// Event, TriggeredAt, Token, Signature and Data are Lever's.
	Event       string         `json:"event,omitempty" example:"candidateArchiveChange"`
	TriggeredAt int64          `json:"triggeredAt,omitempty" example:"1764576000000"`
	Token       string         `json:"token,omitempty" example:"f4d0d0c3a9b7e4c2d1e5f6a7b8c9d0e1"`
	Signature   string         `json:"signature,omitempty" example:"9c3f0e4b7d1a2c5e8f6b3d0a9e7c4b1d2f5a8e3c6b9d0f1a4e7c2b5d8f3a6e9c"`
	Data        map[string]any `json:"data,omitempty" swaggertype:"object"`
} //	@name	ATSWebhookPayload

// connectorList is a page of connectors.
type connectorList struct {
	listEnvelope
	Data []wire.Connector `json:"data"`
} //	@name	ConnectorList

func (s *Server) renderConnector(c model.Connector) wire.Connector {
	return wire.FromConnector(c, s.app.ConnectorWebhookURL(c))
}

// createConnector godoc
//
//	@Summary		Connect an ATS
//	@Description	Configures the tenant's connector for an ATS (`greenhouse` or `lever`; one per kind) with the secret that verifies its webhooks, for Lever the API key that reads opportunities, the employer name its rejections carry, and optional mappings of the ATS's stage and rejection reason names onto Rebound's `stage` and `reason_category` (consulted before the built-in `default_stage_map` and `default_reason_map`; map a reason to `ignore` to leave it unrecorded). The answer holds `webhook_url`, the address to give the ATS. Secrets are never shown again. See docs/connectors.md for each ATS's setup.
//	@ID				createConnector
//	@Tags			Connectors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string					false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		connectorCreateRequest	true	"The connector."
//	@Success		201				{object}	wire.Connector
//	@Header			201				{string}	ETag		"Version of the representation, for If-Match."
//	@Header			201				{string}	Location	"Path of the new connector."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the admin scope."
//	@Failure		409				{object}	Problem		"The tenant already has a connector of this kind (see existing_id), or the Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid fields (see errors)."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/connectors [post]
func (s *Server) createConnector(c echo.Context) error {
	var req connectorCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	ch := app.ConnectorChange{Secret: &req.Secret, BaseURL: req.BaseURL, Company: &req.Company, Timezone: req.Timezone,
		StageMap: req.StageMap, ReasonMap: req.ReasonMap, DefaultStage: req.DefaultStage, DefaultReason: req.DefaultReason}
	if req.APIKey != nil {
		ch.APIKey = &req.APIKey
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		conn, err := s.app.CreateConnector(ctx, tenantOf(c), req.Kind, ch)
		if err != nil {
			return created{}, err
		}
		return created{Body: s.renderConnector(conn), Location: location("connectors", conn.ID)}, nil
	})
}

// listConnectors godoc
//
//	@Summary		List connectors
//	@Description	Lists the tenant's ATS connectors with their status, newest first.
//	@ID				listConnectors
//	@Tags			Connectors
//	@Produce		json
//	@Security		BearerAuth
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	connectorList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/connectors [get]
func (s *Server) listConnectors(c echo.Context) error {
	if err := queryParams(c, "limit", "cursor"); err != nil {
		return err
	}
	tenant := tenantOf(c)
	pg, err := s.listParams(c, tenant, url.Values{})
	if err != nil {
		return err
	}
	rows, more, err := s.app.Connectors(c.Request().Context(), tenant, pg)
	if err != nil {
		return err
	}
	return listing[model.Connector, wire.Connector]{id: func(x model.Connector) string { return x.ID }, convert: s.renderConnector}.
		render(s, c, tenant, url.Values{}, pg, rows, more)
}

// getConnector godoc
//
//	@Summary		Retrieve a connector
//	@Description	Returns a connector with its status: deliveries received, recorded, duplicate, withdrawn, ignored and failed, signature failures, the last error, and the ATS stage and reason names that no mapping knew (add them to `stage_map` and `reason_map`).
//	@ID				getConnector
//	@Tags			Connectors
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Connector id (conn_…)."
//	@Success		200	{object}	wire.Connector
//	@Header			200	{string}	ETag	"Version of the representation, for If-Match."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such connector in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/connectors/{id} [get]
func (s *Server) getConnector(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixConnector)
	if err != nil {
		return err
	}
	conn, err := s.app.Connector(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, s.renderConnector(conn))
}

// updateConnector godoc
//
//	@Summary		Update a connector
//	@Description	Applies a JSON merge-patch to a connector's configuration: a new secret or API key (null removes the API key), the employer name, the time zone given to new candidates, the mappings (each replaced as a whole) and the defaults. Send `If-Match` to refuse the write when the connector changed since you read it (412).
//	@ID				updateConnector
//	@Tags			Connectors
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string					true	"Connector id (conn_…)."
//	@Param			If-Match	header		string					false	"ETag the change is based on."
//	@Param			body		body		connectorPatchRequest	true	"The fields to change."
//	@Success		200			{object}	wire.Connector
//	@Header			200			{string}	ETag	"Version of the representation, for If-Match."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the admin scope."
//	@Failure		404			{object}	Problem	"No such connector in this tenant."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/connectors/{id} [patch]
func (s *Server) updateConnector(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixConnector)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "secret", "api_key", "base_url", "company", "timezone", "stage_map", "reason_map", "default_stage", "default_reason")
	if err != nil {
		return err
	}
	var errs model.Errors
	var ch app.ConnectorChange
	for field, dst := range map[string]**string{"secret": &ch.Secret, "company": &ch.Company, "timezone": &ch.Timezone,
		"default_stage": &ch.DefaultStage, "default_reason": &ch.DefaultReason, "base_url": &ch.BaseURL} {
		if patch.isNull(field) {
			if field == "base_url" {
				empty := ""
				ch.BaseURL = &empty
				continue
			}
			errs.Add("/"+field, "cannot be null")
			continue
		}
		var v string
		if patch.decode(&errs, field, &v) {
			*dst = &v
		}
	}
	if patch.isNull("api_key") {
		var none *string
		ch.APIKey = &none
	} else {
		var key string
		if patch.decode(&errs, "api_key", &key) {
			k := &key
			ch.APIKey = &k
		}
	}
	for field, dst := range map[string]*map[string]string{"stage_map": &ch.StageMap, "reason_map": &ch.ReasonMap} {
		if patch.isNull(field) {
			*dst = map[string]string{}
			continue
		}
		patch.decode(&errs, field, dst)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	conn, err := s.app.UpdateConnector(c.Request().Context(), tenantOf(c), id, func(cur model.Connector) error {
		return checkIfMatch(c, s.renderConnector(cur))
	}, ch)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, s.renderConnector(conn))
}

// deleteConnector godoc
//
//	@Summary		Delete a connector
//	@Description	Removes the connector: its webhook URL answers 404 from now on. The candidates and rejections it recorded stay.
//	@ID				deleteConnector
//	@Tags			Connectors
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Connector id (conn_…)."
//	@Success		204	"Deleted."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the admin scope."
//	@Failure		404	{object}	Problem	"No such connector in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/connectors/{id} [delete]
func (s *Server) deleteConnector(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixConnector)
	if err != nil {
		return err
	}
	if err := s.app.DeleteConnector(c.Request().Context(), tenantOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// receiveConnectorDelivery godoc
//
//	@Summary		Receive an ATS webhook
//	@Description	Where the ATS sends its webhooks: the connector's `webhook_url`. No API key: the delivery's signature, checked with the connector's secret, is the credential (Greenhouse: the `Signature: sha256 …` header over the body; Lever: the signature over the body's token and triggeredAt). A rejection is recorded with its candidate, exactly as `POST /v1/rejections` records one; the same application arriving again is a `duplicate`; an unreject or hire deletes the rejection the connector recorded; a candidate who withdrew is not recorded. Answers 200 with what was done. Rate-limited per connector and per address.
//	@ID				receiveConnectorDelivery
//	@Tags			Public
//	@Accept			json
//	@Produce		json
//	@Param			id		path		string	true	"Connector id (conn_…)."
//	@Param			body	body		atsWebhookPayload	true	"The ATS's webhook payload, as the ATS sends it."
//	@Success		200		{object}	wire.ConnectorDelivery
//	@Failure		400		{object}	Problem	"The payload is not what the ATS documents."
//	@Failure		401		{object}	Problem	"The signature does not verify with the connector's secret; nothing was recorded."
//	@Failure		404		{object}	Problem	"No such connector."
//	@Failure		413		{object}	Problem	"Body over 1 MiB."
//	@Failure		415		{object}	Problem	"Body not sent as application/json."
//	@Failure		422		{object}	Problem	"What the ATS sent cannot make a valid candidate or rejection even after mapping (see errors); nothing was recorded."
//	@Failure		429		{object}	Problem	"Too many deliveries for this connector or from this address."
//	@Failure		500		{object}	Problem	"Server error."
//	@Failure		502		{object}	Problem	"The ATS's API (Lever) did not answer; the ATS retries the delivery."
//	@Router			/v1/public/connectors/{id}/deliveries [post]
func (s *Server) receiveConnectorDelivery(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixConnector)
	if err != nil {
		return err
	}
	req := c.Request()
	if mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); err != nil || mt != "application/json" {
		return newProblem(probMediaType, "Send the delivery as JSON with Content-Type: application/json.")
	}
	if req.ContentLength > maxBodyBytes {
		return newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes)
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, maxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes)
		}
		return newProblem(probMalformed, "The request body could not be read.")
	}
	res, err := s.app.ReceiveConnectorDelivery(req.Context(), id, req.Header, body)
	switch {
	case errors.Is(err, app.ErrDeliverySignature):
		return newProblem(probSignature, "The delivery's signature does not verify with the connector's secret; nothing was recorded.")
	case errors.Is(err, app.ErrDeliveryPayload):
		return newProblem(probMalformed, "The delivery could not be used: %v.", err)
	case errors.Is(err, app.ErrDeliveryVendorAPI):
		return newProblem(probATSUnavailable, "The ATS's API could not be read (%v); the delivery can be retried.", err)
	case err != nil:
		return err
	}
	return c.JSON(http.StatusOK, wire.ConnectorDelivery{Object: "connector_delivery", Outcome: res.Outcome,
		RejectionID: optionalString(res.RejectionID), CandidateID: optionalString(res.CandidateID), Why: res.Why})
}

func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// connectorLimiter limits the connectors' public endpoint per connector and per client
// address. An ATS sends bursts (a recruiter rejecting a whole pipeline at once), so the
// buckets are deep; the limits stop floods, not a busy ATS.
type connectorLimiter struct {
	perConnector, perAddress *rateLimiter
}

func newConnectorLimiter() *connectorLimiter {
	return &connectorLimiter{perConnector: newRateLimiter(10, 300), perAddress: newRateLimiter(20, 600)}
}

func (l *connectorLimiter) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		now := time.Now()
		for _, check := range []struct {
			l   *rateLimiter
			key string
		}{{l.perAddress, "ip:" + c.RealIP()}, {l.perConnector, "connector:" + c.Param("id")}} {
			if ok, _, wait := check.l.take(check.key, now); !ok {
				secs := int(wait.Seconds()) + 1
				c.Response().Header().Set(echo.HeaderRetryAfter, strconv.Itoa(secs))
				return newProblem(probRateLimited, "Too many deliveries for this connector or from this address. Retry after %d second%s.", secs, plural(secs))
			}
		}
		return next(c)
	}
}
