package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// Header names of the idempotency protocol.
const (
	headerIdempotencyKey      = "Idempotency-Key"
	headerIdempotentReplayed  = "Idempotent-Replayed"
	maxIdempotencyKeyLength   = 255
	idempotencyReleaseTimeout = 5 * time.Second
)

// created is what a POST produced: the response body, its status (201 when zero), where the
// resource lives and whose personal data it holds (so erasure can find stored replays).
type created struct {
	Body        any
	Status      int
	Location    string
	CandidateID string
}

func (o created) status() int {
	if o.Status == 0 {
		return http.StatusCreated
	}
	return o.Status
}

// runCreate runs a POST's write in one transaction and answers its status (201 for creates).
// Every POST goes through it, so every POST honours Idempotency-Key: it claims the key first; the stored response is written in the same
// transaction as the resource, so a replay can never describe a resource that was rolled back.
func (s *Server) runCreate(c echo.Context, raw []byte, write func(tx *store.Store) (created, error)) error {
	ctx := c.Request().Context()
	tenant := tenantOf(c)
	key := c.Request().Header.Get(headerIdempotencyKey)
	if key == "" {
		var out created
		err := s.store.WithTx(ctx, func(tx *store.Store) error {
			var err error
			out, err = write(tx)
			return err
		})
		if err != nil {
			return err
		}
		return respondCreated(c, out)
	}
	if !validIdempotencyKey(key) {
		return validationProblem([]model.FieldError{{Pointer: headerIdempotencyKey, Detail: fmt.Sprintf("must be 1 to %d printable ASCII characters", maxIdempotencyKeyLength)}})
	}
	sum := sha256.Sum256(append([]byte(c.Request().Method+" "+c.Request().URL.Path+"\n"), raw...))
	outcome, stored, err := s.store.ClaimIdempotencyKey(ctx, tenant, key, hex.EncodeToString(sum[:]))
	if err != nil {
		return err
	}
	switch outcome {
	case store.Replay:
		for k, v := range stored.Headers {
			c.Response().Header().Set(k, v)
		}
		c.Response().Header().Set(headerIdempotentReplayed, "true")
		return c.JSONBlob(stored.Status, stored.Body)
	case store.InFlight:
		return newProblem(probInFlight, "Another request with this Idempotency-Key is still being processed; retry shortly.")
	case store.Mismatch:
		return newProblem(probIdemMismatch, "This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.")
	}
	var resp store.StoredResponse
	err = s.store.WithTx(ctx, func(tx *store.Store) error {
		out, err := write(tx)
		if err != nil {
			return err
		}
		body, err := json.Marshal(out.Body)
		if err != nil {
			return err
		}
		resp = store.StoredResponse{Status: out.status(), Body: body, Headers: map[string]string{headerETag: etagOf(body)}}
		if out.Location != "" {
			resp.Headers[echo.HeaderLocation] = out.Location
		}
		return tx.CompleteIdempotencyKey(ctx, tenant, key, resp, out.CandidateID)
	})
	if err != nil {
		// Nothing was written: free the key so the client can retry with it. Use a fresh context
		// so a cancelled request still releases its claim.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), idempotencyReleaseTimeout)
		defer cancel()
		if rerr := s.store.ReleaseIdempotencyKey(rctx, tenant, key); rerr != nil {
			s.log.WarnContext(ctx, "release idempotency key", "error", rerr.Error())
		}
		return err
	}
	for k, v := range resp.Headers {
		c.Response().Header().Set(k, v)
	}
	return c.JSONBlob(resp.Status, resp.Body)
}

func respondCreated(c echo.Context, out created) error {
	if out.Location != "" {
		c.Response().Header().Set(echo.HeaderLocation, out.Location)
	}
	return writeJSON(c, out.status(), out.Body)
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
