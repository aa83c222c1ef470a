package store

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// EventPayload is the body of an event as /v1/events and webhooks deliver it.
type EventPayload struct {
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Data      EventData `json:"data"`
}

// EventData wraps the resource the event is about.
type EventData struct {
	Object any `json:"object"`
}

// DeletedObject is what a deletion event carries: the id and type, no personal data.
type DeletedObject struct {
	Object  string `json:"object"`
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

// RecordEvent writes an event about object (the resource as the API renders it). Call it on
// the transaction that makes the change, so the event exists if and only if the change does.
// candidateID names whose personal data object holds ("" for none), so erasing the candidate
// erases the event too.
func (s *Store) RecordEvent(ctx context.Context, tenantID, eventType string, object any, candidateID string) (model.Event, error) {
	if tenantID == "" {
		return model.Event{}, model.ErrNoTenant
	}
	now := Now()
	ev := model.Event{TenantID: tenantID, ID: model.NewID(model.PrefixEvent), Type: eventType, CreatedAt: now}
	payload, err := json.Marshal(EventPayload{Object: "event", ID: ev.ID, Type: eventType, CreatedAt: now, Data: EventData{Object: object}})
	if err != nil {
		return model.Event{}, fmt.Errorf("encode event: %w", err)
	}
	ev.Payload = payload
	if candidateID != "" {
		ev.CandidateID = &candidateID
	}
	if err := s.db.WithContext(ctx).Create(&ev).Error; err != nil {
		return model.Event{}, translate(err, "record event")
	}
	if eventType != model.EventPing {
		if err := s.fanOut(ctx, ev); err != nil {
			return model.Event{}, err
		}
	}
	return ev, nil
}

// EventFilter narrows an event list.
type EventFilter struct {
	Type         string
	CreatedAfter *time.Time
}

// Events lists the tenant's events, newest first.
func (s *Store) Events(ctx context.Context, tenantID string, f EventFilter, p Page) ([]model.Event, bool, error) {
	q := s.scoped(ctx, tenantID)
	if f.Type != "" {
		q = q.Where("type = ?", f.Type)
	}
	if f.CreatedAfter != nil {
		q = q.Where("id > ?", idFloor(model.PrefixEvent, *f.CreatedAfter))
	}
	var rows []model.Event
	if err := p.apply(q).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list events")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// Event returns one of the tenant's events.
func (s *Store) Event(ctx context.Context, tenantID, id string) (model.Event, error) {
	var ev model.Event
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&ev).Error
	return ev, translate(err, "event")
}

// PurgeEvents deletes one tenant's events older than the retention, at most limit of them.
// Ids are UUIDv7, so "older than t" is an id range on the primary key.
func (s *Store) PurgeEvents(ctx context.Context, tenantID string, olderThan time.Time, limit int) (int64, error) {
	sub := s.scoped(ctx, tenantID).Model(&model.Event{}).Select("id").Where("id < ?", idFloor(model.PrefixEvent, olderThan)).Order("id").Limit(limit)
	res := s.scoped(ctx, tenantID).Where("id IN (?)", sub).Delete(&model.Event{})
	return res.RowsAffected, translate(res.Error, "purge events")
}

// TenantIDs lists every tenant id, for maintenance that works tenant by tenant.
func (s *Store) TenantIDs(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Model(&model.Tenant{}).Order("id").Pluck("id", &ids).Error
	return ids, translate(err, "list tenants")
}

// idFloor is the smallest id of the given type created at or after t: UUIDv7 begins with the
// 48-bit millisecond timestamp, so comparing ids compares creation times.
func idFloor(prefix string, t time.Time) string {
	ms := uint64(t.UnixMilli())
	b := []byte{byte(ms >> 40), byte(ms >> 32), byte(ms >> 24), byte(ms >> 16), byte(ms >> 8), byte(ms)}
	return prefix + "_" + hex.EncodeToString(b) + "00000000000000000000"
}
