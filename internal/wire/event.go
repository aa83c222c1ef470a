package wire

import (
	"encoding/json"
	"fmt"
	"time"
)

// Event is the envelope of every event, as GET /v1/events returns it and webhooks deliver it.
type Event struct {
	Object    string    `json:"object" example:"event"`
	ID        string    `json:"id" example:"evt_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	Type      string    `json:"type" example:"rejection.created"`
	CreatedAt time.Time `json:"created_at" example:"2026-11-20T09:31:00Z"`
	Data      EventData `json:"data"`
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
	b, err := json.Marshal(Event{Object: "event", ID: id, Type: eventType, CreatedAt: at.UTC(), Data: EventData{Object: object}})
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

// EventPayloadSchemas names every schema an event's data.object can take, with a value of the
// Go type for the ones no operation returns. The OpenAPI generator uses it to document webhook
// payloads, so the contract lists them all.
func EventPayloadSchemas() (named []string, extra map[string]any) {
	named = []string{"Candidate", "Rejection", "FeedbackRequest", "Feedback", "Reflection", "RecoveryPlan", "WebhookEndpoint", "Import"}
	extra = map[string]any{"RecoveryPlanStepDue": StepDue{}, "DeletedObject": DeletedObject{}, "Ping": Ping{}, "RedactedObject": RedactedObject{}}
	return named, extra
}
