package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// Header names of the idempotency protocol.
const (
	headerIdempotencyKey     = "Idempotency-Key"
	headerIdempotentReplayed = "Idempotent-Replayed"
	maxIdempotencyKeyLength  = 255
)

// created is what a POST produced: the response body, its status (201 when zero), where the
// resource lives and whose personal data it holds (so erasure can find stored replays).
type created struct {
	Body any
	// Replay is what a replay of the request answers instead of Body, when Body holds a secret
	// that is shown only once (an API key, a webhook signing secret, a feedback link): the same
	// resource without the secret, saying so with secret_redacted. nil: Body.
	Replay      any
	Status      int
	Location    string
	CandidateID string
	RejectionID string
}

func (o created) status() int {
	if o.Status == 0 {
		return http.StatusCreated
	}
	return o.Status
}

// runCreate runs a POST's write and answers its status (201 for creates). Every POST goes
// through it, so every POST honours Idempotency-Key: the write and its stored response commit in
// one transaction (app.Idempotent), so a replay never describes a resource that was rolled back.
func (s *Server) runCreate(c echo.Context, raw []byte, write func(ctx context.Context) (created, error)) error {
	sum := sha256.Sum256(append([]byte(c.Request().Method+" "+c.Request().URL.Path+"\n"), raw...))
	return s.runCreateHashed(c, hex.EncodeToString(sum[:]), write)
}

// runCreateHashed is runCreate for a request whose body was streamed rather than read whole
// (an import upload): requestHash identifies the request (method, path, body) for the
// idempotency check.
func (s *Server) runCreateHashed(c echo.Context, requestHash string, write func(ctx context.Context) (created, error)) error {
	ctx := c.Request().Context()
	key := c.Request().Header.Get(headerIdempotencyKey)
	if key == "" {
		out, err := write(ctx)
		if err != nil {
			return err
		}
		if out.Location != "" {
			c.Response().Header().Set(echo.HeaderLocation, out.Location)
		}
		return writeJSON(c, out.status(), out.Body)
	}
	if !validIdempotencyKey(key) {
		return validationProblem([]model.FieldError{{Pointer: headerIdempotencyKey, Detail: fmt.Sprintf("must be 1 to %d printable ASCII characters", maxIdempotencyKeyLength)}})
	}
	req := app.IdempotentRequest{TenantID: tenantOf(c), Key: key, RequestHash: requestHash}
	resp, replayed, err := s.app.Idempotent(ctx, req, func(ctx context.Context) (app.Response, app.Response, error) {
		out, err := write(ctx)
		if err != nil {
			return app.Response{}, app.Response{}, err
		}
		live, err := render(out, out.Body)
		if err != nil || out.Replay == nil {
			return live, live, err
		}
		stored, err := render(out, out.Replay)
		return live, stored, err
	})
	if err != nil {
		return err
	}
	for k, v := range resp.Headers {
		c.Response().Header().Set(k, v)
	}
	if replayed {
		c.Response().Header().Set(headerIdempotentReplayed, "true")
	}
	return c.JSONBlob(resp.Status, resp.Body)
}

// render encodes one response of a write for sending or storing.
func render(out created, body any) (app.Response, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return app.Response{}, err
	}
	r := app.Response{Status: out.status(), Body: b, Headers: map[string]string{headerETag: wire.ETag(b)}, CandidateID: out.CandidateID, RejectionID: out.RejectionID}
	if out.Location != "" {
		r.Headers[echo.HeaderLocation] = out.Location
	}
	return r, nil
}

func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > maxIdempotencyKeyLength {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}
