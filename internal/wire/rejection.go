package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Contact is a contact as the API returns it.
type Contact struct {
	ID    string  `json:"id" example:"ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Name  string  `json:"name" example:"Priya Raman"`
	Role  string  `json:"role" enums:"recruiter,hiring_manager,interviewer,hr,other" example:"hiring_manager"`
	Email *string `json:"email" example:"priya.raman@northwind.example" extensions:"x-nullable"`
} //	@name	Contact

// Rejection is a rejection as the API returns it.
type Rejection struct {
	Object          string         `json:"object" example:"rejection"`
	ID              string         `json:"id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID     string         `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Company         string         `json:"company" example:"Northwind Analytics"`
	RoleTitle       string         `json:"role_title" example:"Senior Backend Engineer"`
	Stage           string         `json:"stage" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"final_round"`
	Channel         string         `json:"channel" enums:"email,phone,portal,in_person,no_response" example:"email"`
	ReasonCategory  string         `json:"reason_category" enums:"position_filled,stronger_candidate,internal_candidate,skills_gap,experience_gap,culture_fit,compensation,location,role_cancelled,no_reason_given,other" example:"stronger_candidate"`
	ReasonText      string         `json:"reason_text" example:"We went with a candidate with more distributed-systems experience."`
	ReceivedAt      time.Time      `json:"received_at" example:"2026-11-20T09:30:00Z"`
	AppliedAt       *time.Time     `json:"applied_at" example:"2026-10-02T00:00:00Z" extensions:"x-nullable"`
	Contacts        []Contact      `json:"contacts"`
	EmotionalImpact *int           `json:"emotional_impact" example:"4" extensions:"x-nullable"`
	Notes           string         `json:"notes" example:"Final round was a system design interview with two engineers."`
	Status          string         `json:"status" enums:"open,closed" example:"open"`
	ExternalRef     *string        `json:"external_ref" example:"app_99812" extensions:"x-nullable"`
	Metadata        model.Metadata `json:"metadata" example:"source:job_board"`
	// PurgedAt is when the tenant's retention purged the personal data under the rejection
	// (contacts, reason text, notes, feedback, reflections); null until then.
	PurgedAt  *time.Time `json:"purged_at" example:"2027-06-01T03:00:00Z" extensions:"x-nullable"`
	CreatedAt time.Time  `json:"created_at" example:"2026-11-20T09:31:00Z"`
	UpdatedAt time.Time  `json:"updated_at" example:"2026-11-20T09:31:00Z"`
} //	@name	Rejection

// FromRejection renders a rejection with its contacts.
func FromRejection(r model.Rejection) Rejection {
	contacts := make([]Contact, 0, len(r.Contacts))
	for _, ct := range r.Contacts {
		contacts = append(contacts, Contact{ID: ct.ID, Name: ct.Name, Role: ct.Role, Email: ct.Email})
	}
	md := r.Metadata
	if md == nil {
		md = model.Metadata{}
	}
	return Rejection{
		Object: "rejection", ID: r.ID, CandidateID: r.CandidateID, Company: r.Company, RoleTitle: r.RoleTitle,
		Stage: r.Stage, Channel: r.Channel, ReasonCategory: r.ReasonCategory, ReasonText: r.ReasonText,
		ReceivedAt: r.ReceivedAt.UTC(), AppliedAt: utcPtr(r.AppliedAt), Contacts: contacts, EmotionalImpact: r.EmotionalImpact,
		Notes: r.Notes, Status: r.Status, ExternalRef: r.ExternalRef, Metadata: md, PurgedAt: utcPtr(r.PurgedAt),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}
