package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
)

// ProblemTypeBase prefixes every problem type URI. The URIs are stable identifiers clients can
// switch on; docs/problems.md describes each one.
const ProblemTypeBase = "https://rebound.dev/problems/"

// problemKind is one entry of the problem catalogue: a stable slug, a fixed title and status.
type problemKind struct {
	Slug   string
	Title  string
	Status int
}

// The problem catalogue. Titles never vary between occurrences; details do.
var (
	probMalformed       = problemKind{"malformed-request", "Malformed request", http.StatusBadRequest}
	probInvalidCursor   = problemKind{"invalid-cursor", "Invalid cursor", http.StatusBadRequest}
	probUnauthorized    = problemKind{"unauthorized", "Authentication required", http.StatusUnauthorized}
	probForbidden       = problemKind{"forbidden", "Insufficient scope", http.StatusForbidden}
	probNotFound        = problemKind{"not-found", "Resource not found", http.StatusNotFound}
	probMethod          = problemKind{"method-not-allowed", "Method not allowed", http.StatusMethodNotAllowed}
	probConflict        = problemKind{"conflict", "Conflict", http.StatusConflict}
	probInFlight        = problemKind{"idempotency-in-flight", "Request with this Idempotency-Key in progress", http.StatusConflict}
	probPrecondition    = problemKind{"precondition-failed", "Precondition failed", http.StatusPreconditionFailed}
	probGone            = problemKind{"link-no-longer-valid", "Link no longer valid", http.StatusGone}
	probTooLarge        = problemKind{"payload-too-large", "Payload too large", http.StatusRequestEntityTooLarge}
	probMediaType       = problemKind{"unsupported-media-type", "Unsupported media type", http.StatusUnsupportedMediaType}
	probValidation      = problemKind{"validation-error", "Validation failed", http.StatusUnprocessableEntity}
	probIdemMismatch    = problemKind{"idempotency-key-reused", "Idempotency-Key reused with a different request", http.StatusUnprocessableEntity}
	probRateLimited     = problemKind{"rate-limited", "Too many requests", http.StatusTooManyRequests}
	probInternal        = problemKind{"internal-error", "Internal server error", http.StatusInternalServerError}
	probUnavailable     = problemKind{"service-unavailable", "Service unavailable", http.StatusServiceUnavailable}
	probClientClosed    = problemKind{"client-closed-request", "Client closed request", statusClientClosedRequest}
	problemCatalogue    = []problemKind{probMalformed, probInvalidCursor, probUnauthorized, probForbidden, probNotFound, probMethod, probConflict, probInFlight, probPrecondition, probGone, probTooLarge, probMediaType, probValidation, probIdemMismatch, probRateLimited, probInternal, probUnavailable, probClientClosed}
	problemContentType  = "application/problem+json"
	internalErrorDetail = "The server failed to handle the request. It has been logged with the request id; quote it if you contact support."
)

// statusClientClosedRequest is the status logged (never sent: nobody is listening) when the
// client hung up before the answer was ready, nginx's 499. It is not an error of the server.
const statusClientClosedRequest = 499

// unavailableRetryAfter is the Retry-After, in seconds, of a 503.
const unavailableRetryAfter = "1"

// Problem is an RFC 9457 problem details object, the body of every error response.
type Problem struct {
	Type      string `json:"type" example:"https://rebound.dev/problems/validation-error"`
	Title     string `json:"title" example:"Validation failed"`
	Status    int    `json:"status" example:"422"`
	Detail    string `json:"detail,omitempty" example:"The request body has 1 invalid field."`
	Instance  string `json:"instance,omitempty" example:"/v1/rejections"`
	RequestID string `json:"request_id,omitempty" example:"5f0c7a4e2b9d4c1f"`
	// Errors lists each invalid field (validation-error only).
	Errors []model.FieldError `json:"errors,omitempty"`
	// ExistingID names the resource a conflict collided with, when there is one.
	ExistingID string `json:"existing_id,omitempty" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	// CurrentStatus is the resource's status when a status transition was refused.
	CurrentStatus string `json:"current_status,omitempty"`
} //	@name	Problem

// ProblemExamples returns an example of each problem kind a documented operation can answer,
// for the OpenAPI document's examples of every error status (the converter picks the kinds that
// fit each operation and fills in instance).
func ProblemExamples() []Problem {
	details := map[problemKind]string{
		probMalformed:     "The request body is not valid JSON (offset 17): invalid character '}' looking for beginning of object key string.",
		probInvalidCursor: "The cursor is not valid for this list: pass next_cursor from the previous page unchanged, with the same filters.",
		probUnauthorized:  "The API key is unknown or has been revoked.",
		probForbidden:     `This API key lacks the "write" scope this operation needs.`,
		probNotFound:      "No such resource.",
		probConflict:      "The request conflicts with the resource's current state.",
		probInFlight:      "Another request with this Idempotency-Key is still being processed; retry shortly.",
		probPrecondition:  "If-Match does not match the resource's current ETag; fetch it again and retry.",
		probGone:          "This feedback request has already been answered.",
		probTooLarge:      fmt.Sprintf("The request body exceeds %d bytes.", maxBodyBytes),
		probMediaType:     "Send the body as JSON with Content-Type: application/json.",
		probValidation:    "The request has 1 invalid field; see errors.",
		probIdemMismatch:  "This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.",
		probRateLimited:   "This API key sent more than 50 requests per second (bursts of 100). Retry after 1 second.",
		probInternal:      internalErrorDetail,
		probUnavailable:   "The service could not finish the request in time; retry shortly.",
	}
	var out []Problem
	for _, k := range problemCatalogue {
		detail, ok := details[k]
		if !ok {
			continue // never answered by a documented operation (405, 499)
		}
		p := newProblem(k, "%s", detail)
		p.RequestID = "5f0c7a4e2b9d4c1f"
		if k == probValidation {
			p.Errors = []model.FieldError{{Pointer: "/stage", Detail: "must be one of " + strings.Join(model.Stages, ", ")}}
		}
		out = append(out, *p)
	}
	return out
}

func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail) }

// newProblem builds a problem of the given kind with a detail sentence.
func newProblem(k problemKind, format string, args ...any) *Problem {
	return &Problem{Type: ProblemTypeBase + k.Slug, Title: k.Title, Status: k.Status, Detail: fmt.Sprintf(format, args...)}
}

// validationProblem turns field errors into a 422 problem.
func validationProblem(errs []model.FieldError) *Problem {
	p := newProblem(probValidation, "The request has %d invalid field%s; see errors.", len(errs), plural(len(errs)))
	p.Errors = errs
	return p
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// problemFor maps any error a handler returns onto a problem. Unknown errors become a 500 with a
// fixed text; the caller logs the real one.
func problemFor(err error) (*Problem, bool) {
	var (
		p   *Problem
		ve  *model.ValidationError
		ce  *model.ConflictError
		he  *echo.HTTPError
		mbe *http.MaxBytesError
		te  *model.TransitionError
	)
	switch {
	case errors.As(err, &p):
		return p, true
	case errors.Is(err, errPanic):
		return newProblem(probInternal, "%s", internalErrorDetail), true // logged with its stack already
	case errors.Is(err, context.Canceled):
		return newProblem(probClientClosed, "The client closed the connection before the response was ready."), true
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, model.ErrUnavailable), errors.Is(err, model.ErrLockTimeout):
		return newProblem(probUnavailable, "The service could not finish the request in time; retry shortly."), true
	case errors.Is(err, app.ErrIdempotencyMismatch):
		return newProblem(probIdemMismatch, "This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request."), true
	case errors.Is(err, app.ErrIdempotencyInFlight):
		return newProblem(probInFlight, "Another request with this Idempotency-Key is still being processed; retry shortly."), true
	case errors.As(err, &ve):
		return validationProblem(ve.Errors), true
	case errors.As(err, &te):
		q := newProblem(probConflict, "The feedback request is %s; it cannot become %s.", te.From, te.To)
		q.CurrentStatus = te.From
		return q, true
	case errors.As(err, &ce):
		q := newProblem(probConflict, "%s", ce.Detail)
		q.ExistingID = ce.ExistingID
		return q, true
	case errors.Is(err, model.ErrNotFound):
		return newProblem(probNotFound, "No such resource."), true
	case errors.Is(err, model.ErrConflict):
		return newProblem(probConflict, "The request conflicts with the resource's current state."), true
	case errors.Is(err, model.ErrPreconditionFailed):
		return newProblem(probPrecondition, "If-Match does not match the resource's current ETag; fetch it again and retry."), true
	case errors.As(err, &mbe):
		return newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes), true
	case errors.As(err, &he):
		switch he.Code {
		case http.StatusNotFound:
			return newProblem(probNotFound, "No route matches this path."), true
		case http.StatusMethodNotAllowed:
			return newProblem(probMethod, "This path does not support the method."), true
		case http.StatusRequestEntityTooLarge:
			return newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes), true
		case http.StatusUnsupportedMediaType:
			return newProblem(probMediaType, "Send JSON with Content-Type: application/json."), true
		case http.StatusUnauthorized:
			return newProblem(probUnauthorized, "%v", he.Message), true
		case http.StatusBadRequest:
			return newProblem(probMalformed, "%v", he.Message), true
		case http.StatusServiceUnavailable:
			return newProblem(probUnavailable, "%v", he.Message), true
		}
	}
	return newProblem(probInternal, "%s", internalErrorDetail), false
}

// handleError is Echo's HTTPErrorHandler: the single place errors become responses.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p, known := problemFor(err)
	p = withInstance(p, c)
	switch {
	case !known:
		s.log.ErrorContext(c.Request().Context(), "request failed", "request_id", p.RequestID, "error", err.Error())
	case p.Status == http.StatusServiceUnavailable:
		c.Response().Header().Set(echo.HeaderRetryAfter, unavailableRetryAfter)
		s.log.WarnContext(c.Request().Context(), "request unavailable", "request_id", p.RequestID, "error", err.Error())
	}
	writeProblem(c, p)
}

// withInstance copies the problem (catalogue problems may be shared) and fills in the request.
func withInstance(p *Problem, c echo.Context) *Problem {
	q := *p
	q.Instance = c.Request().URL.Path
	q.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
	return &q
}

func writeProblem(c echo.Context, p *Problem) {
	body, err := json.Marshal(p)
	if err != nil {
		body = []byte(`{"type":"` + ProblemTypeBase + `internal-error","title":"Internal server error","status":500}`)
		p.Status = http.StatusInternalServerError
	}
	if c.Request().Method == http.MethodHead {
		c.Response().Header().Set(echo.HeaderContentType, problemContentType)
		c.Response().WriteHeader(p.Status)
		return
	}
	if err := c.Blob(p.Status, problemContentType, body); err != nil {
		slog.Default().Debug("write problem", "error", err)
	}
}
