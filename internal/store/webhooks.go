package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateWebhookEndpoint inserts an endpoint.
func (s *Store) CreateWebhookEndpoint(ctx context.Context, w *model.WebhookEndpoint) error {
	now := Now()
	w.CreatedAt, w.UpdatedAt = now, now
	return translate(s.db.WithContext(ctx).Create(w).Error, "create webhook endpoint")
}

// WebhookEndpoint returns one of the tenant's endpoints.
func (s *Store) WebhookEndpoint(ctx context.Context, tenantID, id string) (model.WebhookEndpoint, error) {
	var w model.WebhookEndpoint
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&w).Error
	return w, translate(err, "webhook endpoint")
}

// WebhookEndpoints lists the tenant's endpoints, newest first.
func (s *Store) WebhookEndpoints(ctx context.Context, tenantID string, p Page) ([]model.WebhookEndpoint, bool, error) {
	var rows []model.WebhookEndpoint
	if err := p.apply(s.scoped(ctx, tenantID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list webhook endpoints")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// UpdateWebhookEndpoint reads the endpoint under a row lock, lets change modify it and writes it
// back in one transaction.
func (s *Store) UpdateWebhookEndpoint(ctx context.Context, tenantID, id string, change func(*model.WebhookEndpoint) error) (model.WebhookEndpoint, error) {
	var out model.WebhookEndpoint
	err := s.WithTx(ctx, func(tx *Store) error {
		var w model.WebhookEndpoint
		if err := tx.scoped(ctx, tenantID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&w).Error; err != nil {
			return translate(err, "webhook endpoint")
		}
		if err := change(&w); err != nil {
			return err
		}
		w.TenantID, w.ID = tenantID, id
		w.UpdatedAt = Now()
		if err := tx.db.WithContext(ctx).Save(&w).Error; err != nil {
			return translate(err, "update webhook endpoint")
		}
		out = w
		return nil
	})
	return out, err
}

// DeleteWebhookEndpoint deletes an endpoint and its delivery history.
func (s *Store) DeleteWebhookEndpoint(ctx context.Context, tenantID, id string) error {
	res := s.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.WebhookEndpoint{})
	if res.Error != nil {
		return translate(res.Error, "delete webhook endpoint")
	}
	if res.RowsAffected == 0 {
		return translate(errNotFound, "webhook endpoint")
	}
	return nil
}

// fanOut queues ev for every endpoint of the tenant that subscribes to its type. It runs inside
// RecordEvent's transaction, so an event and its deliveries exist together or not at all.
func (s *Store) fanOut(ctx context.Context, ev model.Event) error {
	var endpoints []model.WebhookEndpoint
	if err := s.scoped(ctx, ev.TenantID).Where("disabled = ?", false).Find(&endpoints).Error; err != nil {
		return translate(err, "find webhook endpoints")
	}
	for _, w := range endpoints {
		if w.Wants(ev.Type) {
			if _, err := s.EnqueueDelivery(ctx, ev.TenantID, w.ID, ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// EnqueueDelivery owes ev to one endpoint (fan-out, redelivery, ping).
func (s *Store) EnqueueDelivery(ctx context.Context, tenantID, endpointID string, ev model.Event) (model.WebhookDelivery, error) {
	now := Now()
	d := model.WebhookDelivery{
		TenantID: tenantID, ID: model.NewID(model.PrefixWebhookDelivery), EndpointID: endpointID,
		EventID: ev.ID, EventType: ev.Type, Status: model.DeliveryPending, NextAttemptAt: now, CreatedAt: now,
	}
	return d, translate(s.db.WithContext(ctx).Create(&d).Error, "enqueue delivery")
}

// WebhookDeliveries lists an endpoint's deliveries, newest first.
func (s *Store) WebhookDeliveries(ctx context.Context, tenantID, endpointID string, p Page) ([]model.WebhookDelivery, bool, error) {
	var rows []model.WebhookDelivery
	if err := p.apply(s.scoped(ctx, tenantID).Where("endpoint_id = ?", endpointID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list deliveries")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// WebhookAttempts returns the attempts of the given deliveries in one query (no N+1), newest
// first, at most perDelivery of each.
func (s *Store) WebhookAttempts(ctx context.Context, tenantID string, deliveryIDs []string, perDelivery int) (map[string][]model.WebhookAttempt, error) {
	out := map[string][]model.WebhookAttempt{}
	if len(deliveryIDs) == 0 {
		return out, nil
	}
	var rows []model.WebhookAttempt
	if err := s.scoped(ctx, tenantID).Where("delivery_id IN ?", deliveryIDs).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "list attempts")
	}
	for _, a := range rows {
		if len(out[a.DeliveryID]) < perDelivery {
			out[a.DeliveryID] = append(out[a.DeliveryID], a)
		}
	}
	return out, nil
}

// EndpointsWithPendingDeliveries lists the tenant's endpoints that have deliveries waiting.
func (s *Store) EndpointsWithPendingDeliveries(ctx context.Context, tenantID string) ([]string, error) {
	var ids []string
	err := s.scoped(ctx, tenantID).Model(&model.WebhookDelivery{}).Where("status = ?", model.DeliveryPending).
		Distinct("endpoint_id").Pluck("endpoint_id", &ids).Error
	return ids, translate(err, "pending endpoints")
}

// ClaimEndpoint leases an endpoint to one dispatcher until until. The conditional update is the
// lock: of several replicas racing for an endpoint exactly one wins, so each endpoint's events
// go out one at a time, in order, from one process.
func (s *Store) ClaimEndpoint(ctx context.Context, tenantID, endpointID, owner string, until time.Time) (bool, error) {
	now := Now()
	res := s.scoped(ctx, tenantID).Model(&model.WebhookEndpoint{}).
		Where("id = ? AND disabled = ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)", endpointID, false, now, owner).
		Updates(map[string]any{"lease_until": until, "lease_owner": owner})
	return res.RowsAffected == 1, translate(res.Error, "claim endpoint")
}

// ReleaseEndpoint gives up a lease early.
func (s *Store) ReleaseEndpoint(ctx context.Context, tenantID, endpointID, owner string) error {
	return translate(s.scoped(ctx, tenantID).Model(&model.WebhookEndpoint{}).Where("id = ? AND lease_owner = ?", endpointID, owner).
		Updates(map[string]any{"lease_until": nil, "lease_owner": nil}).Error, "release endpoint")
}

// NextPendingDelivery is the endpoint's oldest pending delivery with its event, or ErrNotFound.
// Deliveries are attempted strictly in order: a delivery waiting for its retry holds back the
// ones behind it.
func (s *Store) NextPendingDelivery(ctx context.Context, tenantID, endpointID string) (model.WebhookDelivery, model.Event, error) {
	var d model.WebhookDelivery
	if err := s.scoped(ctx, tenantID).Where("endpoint_id = ? AND status = ?", endpointID, model.DeliveryPending).Order("id").Take(&d).Error; err != nil {
		return d, model.Event{}, translate(err, "next delivery")
	}
	ev, err := s.Event(ctx, tenantID, d.EventID)
	return d, ev, err
}

// AttemptOutcome is what one HTTP attempt of a delivery produced.
type AttemptOutcome struct {
	At         time.Time
	StatusCode *int
	Duration   time.Duration
	Error      string
	Snippet    string
	Succeeded  bool
	// NextRetry is when to try again after a failure; nil when retries are exhausted.
	NextRetry *time.Time
}

// RecordAttempt stores an attempt and moves the delivery on: succeeded, retried later or failed
// for good. It tracks how long the endpoint has failed without a break; past disableAfter the
// endpoint is disabled and a webhook_endpoint.disabled event recorded (returned as true).
func (s *Store) RecordAttempt(ctx context.Context, d model.WebhookDelivery, o AttemptOutcome, disableAfter time.Duration, disabledEvent func(model.WebhookEndpoint) any) (bool, error) {
	disabled := false
	err := s.WithTx(ctx, func(tx *Store) error {
		a := model.WebhookAttempt{
			TenantID: d.TenantID, ID: model.NewID(model.PrefixWebhookAttempt), DeliveryID: d.ID, AttemptedAt: o.At,
			StatusCode: o.StatusCode, DurationMS: int(o.Duration.Milliseconds()), Error: o.Error, ResponseSnippet: o.Snippet,
		}
		updates := map[string]any{"attempts": d.Attempts + 1, "last_attempt_at": o.At, "last_status_code": o.StatusCode, "last_error": o.Error}
		switch {
		case o.Succeeded:
			updates["status"], updates["delivered_at"] = model.DeliverySucceeded, o.At
		case o.NextRetry != nil:
			updates["next_attempt_at"] = *o.NextRetry
			a.NextRetryAt = o.NextRetry
		default:
			updates["status"] = model.DeliveryFailed
		}
		if err := tx.db.WithContext(ctx).Create(&a).Error; err != nil {
			return translate(err, "record attempt")
		}
		if err := tx.scoped(ctx, d.TenantID).Model(&model.WebhookDelivery{}).Where("id = ?", d.ID).Updates(updates).Error; err != nil {
			return translate(err, "update delivery")
		}
		w, err := tx.WebhookEndpoint(ctx, d.TenantID, d.EndpointID)
		if err != nil {
			return err
		}
		ep := tx.scoped(ctx, d.TenantID).Model(&model.WebhookEndpoint{}).Where("id = ?", d.EndpointID)
		if o.Succeeded {
			return translate(ep.Update("failing_since", nil).Error, "clear failure streak")
		}
		if w.FailingSince == nil {
			return translate(ep.Update("failing_since", o.At).Error, "start failure streak")
		}
		if o.At.Sub(*w.FailingSince) < disableAfter || w.Disabled {
			return nil
		}
		if err := ep.Updates(map[string]any{"disabled": true, "disabled_reason": "Every delivery failed for 3 days; fix the endpoint, then re-enable it with PATCH {\"disabled\": false}.", "updated_at": Now()}).Error; err != nil {
			return translate(err, "disable endpoint")
		}
		w.Disabled = true
		disabled = true
		_, err = tx.RecordEvent(ctx, d.TenantID, model.EventWebhookEndpointDisabled, disabledEvent(w), "")
		return err
	})
	return disabled, err
}
