package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Reflection is a reflection as the API returns it.
type Reflection struct {
	Object        string `json:"object" example:"reflection"`
	ID            string `json:"id" example:"rfl_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID   string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID   string `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	PromptVersion string `json:"prompt_version" example:"2026-11-01"`
	// The answers, keyed by prompt (the schema is catalogue 2026-11-01's; GET
	// /v1/reflection-prompts is the authoritative list).
	Answers   map[string]any `json:"answers" swaggertype:"object" extensions:"x-rebound-ref=ReflectionAnswers"`
	CreatedAt time.Time      `json:"created_at" example:"2026-11-21T20:00:00Z"`
	UpdatedAt time.Time      `json:"updated_at" example:"2026-11-21T20:00:00Z"`
} //	@name	Reflection

// FromReflection renders a reflection.
func FromReflection(r model.Reflection) Reflection {
	answers := r.Answers
	if answers == nil {
		answers = map[string]any{}
	}
	return Reflection{Object: "reflection", ID: r.ID, RejectionID: r.RejectionID, CandidateID: r.CandidateID,
		PromptVersion: r.PromptVersion, Answers: answers, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}
