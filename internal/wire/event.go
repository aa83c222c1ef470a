package wire

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Event is the envelope of every event, as GET /v1/events returns it and webhooks deliver it.
// The OpenAPI document describes it as one schema per EventFamily, told apart by type.
type Event struct {
	Object string `json:"object" example:"event"`
	ID     string `json:"id" example:"evt_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	Type   string `json:"type" example:"rejection.created"`
	// The API version data.object is written in (the Rebound-Version of the API that recorded
	// the event). Events recorded before 2026-12-01 do not carry it; they are purged after the
	// retention period (30 days by default).
	APIVersion string    `json:"api_version,omitempty" example:"2026-12-01"`
	CreatedAt  time.Time `json:"created_at" example:"2026-11-20T09:31:00Z"`
	Data       EventData `json:"data"`
} //	@name	Event

// EventData holds the resource the event is about, as the API returns it; for a deletion only
// {object, id, deleted: true}.
type EventData struct {
	Object any `json:"object" swaggertype:"object"`
} //	@name	EventData

// MaxEventPayloadBytes bounds every event payload: webhooks push it to every subscribed
// endpoint, so it must stay small whatever the resource holds.
const MaxEventPayloadBytes = 64 << 10

// EncodeEvent renders an event's payload, refusing one over MaxEventPayloadBytes (the
// representations are bounded, so this is a bug check, not a limit a client can reach).
func EncodeEvent(id, eventType string, at time.Time, object any) ([]byte, error) {
	b, err := json.Marshal(Event{Object: "event", ID: id, Type: eventType, APIVersion: APIVersion, CreatedAt: at.UTC(), Data: EventData{Object: object}})
	if err != nil {
		return nil, fmt.Errorf("encode event: %w", err)
	}
	if len(b) > MaxEventPayloadBytes {
		return nil, fmt.Errorf("encode event: %s payload of %d bytes exceeds %d", eventType, len(b), MaxEventPayloadBytes)
	}
	return b, nil
}

// Ping is data.object of a ping event.
type Ping struct {
	Object     string `json:"object" example:"ping"`
	EndpointID string `json:"endpoint_id" example:"we_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Message    string `json:"message" example:"Hello from Rebound."`
} //	@name	Ping

// DeletedObject is data.object of a deletion event: the id and type, no personal data.
type DeletedObject struct {
	Object  string `json:"object" example:"candidate"`
	ID      string `json:"id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Deleted bool   `json:"deleted" example:"true"`
} //	@name	DeletedObject

// Deleted renders a deletion.
func Deleted(object, id string) DeletedObject {
	return DeletedObject{Object: object, ID: id, Deleted: true}
}

// RedactedObject replaces data.object of an event whose personal data was deleted after it was
// recorded (a deleted rejection or feedback, retention): the type and id stay, nothing else.
type RedactedObject struct {
	Object   string `json:"object" example:"rejection"`
	ID       string `json:"id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	Redacted bool   `json:"redacted" example:"true"`
} //	@name	RedactedObject

// EventFamily groups the event types whose data.object has the same schema. The OpenAPI
// document describes an event as one schema per family with its types as the enum of `type`,
// and Event as their union told apart by `type`, so a generated client decodes each event into
// its own typed payload.
type EventFamily struct {
	// Schema names the family's event schema in openapi.yaml.
	Schema string
	// Payload names the schema of data.object.
	Payload string
	// Types are the family's event types.
	Types []string
	// Redactable: data.object becomes a RedactedObject once the personal data it carried is
	// deleted (a deleted rejection or feedback).
	Redactable bool
}

// EventFamilies lists every event type Rebound records, grouped by the schema of its payload
// (docs/webhooks.md has the same table in prose).
func EventFamilies() []EventFamily {
	return []EventFamily{
		{Schema: "CandidateEvent", Payload: "Candidate", Types: []string{model.EventCandidateCreated, model.EventCandidateUpdated}},
		{Schema: "RejectionEvent", Payload: "Rejection", Types: []string{model.EventRejectionCreated, model.EventRejectionUpdated}, Redactable: true},
		{Schema: "FeedbackRequestEvent", Payload: "FeedbackRequest", Types: []string{model.EventFeedbackRequestCreated, model.EventFeedbackRequestSent,
			model.EventFeedbackRequestResponded, model.EventFeedbackRequestDeclined, model.EventFeedbackRequestExpired, model.EventFeedbackRequestCancelled}, Redactable: true},
		{Schema: "FeedbackEvent", Payload: "Feedback", Types: []string{model.EventFeedbackReceived}, Redactable: true},
		{Schema: "ReflectionEvent", Payload: "Reflection", Types: []string{model.EventReflectionCreated, model.EventReflectionUpdated}, Redactable: true},
		{Schema: "RecoveryPlanEvent", Payload: "RecoveryPlan", Types: []string{model.EventRecoveryPlanCreated, model.EventRecoveryPlanUpdated, model.EventRecoveryPlanComplete}, Redactable: true},
		{Schema: "RecoveryPlanStepDueEvent", Payload: "RecoveryPlanStepDue", Types: []string{model.EventRecoveryPlanStepDue}, Redactable: true},
		{Schema: "WebhookEndpointEvent", Payload: "WebhookEndpoint", Types: []string{model.EventWebhookEndpointDisabled}},
		{Schema: "DeletedEvent", Payload: "DeletedObject", Types: []string{model.EventCandidateDeleted, model.EventRejectionDeleted, model.EventFeedbackDeleted}},
		{Schema: "ImportEvent", Payload: "Import", Types: []string{model.EventImportCompleted, model.EventImportFailed, model.EventImportCancelled}},
		{Schema: "PingEvent", Payload: "Ping", Types: []string{model.EventPing}},
	}
}
