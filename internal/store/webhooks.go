package store

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateWebhookEndpoint inserts an endpoint.
func (tx *Tx) CreateWebhookEndpoint(ctx context.Context, w *model.WebhookEndpoint) error {
	return translate(tx.db.WithContext(ctx).Create(w).Error, "create webhook endpoint")
}

// WebhookEndpoint returns one of the tenant's endpoints.
func (q *queries) WebhookEndpoint(ctx context.Context, tenantID, id string) (model.WebhookEndpoint, error) {
	var w model.WebhookEndpoint
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&w).Error
	return w, translate(err, "webhook endpoint")
}

// WebhookEndpoints lists the tenant's endpoints, newest first.
func (q *queries) WebhookEndpoints(ctx context.Context, tenantID string, p model.Page) ([]model.WebhookEndpoint, bool, error) {
	return list[model.WebhookEndpoint](q.scoped(ctx, tenantID), p, "list webhook endpoints")
}

// UpdateWebhookEndpoint reads the endpoint under a row lock, lets change modify it and writes
// back the columns a client can change (never the dispatcher's lease columns, which another
// process updates without this lock).
func (tx *Tx) UpdateWebhookEndpoint(ctx context.Context, tenantID, id string, change func(*model.WebhookEndpoint) error) (model.WebhookEndpoint, error) {
	var w model.WebhookEndpoint
	if err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&w).Error; err != nil {
		return w, translate(err, "webhook endpoint")
	}
	if err := change(&w); err != nil {
		return w, err
	}
	w.TenantID, w.ID = tenantID, id
	err := tx.scoped(ctx, tenantID).Model(&model.WebhookEndpoint{}).Where("id = ?", id).Updates(map[string]any{
		"url": w.URL, "description": w.Description, "enabled_events": jsonColumn(w.EnabledEvents), "disabled": w.Disabled,
		"disabled_reason": w.DisabledReason, "secret": w.Secret, "previous_secret": w.PreviousSecret,
		"previous_secret_expires_at": w.PreviousSecretExpiresAt, "failing_since": w.FailingSince, "updated_at": w.UpdatedAt,
	}).Error
	return w, translate(err, "update webhook endpoint")
}

// DeleteWebhookEndpoint deletes an endpoint and its delivery history.
func (tx *Tx) DeleteWebhookEndpoint(ctx context.Context, tenantID, id string) error {
	if err := tx.flushOutbox(ctx); err != nil {
		return err
	}
	res := tx.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.WebhookEndpoint{})
	if res.Error != nil {
		return translate(res.Error, "delete webhook endpoint")
	}
	if res.RowsAffected == 0 {
		return translate(errNotFound, "webhook endpoint")
	}
	return nil
}

// fanOut queues ev for every endpoint of the tenant that subscribes to its type, in the outbox
// (RecordEvent); the endpoints are read once per transaction.
func (tx *Tx) fanOut(ctx context.Context, ev model.Event) (int, error) {
	// One transaction often records several events (a rejection and its new plan); the
	// subscriptions are read once per transaction.
	endpoints, ok := tx.subscribers[ev.TenantID]
	if !ok {
		if err := tx.scoped(ctx, ev.TenantID).Select("tenant_id", "id", "enabled_events", "disabled").Where("disabled = ?", false).Find(&endpoints).Error; err != nil {
			return 0, translate(err, "find webhook endpoints")
		}
		if tx.subscribers == nil {
			tx.subscribers = map[string][]model.WebhookEndpoint{}
		}
		tx.subscribers[ev.TenantID] = endpoints
	}
	var deliveries []model.WebhookDelivery
	for _, w := range endpoints {
		if w.Wants(ev.Type) {
			deliveries = append(deliveries, newDelivery(ev.TenantID, w.ID, ev, ev.CreatedAt))
		}
	}
	tx.outbox.deliveries = append(tx.outbox.deliveries, deliveries...)
	return len(deliveries), nil
}

func newDelivery(tenantID, endpointID string, ev model.Event, now time.Time) model.WebhookDelivery {
	return model.WebhookDelivery{
		TenantID: tenantID, ID: model.NewID(model.PrefixWebhookDelivery), EndpointID: endpointID,
		EventID: ev.ID, EventType: ev.Type, Status: model.DeliveryPending, NextAttemptAt: now, CreatedAt: now,
	}
}

// EnqueueDelivery owes ev to one endpoint (redelivery, ping).
func (tx *Tx) EnqueueDelivery(ctx context.Context, tenantID, endpointID string, ev model.Event, now time.Time) (model.WebhookDelivery, error) {
	if err := tx.flushOutbox(ctx); err != nil {
		return model.WebhookDelivery{}, err
	}
	d := newDelivery(tenantID, endpointID, ev, now)
	return d, translate(tx.db.WithContext(ctx).Create(&d).Error, "enqueue delivery")
}

// WebhookDeliveries lists an endpoint's deliveries, newest first.
func (q *queries) WebhookDeliveries(ctx context.Context, tenantID, endpointID string, p model.Page) ([]model.WebhookDelivery, bool, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return nil, false, err
	}
	return list[model.WebhookDelivery](q.scoped(ctx, tenantID).Where("endpoint_id = ?", endpointID), p, "list deliveries")
}

// WebhookAttempts returns the attempts of the given deliveries in one query (no N+1), newest
// first, at most perDelivery of each.
func (q *queries) WebhookAttempts(ctx context.Context, tenantID string, deliveryIDs []string, perDelivery int) (map[string][]model.WebhookAttempt, error) {
	out := map[string][]model.WebhookAttempt{}
	if len(deliveryIDs) == 0 {
		return out, nil
	}
	var rows []model.WebhookAttempt
	if err := q.scoped(ctx, tenantID).Where("delivery_id IN ?", deliveryIDs).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "list attempts")
	}
	for _, a := range rows {
		if len(out[a.DeliveryID]) < perDelivery {
			out[a.DeliveryID] = append(out[a.DeliveryID], a)
		}
	}
	return out, nil
}

// EndpointRef names one tenant's endpoint.
type EndpointRef struct {
	TenantID   string
	EndpointID string
}

// EndpointsWithDueDeliveries lists, across tenants, the endpoints that have a pending delivery
// due by now, at most limit, in one query on the index webhook_deliveries_status_due: the
// dispatcher's tick costs the same with ten tenants or ten thousand.
func (q *queries) EndpointsWithDueDeliveries(ctx context.Context, now time.Time, limit int) ([]EndpointRef, error) {
	var rows []EndpointRef
	err := q.db.WithContext(ctx).Model(&model.WebhookDelivery{}).Select("tenant_id, endpoint_id").
		Where("status = ? AND next_attempt_at <= ?", model.DeliveryPending, now).
		Group("tenant_id, endpoint_id").Order("min(next_attempt_at)").Limit(limit).Scan(&rows).Error
	return rows, translate(err, "endpoints with due deliveries")
}

// OldestDueDelivery is when the oldest pending delivery that is due by now was due (zero when
// none): the webhook backlog metric.
func (q *queries) OldestDueDelivery(ctx context.Context, now time.Time) (time.Time, error) {
	var d []model.WebhookDelivery
	err := q.db.WithContext(ctx).Select("next_attempt_at").Where("status = ? AND next_attempt_at <= ?", model.DeliveryPending, now).
		Order("next_attempt_at").Limit(1).Find(&d).Error
	if err != nil || len(d) == 0 {
		return time.Time{}, translate(err, "oldest due delivery")
	}
	return d[0].NextAttemptAt, nil
}

// ClaimEndpoint leases an endpoint to one holder until until. token identifies this one claim
// (a fresh random value per dispatch turn), so a holder renews only its own lease and a late
// release cannot drop someone else's. The conditional update is the lock: of several replicas
// racing for an endpoint exactly one wins, so each endpoint's events go out one at a time, in
// order, from one process.
func (s *Store) ClaimEndpoint(ctx context.Context, tenantID, endpointID, token string, now, until time.Time) (bool, error) {
	res := s.scoped(ctx, tenantID).Model(&model.WebhookEndpoint{}).
		Where("id = ? AND disabled = ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)", endpointID, false, now, token).
		Updates(map[string]any{"lease_until": until, "lease_owner": token})
	return res.RowsAffected == 1, translate(res.Error, "claim endpoint")
}

// ReleaseEndpoint gives up a lease early, only if token still holds it.
func (s *Store) ReleaseEndpoint(ctx context.Context, tenantID, endpointID, token string) error {
	return translate(s.scoped(ctx, tenantID).Model(&model.WebhookEndpoint{}).Where("id = ? AND lease_owner = ?", endpointID, token).
		Updates(map[string]any{"lease_until": nil, "lease_owner": nil}).Error, "release endpoint")
}

// NextPendingDelivery is the endpoint's oldest pending delivery with its event, or ErrNotFound.
// Deliveries are attempted strictly in order: a delivery waiting for its retry holds back the
// ones behind it.
func (q *queries) NextPendingDelivery(ctx context.Context, tenantID, endpointID string) (model.WebhookDelivery, model.Event, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return model.WebhookDelivery{}, model.Event{}, err
	}
	var d model.WebhookDelivery
	if err := q.scoped(ctx, tenantID).Where("endpoint_id = ? AND status = ?", endpointID, model.DeliveryPending).Order("id").Take(&d).Error; err != nil {
		return d, model.Event{}, translate(err, "next delivery")
	}
	ev, err := q.Event(ctx, tenantID, d.EventID)
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
// endpoint is disabled, and the endpoint is returned with disabledNow true so the caller records
// the webhook_endpoint.disabled event in the same transaction.
func (tx *Tx) RecordAttempt(ctx context.Context, d model.WebhookDelivery, o AttemptOutcome, disableAfter time.Duration) (w model.WebhookEndpoint, disabledNow bool, err error) {
	if err = tx.flushOutbox(ctx); err != nil {
		return w, false, err
	}
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
		return w, false, translate(err, "record attempt")
	}
	if err := tx.scoped(ctx, d.TenantID).Model(&model.WebhookDelivery{}).Where("id = ?", d.ID).Updates(updates).Error; err != nil {
		return w, false, translate(err, "update delivery")
	}
	if w, err = tx.WebhookEndpoint(ctx, d.TenantID, d.EndpointID); err != nil {
		return w, false, err
	}
	ep := tx.scoped(ctx, d.TenantID).Model(&model.WebhookEndpoint{}).Where("id = ?", d.EndpointID)
	switch {
	case o.Succeeded:
		if w.FailingSince != nil {
			return w, false, translate(ep.Update("failing_since", nil).Error, "clear failure streak")
		}
		return w, false, nil
	case w.FailingSince == nil:
		return w, false, translate(ep.Update("failing_since", o.At).Error, "start failure streak")
	case o.At.Sub(*w.FailingSince) < disableAfter || w.Disabled:
		return w, false, nil
	}
	w.Disabled, w.DisabledReason, w.UpdatedAt = true, "Every delivery failed for 3 days; fix the endpoint, then re-enable it with PATCH {\"disabled\": false}.", o.At
	if err := ep.Updates(map[string]any{"disabled": true, "disabled_reason": w.DisabledReason, "updated_at": o.At}).Error; err != nil {
		return w, false, translate(err, "disable endpoint")
	}
	return w, true, nil
}
