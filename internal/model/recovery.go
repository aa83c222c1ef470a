package model

import "time"

// Recovery id prefixes.
const (
	PrefixReflection   = "rfl"
	PrefixPlan         = "plan"
	PrefixPlanStep     = "step"
	PrefixPlanRevision = "prev"
)

// Recovery events.
const (
	EventReflectionCreated    = "reflection.created"
	EventReflectionUpdated    = "reflection.updated"
	EventRecoveryPlanCreated  = "recovery_plan.created"
	EventRecoveryPlanUpdated  = "recovery_plan.updated"
	EventRecoveryPlanComplete = "recovery_plan.completed"
	EventRecoveryPlanStepDue  = "recovery_plan.step_due"
)

func init() {
	EventTypes = append(EventTypes, EventReflectionCreated, EventReflectionUpdated,
		EventRecoveryPlanCreated, EventRecoveryPlanUpdated, EventRecoveryPlanComplete, EventRecoveryPlanStepDue)
}

// DateLayout is how plan dates (in the candidate's time zone) are written.
const DateLayout = "2006-01-02"

// Reflection is a candidate's guided self-assessment of one rejection, answered against a
// version of the prompt catalogue.
type Reflection struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	RejectionID   string
	CandidateID   string
	PromptVersion string
	Answers       map[string]any `gorm:"serializer:json"`
	CreatedAt     time.Time      `gorm:"autoCreateTime:false"`
	UpdatedAt     time.Time      `gorm:"autoUpdateTime:false"`
}

// RecoveryPlan is the dated, explained plan for one rejection.
type RecoveryPlan struct {
	TenantID    string `gorm:"primaryKey"`
	ID          string `gorm:"primaryKey"`
	RejectionID string
	CandidateID string
	Status      string
	Revision    int
	StartsOn    string
	// Historical plans belong to rejections recorded long after they happened: kept for the
	// record, insights and history, never announced (no step_due events).
	Historical  bool
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
	CompletedAt *time.Time
}

// StepReason says why a step is in the plan.
type StepReason struct {
	Source string `json:"source"`
	Ref    string `json:"ref"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// PlanStep is one step of a plan.
type PlanStep struct {
	TenantID       string `gorm:"primaryKey"`
	ID             string `gorm:"primaryKey"`
	PlanID         string
	Key            string
	Kind           string
	Title          string
	Guidance       string
	DueOn          string
	Position       int
	Status         string
	Note           string
	Reasons        []StepReason `gorm:"serializer:json"`
	Optional       bool         // the candidate may skip it without guilt (e.g. outreach while things feel heavy)
	Nudge          bool         // the scheduler announces it with recovery_plan.step_due when it falls due
	Lapsed         bool         // its moment had passed when the plan was recorded: never overdue, never nudged
	ReasonsOmitted int          // reasons left out beyond the cap Reasons keeps
	StartedAt      *time.Time
	CompletedAt    *time.Time
	DueEmittedAt   *time.Time
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

// TableName names the steps table.
func (PlanStep) TableName() string { return "recovery_plan_steps" }

// PlanChange is one difference between two revisions of a plan.
type PlanChange struct {
	Key    string `json:"key" example:"skill_development:system-design-depth"`
	Kind   string `json:"kind" example:"skill_development"`
	Change string `json:"change" enums:"added,removed,updated" example:"added"`
	// Fields lists what an update changed.
	Fields []string `json:"fields,omitempty" enums:"title,guidance,due_on,reasons" example:"due_on"`
} //	@name	PlanChange

// PlanRevision records one regeneration of a plan and what it changed.
type PlanRevision struct {
	TenantID  string `gorm:"primaryKey"`
	ID        string `gorm:"primaryKey"`
	PlanID    string
	Revision  int
	Trigger   string
	Changes   []PlanChange `gorm:"serializer:json"`
	CreatedAt time.Time    `gorm:"autoCreateTime:false"`
}

// TableName names the revisions table.
func (PlanRevision) TableName() string { return "recovery_plan_revisions" }

// MaxStepNoteLength bounds a step's note.
const MaxStepNoteLength = 2000
