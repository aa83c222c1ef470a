package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// webhookEndpointCreateRequest is the body of POST /v1/webhook-endpoints.
type webhookEndpointCreateRequest struct {
	URL           string   `json:"url" validate:"required" maxLength:"2048" example:"https://hooks.example-jobs.com/rebound"`
	EnabledEvents []string `json:"enabled_events" validate:"required" example:"rejection.created,recovery_plan.step_due"`
	Description   string   `json:"description" maxLength:"500" example:"Production notifications"`
} //	@name	WebhookEndpointCreateRequest

// webhookEndpointPatchRequest documents PATCH /v1/webhook-endpoints/{id} (JSON merge-patch).
// Setting disabled to false re-enables an endpoint Rebound disabled after repeated failures.
type webhookEndpointPatchRequest struct {
	URL           *string  `json:"url,omitempty" maxLength:"2048" example:"https://hooks.example-jobs.com/rebound/v2"`
	EnabledEvents []string `json:"enabled_events,omitempty" example:"*"`
	Description   *string  `json:"description,omitempty" maxLength:"500" example:"Staging" extensions:"x-nullable"`
	Disabled      *bool    `json:"disabled,omitempty" example:"false"`
} //	@name	WebhookEndpointUpdateRequest

// webhookEndpointList is a page of endpoints.
type webhookEndpointList struct {
	listEnvelope
	Data []wire.WebhookEndpoint `json:"data"`
} //	@name	WebhookEndpointList

// webhookAttemptResponse is one HTTP attempt of a delivery.
type webhookAttemptResponse struct {
	ID          string     `json:"id" example:"wha_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	AttemptedAt time.Time  `json:"attempted_at" example:"2026-11-20T09:31:05Z"`
	StatusCode  *int       `json:"status_code" example:"503" extensions:"x-nullable"`
	DurationMS  int        `json:"duration_ms" example:"184"`
	Error       string     `json:"error" example:"HTTP 503"`
	Response    string     `json:"response" example:"upstream unavailable"`
	NextRetryAt *time.Time `json:"next_retry_at" example:"2026-11-20T09:36:05Z" extensions:"x-nullable"`
} //	@name	WebhookAttempt

// webhookDeliveryResponse is one event owed to one endpoint, with its latest attempts.
type webhookDeliveryResponse struct {
	Object        string                   `json:"object" example:"webhook_delivery"`
	ID            string                   `json:"id" example:"whd_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	EndpointID    string                   `json:"endpoint_id" example:"we_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	EventID       string                   `json:"event_id" example:"evt_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	EventType     string                   `json:"event_type" example:"rejection.created"`
	Status        string                   `json:"status" enums:"pending,succeeded,failed" example:"pending"`
	AttemptCount  int                      `json:"attempt_count" example:"1"`
	NextAttemptAt *time.Time               `json:"next_attempt_at" example:"2026-11-20T09:36:05Z" extensions:"x-nullable"`
	DeliveredAt   *time.Time               `json:"delivered_at" example:"2026-11-20T09:31:05Z" extensions:"x-nullable"`
	CreatedAt     time.Time                `json:"created_at" example:"2026-11-20T09:31:00Z"`
	Attempts      []webhookAttemptResponse `json:"attempts"`
} //	@name	WebhookDelivery

// webhookDeliveryList is a page of deliveries.
type webhookDeliveryList struct {
	listEnvelope
	Data []webhookDeliveryResponse `json:"data"`
} //	@name	WebhookDeliveryList

// redeliverRequest is the body of POST /v1/events/{id}/redeliver.
type redeliverRequest struct {
	// Only this endpoint; omit to send to every enabled endpoint subscribed to the event's type.
	EndpointID *string `json:"endpoint_id,omitempty" example:"we_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
} //	@name	RedeliverRequest

// redeliverResponse lists the deliveries queued.
type redeliverResponse struct {
	Object string                    `json:"object" example:"list"`
	Data   []webhookDeliveryResponse `json:"data"`
} //	@name	RedeliverResult

func toDeliveryResponse(d model.WebhookDelivery, attempts []model.WebhookAttempt) webhookDeliveryResponse {
	out := webhookDeliveryResponse{Object: "webhook_delivery", ID: d.ID, EndpointID: d.EndpointID, EventID: d.EventID, EventType: d.EventType,
		Status: d.Status, AttemptCount: d.Attempts, DeliveredAt: utcPtr(d.DeliveredAt), CreatedAt: d.CreatedAt.UTC(), Attempts: []webhookAttemptResponse{}}
	if d.Status == model.DeliveryPending {
		next := d.NextAttemptAt.UTC()
		out.NextAttemptAt = &next
	}
	for _, a := range attempts {
		out.Attempts = append(out.Attempts, webhookAttemptResponse{ID: a.ID, AttemptedAt: a.AttemptedAt.UTC(), StatusCode: a.StatusCode,
			DurationMS: a.DurationMS, Error: a.Error, Response: a.ResponseSnippet, NextRetryAt: utcPtr(a.NextRetryAt)})
	}
	return out
}

// withSecret is an endpoint response carrying its signing secret, and the replay of it without.
func withSecret(out app.CreatedEndpoint, status int, loc string) created {
	body := wire.FromWebhookEndpoint(out.Endpoint)
	replay := body
	body.Secret = out.Secret
	replay.SecretRedacted = true
	return created{Body: body, Replay: replay, Status: status, Location: loc}
}

// createWebhookEndpoint godoc
//
//	@Summary		Create a webhook endpoint
//	@Description	Registers a URL that receives signed events (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). `enabled_events` lists event types, or `["*"]` for all. The response carries the signing secret (`whsec_…`) once. The URL must be https and must not resolve to a private, loopback or link-local address.
//	@ID				createWebhookEndpoint
//	@Tags			Webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string							false	"Replays the first response for 24 hours when the same key is sent with the same body."
//	@Param			body			body		webhookEndpointCreateRequest	true	"The endpoint."
//	@Success		201				{object}	wire.WebhookEndpoint
//	@Header			201				{string}	ETag		"Version of the representation."
//	@Header			201				{string}	Location	"Path of the new resource."
//	@Failure		400				{object}	Problem		"Malformed JSON."
//	@Failure		401				{object}	Problem		"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem		"The key lacks the write scope."
//	@Failure		409				{object}	Problem		"The Idempotency-Key is in flight."
//	@Failure		413				{object}	Problem		"Body over 1 MiB."
//	@Failure		415				{object}	Problem		"Body not sent as application/json."
//	@Failure		422				{object}	Problem		"Invalid URL or event types (see errors), or the Idempotency-Key was used with another body."
//	@Failure		429				{object}	Problem		"Rate limit exceeded."
//	@Failure		500				{object}	Problem		"Server error."
//	@Router			/v1/webhook-endpoints [post]
func (s *Server) createWebhookEndpoint(c echo.Context) error {
	var req webhookEndpointCreateRequest
	raw, err := decodeJSON(c, &req)
	if err != nil {
		return err
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		out, err := s.app.CreateWebhookEndpoint(ctx, tenantOf(c), req.URL, req.EnabledEvents, req.Description)
		if err != nil {
			return created{}, err
		}
		return withSecret(out, http.StatusCreated, location("webhook-endpoints", out.Endpoint.ID)), nil
	})
}

// listWebhookEndpoints godoc
//
//	@Summary		List webhook endpoints
//	@Description	Lists the tenant's webhook endpoints, newest first. Secrets are not shown. With `updated_after` or `updated_before` the list is an incremental sync instead: rows changed in that window, oldest change first (by `updated_at`, then `id`), and every page with rows carries a `next_cursor`, the last one too: keep it as your checkpoint and pass it back later (with the same filters) to receive only what changed since. Changes of the last few seconds wait for a later call. See docs/sync.md.
//	@ID				listWebhookEndpoints
//	@Tags			Webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			updated_after	query		string	false	"Incremental sync: only rows changed after this time (RFC 3339, exclusive), oldest change first."	format(date-time)
//	@Param			updated_before	query		string	false	"Incremental sync: only rows changed before this time (RFC 3339, exclusive)."						format(date-time)
//	@Param			limit			query		int		false	"Page size, 1–100."																					minimum(1)	maximum(100)	default(20)
//	@Param			cursor			query		string	false	"next_cursor of the previous page."
//	@Success		200				{object}	webhookEndpointList
//	@Failure		400				{object}	Problem	"Invalid cursor."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the read scope."
//	@Failure		422				{object}	Problem	"Invalid query parameter."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/webhook-endpoints [get]
func (s *Server) listWebhookEndpoints(c echo.Context) error {
	if err := queryParams(c, append([]string{"limit", "cursor"}, syncParams...)...); err != nil {
		return err
	}
	tenant := tenantOf(c)
	filters := url.Values{}
	page, err := s.syncListParams(c, tenant, filters)
	if err != nil {
		return err
	}
	rows, more, err := s.app.WebhookEndpoints(c.Request().Context(), tenant, page)
	if err != nil {
		return err
	}
	return listing[model.WebhookEndpoint, wire.WebhookEndpoint]{id: func(w model.WebhookEndpoint) string { return w.ID },
		changed: func(w model.WebhookEndpoint) time.Time { return w.UpdatedAt }, convert: wire.FromWebhookEndpoint}.render(s, c, tenant, filters, page, rows, more)
}

// getWebhookEndpoint godoc
//
//	@Summary		Retrieve a webhook endpoint
//	@Description	Returns one endpoint, including whether Rebound disabled it after repeated failures.
//	@ID				getWebhookEndpoint
//	@Tags			Webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Endpoint id (we_…)."
//	@Success		200	{object}	wire.WebhookEndpoint
//	@Header			200	{string}	ETag	"Version of the representation."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the read scope."
//	@Failure		404	{object}	Problem	"No such endpoint in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/webhook-endpoints/{id} [get]
func (s *Server) getWebhookEndpoint(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixWebhookEndpoint)
	if err != nil {
		return err
	}
	w, err := s.app.WebhookEndpoint(c.Request().Context(), tenantOf(c), id)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromWebhookEndpoint(w))
}

// updateWebhookEndpoint godoc
//
//	@Summary		Update a webhook endpoint
//	@Description	JSON merge-patch of url, enabled_events, description and disabled. Setting `disabled` to false re-enables an endpoint and clears its failure streak; pending deliveries then resume in order. Honours `If-Match`.
//	@ID				updateWebhookEndpoint
//	@Tags			Webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string						true	"Endpoint id (we_…)."
//	@Param			If-Match	header		string						false	"ETag the change is based on."
//	@Param			body		body		webhookEndpointPatchRequest	true	"The fields to change."
//	@Success		200			{object}	wire.WebhookEndpoint
//	@Header			200			{string}	ETag	"Version of the representation."
//	@Failure		400			{object}	Problem	"Malformed JSON."
//	@Failure		401			{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403			{object}	Problem	"The key lacks the write scope."
//	@Failure		404			{object}	Problem	"No such endpoint in this tenant."
//	@Failure		412			{object}	Problem	"If-Match does not match the current ETag."
//	@Failure		413			{object}	Problem	"Body over 1 MiB."
//	@Failure		415			{object}	Problem	"Body not sent as JSON."
//	@Failure		422			{object}	Problem	"Invalid fields (see errors)."
//	@Failure		429			{object}	Problem	"Rate limit exceeded."
//	@Failure		500			{object}	Problem	"Server error."
//	@Router			/v1/webhook-endpoints/{id} [patch]
func (s *Server) updateWebhookEndpoint(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixWebhookEndpoint)
	if err != nil {
		return err
	}
	patch, err := decodePatch(c, "url", "enabled_events", "description", "disabled")
	if err != nil {
		return err
	}
	var (
		errs model.Errors
		ch   app.EndpointChange
	)
	if _, ok := patch["url"]; ok {
		var u string
		patch.requiredString(&errs, "url", &u)
		ch.URL = &u
	}
	if _, ok := patch["enabled_events"]; ok {
		if patch.isNull("enabled_events") {
			errs.Add("/enabled_events", "cannot be null")
		} else {
			events := []string{}
			if patch.decode(&errs, "enabled_events", &events) {
				ch.EnabledEvents = events
			}
		}
	}
	if _, ok := patch["description"]; ok {
		d := ""
		patch.optionalString(&errs, "description", &d)
		ch.Description = &d
	}
	if patch.isNull("disabled") {
		errs.Add("/disabled", "cannot be null")
	} else {
		var disabled bool
		if patch.decode(&errs, "disabled", &disabled) {
			ch.Disabled = &disabled
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	w, err := s.app.UpdateWebhookEndpoint(c.Request().Context(), tenantOf(c), id, func(w model.WebhookEndpoint) error {
		return checkIfMatch(c, wire.FromWebhookEndpoint(w))
	}, ch)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, wire.FromWebhookEndpoint(w))
}

// deleteWebhookEndpoint godoc
//
//	@Summary		Delete a webhook endpoint
//	@Description	Deletes the endpoint and its delivery history. Pending deliveries to it are dropped.
//	@ID				deleteWebhookEndpoint
//	@Tags			Webhooks
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Endpoint id (we_…)."
//	@Success		204	"Deleted."
//	@Failure		401	{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403	{object}	Problem	"The key lacks the write scope."
//	@Failure		404	{object}	Problem	"No such endpoint in this tenant."
//	@Failure		429	{object}	Problem	"Rate limit exceeded."
//	@Failure		500	{object}	Problem	"Server error."
//	@Router			/v1/webhook-endpoints/{id} [delete]
func (s *Server) deleteWebhookEndpoint(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixWebhookEndpoint)
	if err != nil {
		return err
	}
	if err := s.app.DeleteWebhookEndpoint(c.Request().Context(), tenantOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// rotateWebhookSecret godoc
//
//	@Summary		Rotate an endpoint's signing secret
//	@Description	Issues a new signing secret and returns it once. For 24 hours every delivery carries two signatures, one with the old secret and one with the new, so you can switch your verifier without dropping events.
//	@ID				rotateWebhookSecret
//	@Tags			Webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string	true	"Endpoint id (we_…)."
//	@Success		200				{object}	wire.WebhookEndpoint
//	@Header			200				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such endpoint in this tenant."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Failure		409				{object}	Problem	"The Idempotency-Key is in flight."
//	@Failure		422				{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/webhook-endpoints/{id}/rotate-secret [post]
func (s *Server) rotateWebhookSecret(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixWebhookEndpoint)
	if err != nil {
		return err
	}
	return s.runCreate(c, nil, func(ctx context.Context) (created, error) {
		out, err := s.app.RotateWebhookSecret(ctx, tenantOf(c), id)
		if err != nil {
			return created{}, err
		}
		return withSecret(out, http.StatusOK, ""), nil
	})
}

// listWebhookDeliveries godoc
//
//	@Summary		List an endpoint's deliveries
//	@Description	Lists the events owed to this endpoint, newest first, each with its status, attempt count, next retry and its five latest attempts (status code, duration, error, the start of the response body).
//	@ID				listWebhookDeliveries
//	@Tags			Webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Endpoint id (we_…)."
//	@Param			limit	query		int		false	"Page size, 1–100."	minimum(1)	maximum(100)	default(20)
//	@Param			cursor	query		string	false	"next_cursor of the previous page."
//	@Success		200		{object}	webhookDeliveryList
//	@Failure		400		{object}	Problem	"Invalid cursor."
//	@Failure		401		{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403		{object}	Problem	"The key lacks the read scope."
//	@Failure		404		{object}	Problem	"No such endpoint in this tenant."
//	@Failure		422		{object}	Problem	"Invalid query parameter."
//	@Failure		429		{object}	Problem	"Rate limit exceeded."
//	@Failure		500		{object}	Problem	"Server error."
//	@Router			/v1/webhook-endpoints/{id}/deliveries [get]
func (s *Server) listWebhookDeliveries(c echo.Context) error {
	return childList[app.DeliveryWithAttempts, webhookDeliveryResponse]{
		parentPrefix: model.PrefixWebhookEndpoint, load: s.app.WebhookDeliveries,
		listing: listing[app.DeliveryWithAttempts, webhookDeliveryResponse]{
			id: func(d app.DeliveryWithAttempts) string { return d.Delivery.ID },
			convert: func(d app.DeliveryWithAttempts) webhookDeliveryResponse {
				return toDeliveryResponse(d.Delivery, d.Attempts)
			},
		},
	}.serve(s, c)
}

// testWebhookEndpoint godoc
//
//	@Summary		Send a test event
//	@Description	Records a `ping` event addressed to this endpoint only and queues its delivery; follow it in the endpoint's deliveries. A disabled endpoint answers 409: re-enable it first.
//	@ID				testWebhookEndpoint
//	@Tags			Webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string	true	"Endpoint id (we_…)."
//	@Success		202				{object}	webhookDeliveryResponse
//	@Header			202				{string}	ETag	"Version of the representation."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such endpoint in this tenant."
//	@Failure		409				{object}	Problem	"The endpoint is disabled."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Failure		422				{object}	Problem	"The Idempotency-Key was used with another request."
//	@Router			/v1/webhook-endpoints/{id}/test [post]
func (s *Server) testWebhookEndpoint(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixWebhookEndpoint)
	if err != nil {
		return err
	}
	return s.runCreate(c, nil, func(ctx context.Context) (created, error) {
		d, err := s.app.TestWebhookEndpoint(ctx, tenantOf(c), id)
		if err != nil {
			return created{}, err
		}
		return created{Body: toDeliveryResponse(d, nil), Status: http.StatusAccepted}, nil
	})
}

// redeliverEvent godoc
//
//	@Summary		Redeliver an event
//	@Description	Queues the event again, with its original `webhook-id` (so receivers that already processed it can drop the copy), to one endpoint or to every enabled endpoint subscribed to its type.
//	@ID				redeliverEvent
//	@Tags			Webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string				false	"Replays the first response for 24 hours when the same key is sent again."
//	@Param			id				path		string				true	"Event id (evt_…)."
//	@Param			body			body		redeliverRequest	false	"Target endpoint (optional)."
//	@Success		202				{object}	redeliverResponse
//	@Header			202				{string}	ETag	"Version of the representation."
//	@Failure		400				{object}	Problem	"Malformed JSON."
//	@Failure		401				{object}	Problem	"Missing, unknown or revoked API key."
//	@Failure		403				{object}	Problem	"The key lacks the write scope."
//	@Failure		404				{object}	Problem	"No such event in this tenant."
//	@Failure		409				{object}	Problem	"The endpoint is disabled."
//	@Failure		413				{object}	Problem	"Body over 1 MiB."
//	@Failure		415				{object}	Problem	"Body not sent as application/json."
//	@Failure		422				{object}	Problem	"Unknown endpoint_id."
//	@Failure		429				{object}	Problem	"Rate limit exceeded."
//	@Failure		500				{object}	Problem	"Server error."
//	@Router			/v1/events/{id}/redeliver [post]
func (s *Server) redeliverEvent(c echo.Context) error {
	id, err := pathID(c, "id", model.PrefixEvent)
	if err != nil {
		return err
	}
	var req redeliverRequest
	var raw []byte
	if c.Request().ContentLength != 0 {
		if raw, err = decodeJSON(c, &req); err != nil {
			return err
		}
	}
	if req.EndpointID != nil && !model.ValidID(model.PrefixWebhookEndpoint, *req.EndpointID) {
		return validationProblem([]model.FieldError{{Pointer: "/endpoint_id", Detail: "must be a webhook endpoint id (we_…)"}})
	}
	return s.runCreate(c, raw, func(ctx context.Context) (created, error) {
		queued, err := s.app.RedeliverEvent(ctx, tenantOf(c), id, req.EndpointID)
		if err != nil {
			return created{}, err
		}
		out := redeliverResponse{Object: "list", Data: make([]webhookDeliveryResponse, 0, len(queued))}
		for _, d := range queued {
			out.Data = append(out.Data, toDeliveryResponse(d, nil))
		}
		return created{Body: out, Status: http.StatusAccepted}, nil
	})
}
