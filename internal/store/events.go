package store

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// RecordEvent records an event, already rendered by the application layer, and queues a
// delivery for every endpoint of the tenant that subscribes to its type (the outbox). Call it on
// the transaction that makes the change, so the event exists if and only if the change does. It
// returns how many deliveries it queued.
//
// The rows are buffered and written just before the transaction commits, all of its events in
// one multi-row insert and all of their deliveries in another (a new rejection records two
// events; the scheduler's batch, one per step), or earlier, as soon as anything in the
// transaction reads or changes events or deliveries (flushOutbox), so the transaction always
// sees its own events.
func (tx *Tx) RecordEvent(ctx context.Context, ev *model.Event) (int, error) {
	if ev.TenantID == "" {
		return 0, model.ErrNoTenant
	}
	tx.outbox.events = append(tx.outbox.events, *ev)
	if ev.Type == model.EventPing {
		return 0, nil // a ping is addressed to one endpoint by its caller
	}
	return tx.fanOut(ctx, *ev)
}

// outbox holds what a transaction recorded for the event log until it is written (RecordEvent).
type outbox struct {
	events     []model.Event
	deliveries []model.WebhookDelivery
}

// flushOutbox writes the buffered events, then their deliveries (which reference them). Every
// method that reads or changes events or deliveries calls it first; outside a transaction there
// is nothing buffered.
func (q *queries) flushOutbox(ctx context.Context) error {
	o := q.outbox
	if o == nil || len(o.events) == 0 && len(o.deliveries) == 0 {
		return nil
	}
	if q.dialect == DialectPostgres {
		// One statement for the events and their deliveries (see bulkInsertTogether).
		var parts []bulkTable
		if len(o.events) > 0 {
			parts = append(parts, bulkTable{"events", eventColumns(o.events)})
		}
		if len(o.deliveries) > 0 {
			parts = append(parts, bulkTable{"webhook_deliveries", deliveryColumns(o.deliveries)})
		}
		o.events, o.deliveries = nil, nil
		return q.bulkInsertTogether(ctx, parts)
	}
	if len(o.events) > 0 {
		if err := q.db.WithContext(ctx).Create(&o.events).Error; err != nil {
			return translate(err, "record events")
		}
	}
	if len(o.deliveries) > 0 {
		if err := q.db.WithContext(ctx).Create(&o.deliveries).Error; err != nil {
			return translate(err, "enqueue deliveries")
		}
	}
	o.events, o.deliveries = nil, nil
	return nil
}

// Events lists the tenant's events, newest first (or oldest first, see model.Page).
func (q *queries) Events(ctx context.Context, tenantID string, f model.EventFilter, p model.Page) ([]model.Event, bool, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return nil, false, err
	}
	db := q.scoped(ctx, tenantID)
	if f.Type != "" {
		db = db.Where("type = ?", f.Type)
	}
	if f.CandidateID != "" {
		db = db.Where("candidate_id = ?", f.CandidateID)
	}
	if f.CreatedAfter != nil {
		db = db.Where("id > ?", IDFloor(model.PrefixEvent, *f.CreatedAfter))
	}
	return list[model.Event](db, p, "list events")
}

// Event returns one of the tenant's events.
func (q *queries) Event(ctx context.Context, tenantID, id string) (model.Event, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return model.Event{}, err
	}
	var ev model.Event
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&ev).Error
	return ev, translate(err, "event")
}

// CandidateEvents returns the newest events that hold a candidate's personal data, at most
// limit (the candidate export).
func (q *queries) CandidateEvents(ctx context.Context, tenantID, candidateID string, limit int) ([]model.Event, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return nil, err
	}
	var rows []model.Event
	err := q.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate events")
}

// EventsAbout returns the unredacted events whose subject is one of the given records or which
// belong to the rejection, oldest first, at most limit, so that deleting the record can redact
// them.
func (q *queries) EventsAbout(ctx context.Context, tenantID, rejectionID string, subjectIDs []string, limit int) ([]model.Event, error) {
	if err := q.flushOutbox(ctx); err != nil {
		return nil, err
	}
	db := q.scoped(ctx, tenantID).Where("redacted = ?", false)
	switch {
	case rejectionID != "" && len(subjectIDs) > 0:
		db = db.Where("rejection_id = ? OR subject_id IN ?", rejectionID, subjectIDs)
	case rejectionID != "":
		db = db.Where("rejection_id = ?", rejectionID)
	default:
		db = db.Where("subject_id IN ?", subjectIDs)
	}
	var rows []model.Event
	err := db.Order("id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "events about")
}

// ReplacePayload overwrites an event's payload (redaction: the personal data it carried was
// deleted). Deliveries not yet sent then send the redacted payload. The payload goes as a
// json.RawMessage for the reason model.Event.Payload is one.
func (tx *Tx) ReplacePayload(ctx context.Context, tenantID, eventID string, payload []byte) error {
	if err := tx.flushOutbox(ctx); err != nil {
		return err
	}
	return translate(tx.scoped(ctx, tenantID).Model(&model.Event{}).Where("id = ?", eventID).
		Updates(map[string]any{"payload": json.RawMessage(payload), "redacted": true}).Error, "redact event")
}

// PurgeEvents deletes events older than the retention, across tenants, at most limit of them:
// one statement per batch whatever the number of tenants. Ids are UUIDv7, so "older than t" is
// an id range on the primary key (tenant_id, id).
//
// The statement walks the tenants and, for each, probes its oldest events on the primary key
// (PostgreSQL: a LATERAL subquery per tenant, limited, then the batch's own limit; SQLite, which
// has no LATERAL: the same nested loop from a plain join on the key). So a batch costs one
// index descent per tenant inside one statement (see docs/performance.md, "Background work at
// 10,000 tenants"), not one statement per tenant. The alternative, an index on events (id)
// across tenants, would make the batch a single range scan but costs every write: events are
// inserted by every state change, and the outbox is the busiest table there is. The purge runs
// every five minutes; the write path runs on every request, so the purge pays.
func (s *Store) PurgeEvents(ctx context.Context, olderThan time.Time, limit int) (int64, error) {
	floor := IDFloor(model.PrefixEvent, olderThan)
	q := `DELETE FROM events WHERE (tenant_id, id) IN (
		SELECT old.tenant_id, old.id FROM tenants t CROSS JOIN LATERAL (
			SELECT e.tenant_id, e.id FROM events e WHERE e.tenant_id = t.id AND e.id < ? ORDER BY e.id LIMIT ?
		) old LIMIT ?)`
	args := []any{floor, limit, limit}
	if s.dialect != DialectPostgres {
		q = `DELETE FROM events WHERE (tenant_id, id) IN (
			SELECT e.tenant_id, e.id FROM tenants t JOIN events e ON e.tenant_id = t.id AND e.id < ? LIMIT ?)`
		args = []any{floor, limit}
	}
	res := s.db.WithContext(ctx).Exec(q, args...)
	return res.RowsAffected, translate(res.Error, "purge events")
}

// IDFloor is the smallest id of the given type created at or after t: UUIDv7 begins with the
// 48-bit millisecond timestamp, so comparing ids compares creation times.
func IDFloor(prefix string, t time.Time) string {
	ms := uint64(t.UnixMilli())
	b := []byte{byte(ms >> 40), byte(ms >> 32), byte(ms >> 24), byte(ms >> 16), byte(ms >> 8), byte(ms)}
	return prefix + "_" + hex.EncodeToString(b) + "00000000000000000000"
}
