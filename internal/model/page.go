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
	// Changed walks the rows by their last change instead, for an incremental sync
	// (docs/sync.md): oldest change first, ordered by (updated_at, id), so rows changed at the
	// same instant keep a stable order and a walk resumed from its last position neither
	// repeats nor skips one.
	Changed *ChangeWindow
}

// ChangeWindow selects the rows of an incremental sync: those whose updated_at is after
// UpdatedAfter and before UpdatedBefore (exclusive; nil is unbounded), from the walk's position
// (AfterUpdatedAt, Page.After) on. A zero AfterUpdatedAt with an empty Page.After starts the
// walk.
type ChangeWindow struct {
	UpdatedAfter, UpdatedBefore *time.Time
	AfterUpdatedAt              time.Time
}

// CandidateFilter narrows a candidate list. Zero values mean "any".
type CandidateFilter struct {
	ExternalID string
}

// RejectionFilter narrows a rejection list. Zero values mean "any".
type RejectionFilter struct {
	CandidateID    string
	ExternalRef    string // the platform's own reference (exact match)
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
