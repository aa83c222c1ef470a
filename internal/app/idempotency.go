package app

import (
	"context"
	"errors"

	"github.com/reboundhq/rebound/internal/store"
)

// Idempotency errors.
var (
	// ErrIdempotencyMismatch means the key was used with a different request in the window.
	ErrIdempotencyMismatch = errors.New("idempotency key reused with a different request")
	// ErrIdempotencyInFlight means another request with the key is still running and did not
	// finish within the lock timeout.
	ErrIdempotencyInFlight = errors.New("idempotency key in flight")
	// errLostRace means a concurrent request with the same key committed first.
	errLostRace = errors.New("idempotency key taken by a concurrent request")
)

// IdempotentRequest names one request made with an Idempotency-Key.
type IdempotentRequest struct {
	TenantID    string
	Key         string
	RequestHash string // hash of the method, path and body: the same key with another request is refused
}

// Response is a rendered response the idempotency store keeps and replays. The caller renders
// it (the HTTP layer knows the wire format); the application layer stores it with the resource.
type Response struct {
	Status  int
	Headers map[string]string
	Body    []byte
	// CandidateID and RejectionID name whose personal data the body holds, so that erasure and
	// deletion remove the stored copy too.
	CandidateID string
	RejectionID string
}

// Idempotent runs a write at most once per key. fn runs the use case — in the transaction
// Idempotent opens, which the use cases called with fn's context join — and returns the
// response to send now and the one to store for replays (the latter without secrets, which are
// shown once). The key is claimed as the transaction's first write and completed with the
// response as its last, so a replay never describes something that was rolled back, and a
// request that fails leaves the key free. A second request with the same key waits for the
// first to finish (bounded by the lock timeout, then ErrIdempotencyInFlight) and replays its
// response, or runs itself if the first failed; replayed reports a replay.
func (a *App) Idempotent(ctx context.Context, req IdempotentRequest, fn func(ctx context.Context) (live, stored Response, err error)) (Response, bool, error) {
	if resp, ok, err := a.replay(ctx, req); ok || err != nil {
		return resp, ok, err
	}
	var live Response
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// The claim is the transaction's first write: a concurrent request with the same key
		// waits here until this one commits or rolls back.
		claimed, err := tx.ClaimIdempotencyKey(ctx, store.IdempotentResponse{
			TenantID: req.TenantID, Key: req.Key, RequestHash: req.RequestHash, CreatedAt: a.now(),
		})
		if errors.Is(err, store.ErrLockTimeout) {
			return ErrIdempotencyInFlight
		}
		if err != nil {
			return err
		}
		if !claimed {
			return errLostRace
		}
		var stored Response
		live, stored, err = fn(ctx)
		if err != nil {
			return err
		}
		return tx.CompleteIdempotencyKey(ctx, store.IdempotentResponse{
			TenantID: req.TenantID, Key: req.Key, Status: stored.Status, Headers: stored.Headers, Body: stored.Body,
			CandidateID: optional(stored.CandidateID), RejectionID: optional(stored.RejectionID),
		})
	})
	if errors.Is(err, errLostRace) {
		resp, ok, err := a.replay(ctx, req)
		if err == nil && !ok {
			err = ErrIdempotencyInFlight // the winner's response expired at once: cannot happen in the window
		}
		return resp, ok, err
	}
	return live, false, err
}

// replay returns the stored response for the key, if there is one.
func (a *App) replay(ctx context.Context, req IdempotentRequest) (Response, bool, error) {
	rec, found, err := a.store.IdempotentResponse(ctx, req.TenantID, req.Key, a.now())
	if err != nil || !found {
		return Response{}, false, err
	}
	if rec.RequestHash != req.RequestHash {
		return Response{}, false, ErrIdempotencyMismatch
	}
	return Response{Status: rec.Status, Headers: rec.Headers, Body: rec.Body}, true, nil
}
