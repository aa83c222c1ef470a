// Package problems is the catalogue of Rebound's problem types (RFC 9457): each kind's stable
// slug, fixed title and HTTP status, with an example detail. The API answers them
// (api/problem.go) and the OpenAPI generator documents them, one example per status; the
// catalogue in docs/problems.md describes each.
package problems

import "net/http"

// TypeBase prefixes every problem type URI. The URIs are stable identifiers clients can switch
// on.
const TypeBase = "https://rebound.dev/problems/"

// StatusClientClosedRequest is the status logged (never sent: nobody is listening) when the
// client hung up before the answer was ready, nginx's 499. It is not an error of the server.
const StatusClientClosedRequest = 499

// Kind is one entry of the catalogue. Titles never vary between occurrences; details do, and
// Example is a typical one, for documentation.
type Kind struct {
	Slug    string
	Title   string
	Status  int
	Example string
}

// The catalogue.
var (
	Malformed      = Kind{"malformed-request", "Malformed request", http.StatusBadRequest, "The request body is not valid JSON (offset 17): invalid character '}' looking for beginning of object key string."}
	InvalidCursor  = Kind{"invalid-cursor", "Invalid cursor", http.StatusBadRequest, "The cursor is not valid for this list: pass next_cursor from the previous page unchanged, with the same filters."}
	Unauthorized   = Kind{"unauthorized", "Authentication required", http.StatusUnauthorized, "The API key is unknown or has been revoked."}
	Forbidden      = Kind{"forbidden", "Insufficient scope", http.StatusForbidden, `This API key lacks the "write" scope this operation needs.`}
	NotFound       = Kind{"not-found", "Resource not found", http.StatusNotFound, "No such resource."}
	Method         = Kind{"method-not-allowed", "Method not allowed", http.StatusMethodNotAllowed, "This path does not support the method."}
	Conflict       = Kind{"conflict", "Conflict", http.StatusConflict, "The request conflicts with the resource's current state."}
	InFlight       = Kind{"idempotency-in-flight", "Request with this Idempotency-Key in progress", http.StatusConflict, "Another request with this Idempotency-Key is still being processed; retry shortly."}
	Precondition   = Kind{"precondition-failed", "Precondition failed", http.StatusPreconditionFailed, "If-Match does not match the resource's current ETag; fetch it again and retry."}
	Gone           = Kind{"link-no-longer-valid", "Link no longer valid", http.StatusGone, "This feedback request has already been answered."}
	TooLarge       = Kind{"payload-too-large", "Payload too large", http.StatusRequestEntityTooLarge, "The request body exceeds 1048576 bytes."}
	MediaType      = Kind{"unsupported-media-type", "Unsupported media type", http.StatusUnsupportedMediaType, "Send the body as JSON with Content-Type: application/json."}
	Validation     = Kind{"validation-error", "Validation failed", http.StatusUnprocessableEntity, "The request has 1 invalid field; see errors."}
	IdemMismatch   = Kind{"idempotency-key-reused", "Idempotency-Key reused with a different request", http.StatusUnprocessableEntity, "This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request."}
	RateLimited    = Kind{"rate-limited", "Too many requests", http.StatusTooManyRequests, "This API key sent more than 50 requests per second (bursts of 100). Retry after 1 second."}
	Internal       = Kind{"internal-error", "Internal server error", http.StatusInternalServerError, "The server failed to handle the request. It has been logged with the request id; quote it if you contact support."}
	Unavailable    = Kind{"service-unavailable", "Service unavailable", http.StatusServiceUnavailable, "The service could not finish the request in time; retry shortly."}
	ClientClosed   = Kind{"client-closed-request", "Client closed request", StatusClientClosedRequest, "The client closed the connection before the response was ready."}
	Signature      = Kind{"invalid-signature", "Invalid signature", http.StatusUnauthorized, "The delivery's signature does not verify with the connector's secret; nothing was recorded."}
	ATSUnavailable = Kind{"ats-api-unavailable", "ATS API unavailable", http.StatusBadGateway, "The ATS's API could not be read (lever: GET /opportunities/…: status 503); the delivery can be retried."}
)

// Catalogue lists every kind.
var Catalogue = []Kind{Malformed, InvalidCursor, Unauthorized, Forbidden, NotFound, Method, Conflict, InFlight, Precondition, Gone,
	TooLarge, MediaType, Validation, IdemMismatch, RateLimited, Internal, Unavailable, ClientClosed, Signature, ATSUnavailable}

// Documented reports whether a documented operation can answer the kind: not 405 (a method the
// document does not list) and not 499 (never sent).
func (k Kind) Documented() bool { return k != Method && k != ClientClosed }
