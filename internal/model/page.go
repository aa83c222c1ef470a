package model

import "time"

// Page asks for one page of a keyset-paginated list, newest first. After is the id of the last
// row of the previous page ("" for the first page). Ids are time-ordered, so new rows always sort
// before the walk's position and a walk never sees a row twice or skips one that existed when it
// started.
type Page struct {
	Limit int
	After string
	// Oldest lists oldest first (creation order) instead; the event feed uses it so a poller can
	// resume where it stopped.
	Oldest bool
}

// CandidateFilter narrows a candidate list. Zero values mean "any".
type CandidateFilter struct {
	ExternalID string
}

// RejectionFilter narrows a rejection list. Zero values mean "any".
type RejectionFilter struct {
	CandidateID    string
	Stage          string
	Status         string
	Company        string // case-insensitive exact match (Unicode case folding)
	ReceivedAfter  *time.Time
	ReceivedBefore *time.Time
}

// PlanFilter narrows a plan list.
type PlanFilter struct {
	CandidateID string
	Status      string
}

// EventFilter narrows an event list.
type EventFilter struct {
	Type         string
	CandidateID  string
	CreatedAfter *time.Time
}
