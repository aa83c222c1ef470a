package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Candidate is a candidate as the API returns it.
type Candidate struct {
	Object      string         `json:"object" example:"candidate"`
	ID          string         `json:"id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	ExternalID  string         `json:"external_id" example:"user_8412"`
	DisplayName string         `json:"display_name" example:"Dana Whitfield"`
	Email       *string        `json:"email" example:"dana@example.com" extensions:"x-nullable"`
	Timezone    string         `json:"timezone" example:"Europe/London"`
	Locale      string         `json:"locale" example:"en-GB"`
	Metadata    model.Metadata `json:"metadata" example:"plan:pro"`
	CreatedAt   time.Time      `json:"created_at" example:"2026-11-20T09:30:00Z"`
	UpdatedAt   time.Time      `json:"updated_at" example:"2026-11-20T09:30:00Z"`
} //	@name	Candidate

// FromCandidate renders a candidate.
func FromCandidate(c model.Candidate) Candidate {
	md := c.Metadata
	if md == nil {
		md = model.Metadata{}
	}
	return Candidate{
		Object: "candidate", ID: c.ID, ExternalID: c.ExternalID, DisplayName: c.DisplayName, Email: c.Email,
		Timezone: c.Timezone, Locale: c.Locale, Metadata: md, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}
}
