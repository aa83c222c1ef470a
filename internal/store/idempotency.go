package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// IdempotencyWindow is how long a key's first response is replayed.
const IdempotencyWindow = 24 * time.Hour

// idempotencyLease is how long an in-flight claim is honoured. A request still unfinished after
// it (its process died) no longer blocks the key.
const idempotencyLease = time.Minute

// Idempotency key states.
const (
	idemInFlight  = "in_flight"
	idemCompleted = "completed"
)

type idempotencyRecord struct {
	TenantID        string `gorm:"primaryKey"`
	Key             string `gorm:"primaryKey"`
	RequestHash     string
	State           string
	ResponseStatus  *int
	ResponseHeaders map[string]string `gorm:"serializer:json"`
	ResponseBody    []byte
	CandidateID     *string
	CreatedAt       time.Time
	LockedUntil     time.Time
}

func (idempotencyRecord) TableName() string { return "idempotency_keys" }

// StoredResponse is a response kept for replay.
type StoredResponse struct {
	Status  int
	Headers map[string]string
	Body    []byte
}

// ClaimOutcome says what a request with an Idempotency-Key should do.
type ClaimOutcome int

// Claim outcomes.
const (
	// Claimed: this request owns the key and must run, then Complete or Release it.
	Claimed ClaimOutcome = iota
	// Replay: the key's first response is stored; send it again.
	Replay
	// InFlight: another request with the key is still running.
	InFlight
	// Mismatch: the key was used with a different request body.
	Mismatch
)

// ClaimIdempotencyKey tries to take the key for a request whose body hashes to requestHash. The
// claim is committed on its own, so concurrent requests with the same key see it at once.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, tenantID, key, requestHash string) (ClaimOutcome, *StoredResponse, error) {
	if tenantID == "" {
		return 0, nil, model.ErrNoTenant
	}
	for attempt := 0; attempt < 3; attempt++ {
		now := Now()
		rec := idempotencyRecord{TenantID: tenantID, Key: key, RequestHash: requestHash, State: idemInFlight, CreatedAt: now, LockedUntil: now.Add(idempotencyLease)}
		res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&rec)
		if res.Error != nil {
			return 0, nil, translate(res.Error, "claim idempotency key")
		}
		if res.RowsAffected == 1 {
			return Claimed, nil, nil
		}
		var existing idempotencyRecord
		err := s.scoped(ctx, tenantID).Where("key = ?", key).Take(&existing).Error
		if err != nil {
			if errors.Is(translate(err, ""), model.ErrNotFound) {
				continue // released between our insert and read: try again
			}
			return 0, nil, translate(err, "read idempotency key")
		}
		if now.Sub(existing.CreatedAt) > IdempotencyWindow {
			// Expired: forget it and claim afresh.
			if err := s.scoped(ctx, tenantID).Where("key = ? AND created_at = ?", key, existing.CreatedAt).Delete(&idempotencyRecord{}).Error; err != nil {
				return 0, nil, translate(err, "expire idempotency key")
			}
			continue
		}
		if existing.RequestHash != requestHash {
			return Mismatch, nil, nil
		}
		if existing.State == idemCompleted && existing.ResponseStatus != nil {
			return Replay, &StoredResponse{Status: *existing.ResponseStatus, Headers: existing.ResponseHeaders, Body: existing.ResponseBody}, nil
		}
		if existing.LockedUntil.After(now) {
			return InFlight, nil, nil
		}
		// The owner's lease ran out (it crashed): take the key over, if nobody else just did.
		res = s.scoped(ctx, tenantID).Model(&idempotencyRecord{}).
			Where("key = ? AND state = ? AND locked_until < ?", key, idemInFlight, now).
			Update("locked_until", now.Add(idempotencyLease))
		if res.Error != nil {
			return 0, nil, translate(res.Error, "take over idempotency key")
		}
		if res.RowsAffected == 1 {
			return Claimed, nil, nil
		}
		return InFlight, nil, nil
	}
	return InFlight, nil, nil
}

// CompleteIdempotencyKey stores the response of a claimed key. Call it on the transaction that
// writes the resource, so the resource and its replayable response commit together.
// candidateID names whose personal data the response holds ("" for none), so erasing the
// candidate also erases the stored response.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, tenantID, key string, resp StoredResponse, candidateID string) error {
	// Updates with a map bypasses GORM's serializer, so the headers are encoded here.
	headers, err := json.Marshal(resp.Headers)
	if err != nil {
		return err
	}
	updates := map[string]any{
		"state":            idemCompleted,
		"response_status":  resp.Status,
		"response_headers": string(headers),
		"response_body":    resp.Body,
	}
	if candidateID != "" {
		updates["candidate_id"] = candidateID
	}
	res := s.scoped(ctx, tenantID).Model(&idempotencyRecord{}).Where("key = ?", key).Updates(updates)
	if res.Error != nil {
		return translate(res.Error, "complete idempotency key")
	}
	if res.RowsAffected != 1 {
		return errors.New("store: idempotency key vanished while its request ran")
	}
	return nil
}

// ReleaseIdempotencyKey forgets an in-flight claim whose request failed before writing anything,
// so the client may retry with the same key.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, tenantID, key string) error {
	return translate(s.scoped(ctx, tenantID).Where("key = ? AND state = ?", key, idemInFlight).Delete(&idempotencyRecord{}).Error, "release idempotency key")
}

// PurgeIdempotencyKeys deletes keys older than the replay window, at most limit of them.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, limit int) (int64, error) {
	cutoff := Now().Add(-IdempotencyWindow)
	sub := s.db.WithContext(ctx).Model(&idempotencyRecord{}).Select("tenant_id, key").Where("created_at < ?", cutoff).Limit(limit)
	res := s.db.WithContext(ctx).Where("(tenant_id, key) IN (?)", sub).Delete(&idempotencyRecord{})
	return res.RowsAffected, translate(res.Error, "purge idempotency keys")
}
