package model

import (
	"slices"
	"time"
)

// Webhook id prefixes.
const (
	PrefixWebhookEndpoint = "we"
	PrefixWebhookDelivery = "whd"
	PrefixWebhookAttempt  = "wha"
)

// Event types about webhooks themselves.
const (
	// EventWebhookEndpointDisabled is recorded when an endpoint failed for three days straight
	// and Rebound stopped sending to it.
	EventWebhookEndpointDisabled = "webhook_endpoint.disabled"
	// EventPing is the test event POST /v1/webhook-endpoints/{id}/test sends to one endpoint.
	EventPing = "ping"
)

func init() {
	EventTypes = append(EventTypes, EventWebhookEndpointDisabled)
}

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliverySucceeded = "succeeded"
	DeliveryFailed    = "failed"
)

// WildcardEvents subscribes an endpoint to every event type, including ones added later.
const WildcardEvents = "*"

// MaxEnabledEvents bounds an endpoint's subscription list.
const MaxEnabledEvents = 50

// WebhookEndpoint is a URL of the platform's that receives signed events.
type WebhookEndpoint struct {
	TenantID                string `gorm:"primaryKey"`
	ID                      string `gorm:"primaryKey"`
	URL                     string
	Description             string
	EnabledEvents           []string `gorm:"serializer:json"`
	Disabled                bool
	DisabledReason          string
	Secret                  string
	PreviousSecret          *string
	PreviousSecretExpiresAt *time.Time
	FailingSince            *time.Time
	LeaseUntil              *time.Time
	LeaseOwner              *string
	CreatedAt               time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt               time.Time `gorm:"autoUpdateTime:false"`
}

// Wants reports whether the endpoint subscribes to the event type. A disabled endpoint wants
// nothing; ping events are addressed to one endpoint and never fanned out.
func (w WebhookEndpoint) Wants(eventType string) bool {
	if w.Disabled || eventType == EventPing {
		return false
	}
	return slices.Contains(w.EnabledEvents, WildcardEvents) || slices.Contains(w.EnabledEvents, eventType)
}

// SigningSecrets are the secrets that sign a delivery at now: the current one and, during the
// 24-hour overlap after a rotation, the previous one too.
func (w WebhookEndpoint) SigningSecrets(now time.Time) []string {
	out := []string{w.Secret}
	if w.PreviousSecret != nil && w.PreviousSecretExpiresAt != nil && now.Before(*w.PreviousSecretExpiresAt) {
		out = append(out, *w.PreviousSecret)
	}
	return out
}

// WebhookDelivery is one event owed to one endpoint.
type WebhookDelivery struct {
	TenantID       string `gorm:"primaryKey"`
	ID             string `gorm:"primaryKey"`
	EndpointID     string
	EventID        string
	EventType      string
	Status         string
	Attempts       int
	NextAttemptAt  time.Time
	LastAttemptAt  *time.Time
	LastStatusCode *int
	LastError      string
	DeliveredAt    *time.Time
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
}

// WebhookAttempt records one HTTP attempt of a delivery.
type WebhookAttempt struct {
	TenantID        string `gorm:"primaryKey"`
	ID              string `gorm:"primaryKey"`
	DeliveryID      string
	AttemptedAt     time.Time
	StatusCode      *int
	DurationMS      int `gorm:"column:duration_ms"`
	Error           string
	ResponseSnippet string
	NextRetryAt     *time.Time
}
