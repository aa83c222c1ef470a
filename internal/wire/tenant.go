package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Tenant is the tenant and its settings as the API returns them.
type Tenant struct {
	Object string `json:"object" example:"tenant"`
	ID     string `json:"id" example:"ten_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Name   string `json:"name" example:"Acme Jobs"`
	// HistoricalAfterDays is the age from which a newly recorded rejection — through the API,
	// an import or a connector — counts as history: its plan is kept for the record, insights
	// and later plans' history, and never nudges.
	HistoricalAfterDays int `json:"historical_after_days" minimum:"1" maximum:"3650" example:"30"`
	// RetentionDays is how long a closed rejection keeps the personal data under it (contacts,
	// notes, reason text, feedback, reflections); null keeps it until the candidate is erased.
	RetentionDays *int      `json:"retention_days" minimum:"1" maximum:"3650" example:"365" extensions:"x-nullable"`
	CreatedAt     time.Time `json:"created_at" example:"2026-11-20T09:30:00Z"`
} //	@name	Tenant

// FromTenant renders the tenant.
func FromTenant(t model.Tenant) Tenant {
	return Tenant{Object: "tenant", ID: t.ID, Name: t.Name, HistoricalAfterDays: t.HistoricalAfterDays, RetentionDays: t.RetentionDays, CreatedAt: t.CreatedAt.UTC()}
}
