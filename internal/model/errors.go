package model

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by the store and the HTTP layer. The store wraps them with %w; the HTTP
// error handler maps them to problem responses once, at the edge.
var (
	// ErrNotFound means the resource does not exist for this tenant. Another tenant's resource is
	// indistinguishable from a missing one on purpose.
	ErrNotFound = errors.New("not found")
	// ErrConflict means the write collides with the current state (a duplicate unique value, an
	// illegal status transition).
	ErrConflict = errors.New("conflict")
	// ErrPreconditionFailed means the client's If-Match no longer names the current version.
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrNoTenant guards every tenant-scoped query: a query without a tenant fails closed instead
	// of silently matching every tenant's rows.
	ErrNoTenant = errors.New("store: tenant id is required")
	// ErrUnavailable means the database could not be reached or gave up on the work for a
	// reason that retrying later can fix (connection refused, too many connections, shutting
	// down, statement timeout). The HTTP layer answers 503 with Retry-After.
	ErrUnavailable = errors.New("database unavailable")
	// ErrLockTimeout means a lock was not granted within the lock timeout: another request
	// holds the row. Retrying shortly usually succeeds.
	ErrLockTimeout = errors.New("lock not available")
)

// FieldError is one validation failure, located by a JSON Pointer (RFC 6901) into the request
// body or, for query parameters, the parameter's name.
type FieldError struct {
	Pointer string `json:"pointer" example:"/stage"`
	Detail  string `json:"detail" example:"must be one of application, screening, phone_screen, assessment, interview, final_round, offer"`
} //	@name	FieldError

// ValidationError carries every field error found in one request, so a client fixes them all
// at once rather than one per round trip.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	if len(e.Errors) == 0 {
		return "validation failed"
	}
	return fmt.Sprintf("validation failed: %s %s", e.Errors[0].Pointer, e.Errors[0].Detail)
}

// ConflictError is a conflict that can name the resource it collided with (for example the
// candidate that already has an external_id).
type ConflictError struct {
	Detail     string
	ExistingID string
}

func (e *ConflictError) Error() string { return e.Detail }

// Unwrap lets errors.Is(err, ErrConflict) match.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Errors collects field errors while a request is validated.
type Errors []FieldError

// Add records a failure at pointer.
func (e *Errors) Add(pointer, format string, args ...any) {
	*e = append(*e, FieldError{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

// Err returns a *ValidationError when anything was recorded, else nil.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return &ValidationError{Errors: e}
}
