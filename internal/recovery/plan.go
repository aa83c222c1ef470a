package recovery

import (
	"sort"
	"time"
)

// Step kinds, in the order a plan lists steps due on the same day.
const (
	KindRest                 = "rest"
	KindThankContacts        = "thank_contacts"
	KindRequestFeedback      = "request_feedback"
	KindReflect              = "reflect"
	KindInterviewPractice    = "interview_practice"
	KindSkillDevelopment     = "skill_development"
	KindResearchPractice     = "research_practice"
	KindResumeRefresh        = "resume_refresh"
	KindStayInTouch          = "stay_in_touch"
	KindContractInquiry      = "contract_inquiry"
	KindEngageRecruiter      = "engage_recruiter"
	KindExploreAdjacentRoles = "explore_adjacent_roles"
	KindApplyNext            = "apply_next"
)

// kindOrder ranks kinds for stable ordering.
var kindOrder = map[string]int{
	KindRest: 0, KindThankContacts: 1, KindRequestFeedback: 2, KindReflect: 3, KindInterviewPractice: 4,
	KindSkillDevelopment: 5, KindResearchPractice: 6, KindResumeRefresh: 7, KindApplyNext: 8, KindContractInquiry: 9,
	KindEngageRecruiter: 10, KindExploreAdjacentRoles: 11, KindStayInTouch: 12,
}

// Step statuses and plan statuses.
const (
	StatusPending    = "pending"
	StatusInProgress = "in_progress"
	StatusDone       = "done"
	StatusSkipped    = "skipped"
	PlanActive       = "active"
	PlanCompleted    = "completed"
)

// Reason sources.
const (
	SourceRejection  = "rejection"
	SourceFeedback   = "feedback"
	SourceReflection = "reflection"
	SourceHistory    = "history"
)

// Reason explains why a step is in the plan: which record (Ref) and which of its fields caused
// it, in a sentence.
type Reason struct {
	Source string `json:"source"`
	Ref    string `json:"ref"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// Step is one generated step: what to do, why, and by when (a date in the candidate's zone).
type Step struct {
	Key      string
	Kind     string
	Title    string
	Guidance string
	DueOn    time.Time
	Reasons  []Reason
}

// PlanStep is a step as stored: a generated step plus the candidate's progress on it.
type PlanStep struct {
	ID string
	Step
	Status      string
	Note        string
	CompletedAt *time.Time
	StartedAt   *time.Time
}

// ValidStepStatus reports whether s is a step status.
func ValidStepStatus(s string) bool {
	switch s {
	case StatusPending, StatusInProgress, StatusDone, StatusSkipped:
		return true
	}
	return false
}

// WorkedOn reports whether the candidate has touched the step; such steps survive
// regeneration untouched in status, note and dates.
func (p PlanStep) WorkedOn() bool { return p.Status != StatusPending && p.Status != "" }

// PlanStatus is completed when every step is done or skipped, else active.
func PlanStatus(steps []PlanStep) string {
	if len(steps) == 0 {
		return PlanActive
	}
	for _, s := range steps {
		if s.Status != StatusDone && s.Status != StatusSkipped {
			return PlanActive
		}
	}
	return PlanCompleted
}

// Generate applies every rule to the input and returns the plan's steps, ordered by due date,
// kind and key. It is a pure function: the same input always gives the same steps.
func Generate(in PlanInput) []Step {
	if in.Location == nil {
		in.Location = time.UTC
	}
	in.StartsOn = dateIn(in.StartsOn, in.Location)
	ctx := newFacts(in)
	var steps []Step
	for _, r := range rules {
		steps = append(steps, r(ctx)...)
	}
	ctx.applyWellbeing(steps)
	sortSteps(steps)
	return steps
}

func sortSteps(steps []Step) {
	sort.SliceStable(steps, func(i, j int) bool {
		if !steps[i].DueOn.Equal(steps[j].DueOn) {
			return steps[i].DueOn.Before(steps[j].DueOn)
		}
		if kindOrder[steps[i].Kind] != kindOrder[steps[j].Kind] {
			return kindOrder[steps[i].Kind] < kindOrder[steps[j].Kind]
		}
		return steps[i].Key < steps[j].Key
	})
}

// dateIn is midnight of t's calendar day in loc.
func dateIn(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// addDays moves a date by calendar days (never by 24-hour durations, which DST would skew).
func addDays(d time.Time, n int) time.Time { return d.AddDate(0, 0, n) }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
