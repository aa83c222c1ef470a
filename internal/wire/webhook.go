package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// WebhookEndpoint is an endpoint as the API returns it. The signing secret appears only when
// the endpoint is created and when its secret is rotated.
type WebhookEndpoint struct {
	Object         string   `json:"object" example:"webhook_endpoint"`
	ID             string   `json:"id" example:"we_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	URL            string   `json:"url" example:"https://hooks.example-jobs.com/rebound"`
	Description    string   `json:"description" example:"Production notifications"`
	EnabledEvents  []string `json:"enabled_events" example:"rejection.created,recovery_plan.step_due"`
	Disabled       bool     `json:"disabled" example:"false"`
	DisabledReason string   `json:"disabled_reason" example:""`
	Secret         string   `json:"secret,omitempty" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
	// SecretRedacted is true on a replay of the creating or rotating request (same
	// Idempotency-Key): the secret is shown only once, so the replay carries the endpoint
	// without it.
	SecretRedacted bool      `json:"secret_redacted,omitempty" example:"false"`
	CreatedAt      time.Time `json:"created_at" example:"2026-11-20T09:30:00Z"`
	UpdatedAt      time.Time `json:"updated_at" example:"2026-11-20T09:30:00Z"`
} //	@name	WebhookEndpoint

// FromWebhookEndpoint renders an endpoint without its secret.
func FromWebhookEndpoint(w model.WebhookEndpoint) WebhookEndpoint {
	events := w.EnabledEvents
	if events == nil {
		events = []string{}
	}
	return WebhookEndpoint{Object: "webhook_endpoint", ID: w.ID, URL: w.URL, Description: w.Description,
		EnabledEvents: events, Disabled: w.Disabled, DisabledReason: w.DisabledReason, CreatedAt: w.CreatedAt.UTC(), UpdatedAt: w.UpdatedAt.UTC()}
}
