package wire

import (
	"encoding/json"
	"time"
)

// RejectionExport is one rejection in a candidate's export, with everything under it.
type RejectionExport struct {
	Rejection
	// FeedbackRequests are shown without their link tokens, which Rebound never keeps.
	FeedbackRequests []FeedbackRequest `json:"feedback_requests"`
	Feedback         []Feedback        `json:"feedback"`
	Reflections      []Reflection      `json:"reflections"`
	RecoveryPlan     *Plan             `json:"recovery_plan" extensions:"x-nullable"`
	PlanRevisions    []PlanRevision    `json:"recovery_plan_revisions"`
} //	@name	RejectionExport

// CandidateExport documents GET /v1/candidates/{id}/export: everything Rebound holds about one
// candidate in one JSON document (the server streams it in this shape).
type CandidateExport struct {
	Object      string            `json:"object" example:"candidate_export"`
	GeneratedAt time.Time         `json:"generated_at" example:"2026-12-01T10:00:00Z"`
	Candidate   Candidate         `json:"candidate"`
	Rejections  []RejectionExport `json:"rejections"`
	// Events are the events that still hold the candidate's data (within the event retention),
	// exactly as delivered.
	Events []json.RawMessage `json:"events" swaggertype:"array,object"`
} //	@name	CandidateExport
