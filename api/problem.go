package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/problems"
)

// ProblemTypeBase prefixes every problem type URI; docs/problems.md describes each.
const ProblemTypeBase = problems.TypeBase

// problemKind is one entry of the problem catalogue (internal/problems): a stable slug, a fixed
// title and status.
type problemKind = problems.Kind

// The problem catalogue, under the names the handlers use.
var (
	probMalformed       = problems.Malformed
	probInvalidCursor   = problems.InvalidCursor
	probUnauthorized    = problems.Unauthorized
	probForbidden       = problems.Forbidden
	probNotFound        = problems.NotFound
	probMethod          = problems.Method
	probConflict        = problems.Conflict
	probInFlight        = problems.InFlight
	probPrecondition    = problems.Precondition
	probGone            = problems.Gone
	probTooLarge        = problems.TooLarge
	probMediaType       = problems.MediaType
	probValidation      = problems.Validation
	probIdemMismatch    = problems.IdemMismatch
	probRateLimited     = problems.RateLimited
	probInternal        = problems.Internal
	probUnavailable     = problems.Unavailable
	probClientClosed    = problems.ClientClosed
	probSignature       = problems.Signature
	probATSUnavailable  = problems.ATSUnavailable
	problemCatalogue    = problems.Catalogue
	problemContentType  = "application/problem+json"
	internalErrorDetail = problems.Internal.Example
)

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
