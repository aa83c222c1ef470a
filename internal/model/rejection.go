package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Stages a hiring process can have reached when the rejection came, in funnel order.
var Stages = []string{"application", "screening", "phone_screen", "assessment", "interview", "final_round", "offer"}

// Channels by which a rejection can arrive; no_response means the candidate was ghosted.
var Channels = []string{"email", "phone", "portal", "in_person", "no_response"}

// ReasonCategories classify the reason the employer gave (or did not give).
var ReasonCategories = []string{
	"position_filled", "stronger_candidate", "internal_candidate", "skills_gap", "experience_gap",
	"culture_fit", "compensation", "location", "role_cancelled", "no_reason_given", "other",
}

// ContactRoles are the parts people played in the hiring process.
var ContactRoles = []string{"recruiter", "hiring_manager", "interviewer", "hr", "other"}

// RejectionStatuses: open while the candidate is still working through it, closed after.
var RejectionStatuses = []string{"open", "closed"}

// Limits on rejection fields; documented in the OpenAPI schema.
const (
	MaxCompanyLength     = 200
	MaxRoleTitleLength   = 200
	MaxReasonTextLength  = 2000
	MaxNotesLength       = 10000
	MaxExternalRefLength = 200
	MaxContacts          = 20
	MaxContactNameLength = 200
)

// Contact is a person the candidate met during the process. Contacts get an id so that later
// steps (thanking them, asking them for feedback) can point at one.
type Contact struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Role  string  `json:"role"`
	Email *string `json:"email,omitempty"`
}

// Rejection is one "no" a candidate received, with what is known about it.
type Rejection struct {
	TenantID        string `gorm:"primaryKey"`
	ID              string `gorm:"primaryKey"`
	CandidateID     string
	Company         string
	RoleTitle       string
	Stage           string
	Channel         string
	ReasonCategory  string
	ReasonText      string
	ReceivedAt      time.Time
	AppliedAt       *time.Time
	Contacts        []Contact `gorm:"serializer:json"`
	EmotionalImpact *int
	Notes           string
	Status          string
	ExternalRef     *string
	Metadata        Metadata `gorm:"serializer:json"`
	// ClosedAt is when the rejection was last closed (nil while open); the tenant's retention
	// counts from it. PurgedAt is when its personal data was purged under that retention.
	ClosedAt  *time.Time
	PurgedAt  *time.Time
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

// CheckEnum records an error at pointer unless value is one of allowed.
func CheckEnum(errs *Errors, pointer, value string, allowed []string) {
	if !slices.Contains(allowed, value) {
		errs.Add(pointer, "must be one of %s", joinOr(allowed))
	}
}

func joinOr(vals []string) string { return strings.Join(vals, ", ") }

// itoa formats an index for a JSON Pointer.
func itoa(i int) string { return strconv.Itoa(i) }

// Normalize trims the names a person typed, so that a blank company or contact name is none.
func (r *Rejection) Normalize() {
	r.Company = strings.TrimSpace(r.Company)
	r.RoleTitle = strings.TrimSpace(r.RoleTitle)
	if r.ExternalRef != nil {
		ref := strings.TrimSpace(*r.ExternalRef)
		r.ExternalRef = &ref
	}
	for i := range r.Contacts {
		r.Contacts[i].Name = strings.TrimSpace(r.Contacts[i].Name)
		if e := r.Contacts[i].Email; e != nil {
			t := strings.TrimSpace(*e)
			r.Contacts[i].Email = &t
		}
	}
}

// ApplyDefaults fills what a new rejection may leave out: channel email, reason
// no_reason_given, status open, empty metadata and contacts.
func (r *Rejection) ApplyDefaults() {
	if r.Channel == "" {
		r.Channel = "email"
	}
	if r.ReasonCategory == "" {
		r.ReasonCategory = "no_reason_given"
	}
	if r.Status == "" {
		r.Status = "open"
	}
	if r.Metadata == nil {
		r.Metadata = Metadata{}
	}
	if r.Contacts == nil {
		r.Contacts = []Contact{}
	}
}

// Time bounds every timestamp a client sends must fall in: wide enough for any real record,
// narrow enough to catch year 0000 and 9999.
var (
	EarliestTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// CheckTime records an error at pointer unless t lies within [EarliestTime, LatestTime).
func CheckTime(errs *Errors, pointer string, t time.Time) {
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		errs.Add(pointer, "must be between 1970-01-01 and 2099-12-31")
	}
}

// Check validates the whole rejection after a create or a patch has been applied, so both
// paths enforce the same rules.
func (r *Rejection) Check() error {
	var errs Errors
	CheckText(&errs, "/company", r.Company, true, MaxCompanyLength)
	CheckText(&errs, "/role_title", r.RoleTitle, true, MaxRoleTitleLength)
	CheckEnum(&errs, "/stage", r.Stage, Stages)
	CheckEnum(&errs, "/channel", r.Channel, Channels)
	CheckEnum(&errs, "/reason_category", r.ReasonCategory, ReasonCategories)
	CheckText(&errs, "/reason_text", r.ReasonText, false, MaxReasonTextLength)
	CheckText(&errs, "/notes", r.Notes, false, MaxNotesLength)
	CheckEnum(&errs, "/status", r.Status, RejectionStatuses)
	if r.ExternalRef != nil {
		CheckText(&errs, "/external_ref", *r.ExternalRef, true, MaxExternalRefLength)
	}
	if r.EmotionalImpact != nil && (*r.EmotionalImpact < 1 || *r.EmotionalImpact > 5) {
		errs.Add("/emotional_impact", "must be an integer from 1 to 5")
	}
	if r.ReceivedAt.IsZero() {
		errs.Add("/received_at", "is required")
	} else {
		CheckTime(&errs, "/received_at", r.ReceivedAt)
	}
	if r.AppliedAt != nil {
		CheckTime(&errs, "/applied_at", *r.AppliedAt)
	}
	if r.AppliedAt != nil && !r.ReceivedAt.IsZero() && r.AppliedAt.After(r.ReceivedAt) {
		errs.Add("/applied_at", "must not be after received_at")
	}
	if len(r.Contacts) > MaxContacts {
		errs.Add("/contacts", "must have at most %d items", MaxContacts)
	}
	for i, c := range r.Contacts {
		p := "/contacts/" + itoa(i)
		CheckText(&errs, p+"/name", c.Name, true, MaxContactNameLength)
		CheckEnum(&errs, p+"/role", c.Role, ContactRoles)
		if c.Email != nil && !ValidEmail(*c.Email) {
			errs.Add(p+"/email", "must be a valid e-mail address")
		}
	}
	r.Metadata.Check(&errs, "/metadata")
	return errs.Err()
}

// Contact returns the contact with the given id.
func (r *Rejection) Contact(id string) (Contact, bool) {
	for _, c := range r.Contacts {
		if c.ID == id {
			return c, true
		}
	}
	return Contact{}, false
}
