package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
	"github.com/reboundhq/rebound/internal/wire"
)

// secretOverlap is how long a rotated-out signing secret keeps signing, so receivers can
// switch without losing deliveries.
const secretOverlap = 24 * time.Hour

// maxRedeliveryTargets bounds how many endpoints one redelivery queues for.
const maxRedeliveryTargets = 1000

// CheckEnabledEvents validates a subscription list.
func CheckEnabledEvents(errs *model.Errors, events []string) {
	if len(events) == 0 {
		errs.Add("/enabled_events", "must list at least one event type, or \"*\" for all")
		return
	}
	if len(events) > model.MaxEnabledEvents {
		errs.Add("/enabled_events", "must have at most %d items", model.MaxEnabledEvents)
		return
	}
	for i, ev := range events {
		if ev != model.WildcardEvents && !slices.Contains(model.EventTypes, ev) {
			errs.Add("/enabled_events/"+itoa(i), "is not an event type; see the Events section of the docs")
		}
	}
}

// checkEndpointURL applies the operator's outbound policy to an endpoint URL.
func (a *App) checkEndpointURL(errs *model.Errors, raw string) {
	if err := webhook.ValidateEndpointURL(raw, a.webhooks); err != nil {
		errs.Add("/url", "%s", err.Error())
	}
}

// CreatedEndpoint is a new endpoint, or one whose secret was just rotated, with the signing
// secret, which is shown only then.
type CreatedEndpoint struct {
	Endpoint model.WebhookEndpoint
	Secret   string
}

// CreateWebhookEndpoint registers a URL that receives the events it subscribes to.
func (a *App) CreateWebhookEndpoint(ctx context.Context, tenantID, url string, events []string, description string) (CreatedEndpoint, error) {
	var errs model.Errors
	a.checkEndpointURL(&errs, url)
	CheckEnabledEvents(&errs, events)
	model.CheckText(&errs, "/description", description, false, 500)
	if err := errs.Err(); err != nil {
		return CreatedEndpoint{}, err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return CreatedEndpoint{}, err
	}
	now := a.now()
	w := model.WebhookEndpoint{TenantID: tenantID, ID: a.newID(model.PrefixWebhookEndpoint), URL: url, Description: description,
		EnabledEvents: events, Secret: secret, CreatedAt: now, UpdatedAt: now}
	err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.CreateWebhookEndpoint(ctx, &w) })
	return CreatedEndpoint{Endpoint: w, Secret: secret}, err
}

// WebhookEndpoint returns one of the tenant's endpoints.
func (a *App) WebhookEndpoint(ctx context.Context, tenantID, id string) (model.WebhookEndpoint, error) {
	return a.store.WebhookEndpoint(ctx, tenantID, id)
}

// WebhookEndpoints lists the tenant's endpoints.
func (a *App) WebhookEndpoints(ctx context.Context, tenantID string, p model.Page) ([]model.WebhookEndpoint, bool, error) {
	return a.store.WebhookEndpoints(ctx, tenantID, p)
}

// EndpointChange is a change to an endpoint; nil fields stay.
type EndpointChange struct {
	URL           *string
	EnabledEvents []string // nil: unchanged
	Description   *string
	Disabled      *bool
}

// UpdateWebhookEndpoint changes an endpoint under its row lock; check runs on the current
// endpoint first (If-Match). Re-enabling an endpoint Rebound disabled clears its failure streak.
func (a *App) UpdateWebhookEndpoint(ctx context.Context, tenantID, id string, check func(model.WebhookEndpoint) error, ch EndpointChange) (model.WebhookEndpoint, error) {
	var out model.WebhookEndpoint
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		w, err := tx.UpdateWebhookEndpoint(ctx, tenantID, id, func(w *model.WebhookEndpoint) error {
			if check != nil {
				if err := check(*w); err != nil {
					return err
				}
			}
			var errs model.Errors
			if ch.URL != nil {
				w.URL = *ch.URL
				a.checkEndpointURL(&errs, w.URL)
			}
			if ch.EnabledEvents != nil {
				w.EnabledEvents = ch.EnabledEvents
				CheckEnabledEvents(&errs, w.EnabledEvents)
			}
			if ch.Description != nil {
				w.Description = *ch.Description
				model.CheckText(&errs, "/description", w.Description, false, 500)
			}
			if ch.Disabled != nil {
				if w.Disabled && !*ch.Disabled {
					w.FailingSince, w.DisabledReason = nil, ""
				}
				if *ch.Disabled && !w.Disabled {
					w.DisabledReason = "Disabled through the API."
				}
				w.Disabled = *ch.Disabled
			}
			w.UpdatedAt = a.now()
			return errs.Err()
		})
		out = w
		return err
	})
	return out, err
}

// DeleteWebhookEndpoint deletes an endpoint and its delivery log.
func (a *App) DeleteWebhookEndpoint(ctx context.Context, tenantID, id string) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.DeleteWebhookEndpoint(ctx, tenantID, id) })
}

// RotateWebhookSecret gives the endpoint a new signing secret; the previous one keeps signing
// for secretOverlap.
func (a *App) RotateWebhookSecret(ctx context.Context, tenantID, id string) (CreatedEndpoint, error) {
	secret, err := webhook.NewSecret()
	if err != nil {
		return CreatedEndpoint{}, err
	}
	var out CreatedEndpoint
	err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := a.now()
		w, err := tx.UpdateWebhookEndpoint(ctx, tenantID, id, func(w *model.WebhookEndpoint) error {
			previous, expires := w.Secret, now.Add(secretOverlap)
			w.PreviousSecret, w.PreviousSecretExpiresAt, w.Secret, w.UpdatedAt = &previous, &expires, secret, now
			return nil
		})
		out = CreatedEndpoint{Endpoint: w, Secret: secret}
		return err
	})
	return out, err
}

// DeliveryWithAttempts is a delivery with its latest attempts.
type DeliveryWithAttempts struct {
	Delivery model.WebhookDelivery
	Attempts []model.WebhookAttempt
}

// attemptsPerDelivery is how many attempts the delivery log shows per delivery.
const attemptsPerDelivery = 5

// WebhookDeliveries lists a page of an endpoint's deliveries and, in one more query, the latest
// attempts of each; another tenant's endpoint is not found.
func (a *App) WebhookDeliveries(ctx context.Context, tenantID, endpointID string, p model.Page) ([]DeliveryWithAttempts, bool, error) {
	if _, err := a.store.WebhookEndpoint(ctx, tenantID, endpointID); err != nil {
		return nil, false, err
	}
	rows, more, err := a.store.WebhookDeliveries(ctx, tenantID, endpointID, p)
	if err != nil {
		return nil, false, err
	}
	ids := make([]string, 0, len(rows))
	for _, d := range rows {
		ids = append(ids, d.ID)
	}
	attempts, err := a.store.WebhookAttempts(ctx, tenantID, ids, attemptsPerDelivery)
	if err != nil {
		return nil, false, err
	}
	out := make([]DeliveryWithAttempts, 0, len(rows))
	for _, d := range rows {
		out = append(out, DeliveryWithAttempts{Delivery: d, Attempts: attempts[d.ID]})
	}
	return out, more, nil
}

// ErrEndpointDisabled means a ping or redelivery named a disabled endpoint.
var ErrEndpointDisabled = &model.ConflictError{Detail: "The endpoint is disabled; re-enable it with PATCH {\"disabled\": false} first."}

// TestWebhookEndpoint queues a ping event for one endpoint.
func (a *App) TestWebhookEndpoint(ctx context.Context, tenantID, id string) (model.WebhookDelivery, error) {
	var out model.WebhookDelivery
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		w, err := tx.WebhookEndpoint(ctx, tenantID, id)
		if err != nil {
			return err
		}
		if w.Disabled {
			return ErrEndpointDisabled
		}
		ev, err := a.record(ctx, tx, tenantID, model.EventPing, wire.Ping{Object: "ping", EndpointID: id, Message: "Hello from Rebound."}, eventRefs{})
		if err != nil {
			return err
		}
		out, err = a.enqueue(ctx, tx, tenantID, id, ev)
		return err
	})
	return out, err
}

func (a *App) enqueue(ctx context.Context, tx *store.Tx, tenantID, endpointID string, ev model.Event) (model.WebhookDelivery, error) {
	d, err := tx.EnqueueDelivery(ctx, tenantID, endpointID, ev, a.now())
	if err == nil {
		if st, ok := ctx.Value(txKey{}).(*txState); ok {
			st.deliveries++
		}
	}
	return d, err
}

// RedeliverEvent queues an event again for one endpoint (endpointID non-nil) or for every
// enabled endpoint subscribed to its type. An unknown endpoint is a validation error on
// /endpoint_id.
func (a *App) RedeliverEvent(ctx context.Context, tenantID, eventID string, endpointID *string) ([]model.WebhookDelivery, error) {
	var queued []model.WebhookDelivery
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		ev, err := tx.Event(ctx, tenantID, eventID)
		if err != nil {
			return err
		}
		var targets []model.WebhookEndpoint
		if endpointID != nil {
			w, err := tx.WebhookEndpoint(ctx, tenantID, *endpointID)
			if errors.Is(err, model.ErrNotFound) {
				return &model.ValidationError{Errors: []model.FieldError{{Pointer: "/endpoint_id", Detail: "no such webhook endpoint"}}}
			}
			if err != nil {
				return err
			}
			if w.Disabled {
				return ErrEndpointDisabled
			}
			targets = append(targets, w)
		} else {
			all, _, err := tx.WebhookEndpoints(ctx, tenantID, model.Page{Limit: maxRedeliveryTargets})
			if err != nil {
				return err
			}
			for _, w := range all {
				if w.Wants(ev.Type) {
					targets = append(targets, w)
				}
			}
		}
		for _, w := range targets {
			d, err := a.enqueue(ctx, tx, tenantID, w.ID, ev)
			if err != nil {
				return err
			}
			queued = append(queued, d)
		}
		return nil
	})
	return queued, err
}

// RecordDeliveryAttempt stores the outcome of one webhook attempt and, when the endpoint has
// now failed for disableAfter without a break, disables it and records
// webhook_endpoint.disabled, in one transaction.
func (a *App) RecordDeliveryAttempt(ctx context.Context, d model.WebhookDelivery, o store.AttemptOutcome, disableAfter time.Duration) (disabled bool, err error) {
	err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		w, disabledNow, err := tx.RecordAttempt(ctx, d, o, disableAfter)
		if err != nil || !disabledNow {
			return err
		}
		disabled = true
		_, err = a.record(ctx, tx, d.TenantID, model.EventWebhookEndpointDisabled, wire.FromWebhookEndpoint(w), eventRefs{subjectID: w.ID})
		return err
	})
	return disabled, err
}
