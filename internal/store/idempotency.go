package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// IdempotencyWindow is how long a key's first response is replayed.
const IdempotencyWindow = 24 * time.Hour

// IdempotentResponse is a response kept for replay under an Idempotency-Key. It is claimed and
// completed in the same transaction as the resource it describes, so it exists if and only if
// the resource does: there is no separately committed claim that could outlive a crashed
// request or be taken over by a second one.
type IdempotentResponse struct {
	TenantID    string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	RequestHash string
	Status      int               `gorm:"column:response_status"`
	Headers     map[string]string `gorm:"column:response_headers;serializer:json"`
	Body        []byte            `gorm:"column:response_body"`
	// CandidateID and RejectionID name whose personal data the response holds, so erasing the
	// candidate or deleting the rejection also deletes the stored response.
	CandidateID *string
	RejectionID *string
	CreatedAt   time.Time
}

// idempotencyRecord is the table's row type for deletes.
type idempotencyRecord = IdempotentResponse

// TableName names the table.
func (IdempotentResponse) TableName() string { return "idempotency_keys" }

// IdempotentResponse returns the stored response for a key, if one was stored within the
// window. An expired record is deleted so the key can be used afresh.
func (s *Store) IdempotentResponse(ctx context.Context, tenantID, key string, now time.Time) (IdempotentResponse, bool, error) {
	var rec IdempotentResponse
	err := s.scoped(ctx, tenantID).Where("key = ?", key).Take(&rec).Error
	if err != nil {
		err = translate(err, "read idempotency key")
		if errors.Is(err, model.ErrNotFound) {
			return rec, false, nil
		}
		return rec, false, err
	}
	if rec.Status == 0 {
		// Claimed by a transaction that committed without completing it: cannot happen through
		// ClaimIdempotencyKey, which completes in the same transaction; treat it as absent.
		return rec, false, nil
	}
	if now.Sub(rec.CreatedAt) > IdempotencyWindow {
		if err := s.scoped(ctx, tenantID).Where("key = ? AND created_at = ?", key, rec.CreatedAt).Delete(&IdempotentResponse{}).Error; err != nil {
			return rec, false, translate(err, "expire idempotency key")
		}
		return rec, false, nil
	}
	return rec, true, nil
}

// ClaimIdempotencyKey inserts the key's record, without a response yet, as the first write of
// the request's own transaction. It reports false when another request with the same key
// committed first: the caller must then roll back and replay that one's response. While a
// concurrent request with the same key has not committed, this statement waits for it (the
// primary key's uniqueness), bounded by the lock timeout (ErrLockTimeout) — so two requests with
// one key never both run, and neither can outlive the other's claim: the claim and the resource
// commit, or roll back, together.
func (tx *Tx) ClaimIdempotencyKey(ctx context.Context, rec IdempotentResponse) (bool, error) {
	res := tx.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&rec)
	if res.Error != nil {
		return false, translate(res.Error, "claim idempotency key")
	}
	return res.RowsAffected == 1, nil
}

// CompleteIdempotencyKey stores the response of the request that claimed the key, in the same
// transaction as the claim.
func (tx *Tx) CompleteIdempotencyKey(ctx context.Context, rec IdempotentResponse) error {
	res := tx.scoped(ctx, rec.TenantID).Model(&IdempotentResponse{}).Where("key = ?", rec.Key).Updates(map[string]any{
		"response_status": rec.Status, "response_headers": jsonColumn(rec.Headers), "response_body": rec.Body,
		"candidate_id": rec.CandidateID, "rejection_id": rec.RejectionID,
	})
	if res.Error != nil {
		return translate(res.Error, "complete idempotency key")
	}
	if res.RowsAffected != 1 {
		return errors.New("store: idempotency key claimed in this transaction is missing")
	}
	return nil
}

// PurgeIdempotencyKeys deletes responses older than the replay window, at most limit of them.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, now time.Time, limit int) (int64, error) {
	cutoff := now.Add(-IdempotencyWindow)
	sub := s.db.WithContext(ctx).Model(&IdempotentResponse{}).Select("tenant_id, key").Where("created_at < ?", cutoff).Limit(limit)
	res := s.db.WithContext(ctx).Where("(tenant_id, key) IN (?)", sub).Delete(&IdempotentResponse{})
	return res.RowsAffected, translate(res.Error, "purge idempotency keys")
}
