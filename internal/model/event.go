package model

import (
	"encoding/json"
	"time"
)

// PrefixEvent names event ids.
const PrefixEvent = "evt"

// Event types. Each state change records one, in the same transaction as the change.
const (
	EventCandidateCreated = "candidate.created"
	EventCandidateUpdated = "candidate.updated"
	EventCandidateDeleted = "candidate.deleted"
	EventRejectionCreated = "rejection.created"
	EventRejectionUpdated = "rejection.updated"
	EventRejectionDeleted = "rejection.deleted"
)

// EventTypes lists every event type a platform can receive or filter by. Features add theirs
// here as they land.
var EventTypes = []string{
	EventCandidateCreated, EventCandidateUpdated, EventCandidateDeleted,
	EventRejectionCreated, EventRejectionUpdated, EventRejectionDeleted,
}

// Event is one recorded change. Payload is the event exactly as the API and webhooks deliver it.
// It is a json.RawMessage, not a plain []byte, so that pgx sends it as JSON even when it does not
// ask the server for parameter types (store.PoolTransaction): a plain []byte would go as bytea.
type Event struct {
	TenantID    string `gorm:"primaryKey"`
	ID          string `gorm:"primaryKey"`
	Type        string
	Payload     json.RawMessage
	CandidateID *string   // whose personal data the payload holds (erasure, export)
	RejectionID *string   // the rejection the event belongs to (deleting it redacts the event)
	SubjectID   *string   // the record the event is about, when it is not the rejection itself
	Redacted    bool      // the payload was replaced because the data it held was deleted
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}
