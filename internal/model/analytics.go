package model

import "time"

// Analytics bounds. Aggregates only, and none over fewer than AnalyticsMinCandidates distinct
// candidates: a smaller group could point at a person.
const (
	AnalyticsMinCandidates = 5
	// AnalyticsMaxDays bounds the date range one call aggregates.
	AnalyticsMaxDays = 366
	// AnalyticsDefaultDays is the range when none is given: the last 90 days.
	AnalyticsDefaultDays = 90
	// AnalyticsMaxCompanies bounds the per-company feedback figures: the companies asked most.
	AnalyticsMaxCompanies = 50
)

// Analytics are a tenant's aggregates over the rejections received in [From, To), and over
// what hangs off those rejections (feedback requests, plans, feedback). Groups of fewer than
// AnalyticsMinCandidates candidates are left out and counted in the Suppressed* fields; an
// overall figure over fewer is Suppressed.
type Analytics struct {
	From, To time.Time

	Rejections        Group
	Stages, Reasons   []Group
	SuppressedStages  int
	SuppressedReasons int

	FeedbackRequests    FeedbackFigures
	FeedbackByCompany   []FeedbackFigures
	SuppressedCompanies int
	// MoreCompanies is how many companies with enough candidates were left out past
	// AnalyticsMaxCompanies.
	MoreCompanies int

	Plans           PlanFigures
	StepKinds       []StepKindFigures
	SuppressedKinds int

	NextApplication NextApplicationFigures

	ImprovementAreas []Group
	SuppressedAreas  int
}

// Group is a count of rejections (or of candidates) sharing a key (a stage, a reason, an
// improvement area).
type Group struct {
	Key        string
	Count      int64 // rejections in the group
	Candidates int64 // distinct candidates in the group
	Suppressed bool
}

// FeedbackFigures say how feedback requests fared: asked (the request reached the employer),
// answered (feedback came back), and the median time from asking to the answer.
type FeedbackFigures struct {
	Company     string // "" overall
	Asked       int64
	Answered    int64
	MedianHours *float64
	Candidates  int64
	Suppressed  bool
}

// PlanFigures count the plans of the range's rejections: live ones (how many completed) and
// historical ones (recorded as history, never worked through).
type PlanFigures struct {
	Live, Completed, Historical, Candidates int64
	Suppressed                              bool
}

// StepKindFigures count the live plans' steps of one kind by outcome.
type StepKindFigures struct {
	Kind                 string
	Steps, Done, Skipped int64
	Candidates           int64
}

// NextApplicationFigures measure how soon after a rejection candidates applied again: the days
// from the rejection to the completion of its plan's "apply to your next opportunity" step.
type NextApplicationFigures struct {
	Samples, Candidates int64
	MedianDays          *float64
	Suppressed          bool
}
