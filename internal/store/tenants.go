package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateTenant creates a tenant.
func (q *queries) CreateTenant(ctx context.Context, name string) (model.Tenant, error) {
	t := model.Tenant{ID: model.NewID(model.PrefixTenant), Name: name, CreatedAt: Now(), HistoricalAfterDays: model.DefaultHistoricalAfterDays}
	if err := q.db.WithContext(ctx).Create(&t).Error; err != nil {
		return model.Tenant{}, translate(err, "create tenant")
	}
	return t, nil
}

// Tenant returns a tenant by id.
func (q *queries) Tenant(ctx context.Context, id string) (model.Tenant, error) {
	var t model.Tenant
	err := q.db.WithContext(ctx).Where("id = ?", id).Take(&t).Error
	return t, translate(err, "tenant")
}

// TenantForUpdate reads a tenant under a row lock, for a settings change.
func (tx *Tx) TenantForUpdate(ctx context.Context, id string) (model.Tenant, error) {
	var t model.Tenant
	err := tx.forUpdate(tx.db.WithContext(ctx)).Where("id = ?", id).Take(&t).Error
	return t, translate(err, "tenant")
}

// UpdateTenantSettings writes a tenant's settings (retention, historical threshold).
func (tx *Tx) UpdateTenantSettings(ctx context.Context, t model.Tenant) error {
	return translate(tx.db.WithContext(ctx).Model(&model.Tenant{}).Where("id = ?", t.ID).Updates(map[string]any{
		"retention_days": t.RetentionDays, "historical_after_days": t.HistoricalAfterDays,
	}).Error, "update tenant settings")
}

// CountTenants tells whether the database is empty, for the first-run bootstrap.
func (q *queries) CountTenants(ctx context.Context) (int64, error) {
	var n int64
	err := q.db.WithContext(ctx).Model(&model.Tenant{}).Count(&n).Error
	return n, translate(err, "count tenants")
}

// NewAPIKeySecret returns a fresh secret key: the rbk_ prefix and 32 random bytes (256 bits),
// base64url-encoded.
func NewAPIKeySecret() string {
	return model.APIKeyPrefix + base64.RawURLEncoding.EncodeToString(model.RandomToken(32))
}

// HashAPIKey is the one-way form a key is stored and looked up by. The secret carries 256 bits of
// entropy, so a fast hash is enough: there is nothing to brute-force.
func HashAPIKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateAPIKey creates a key for the tenant and returns it with its secret, which is not stored
// and cannot be shown again.
func (q *queries) CreateAPIKey(ctx context.Context, tenantID, name, scopes string) (model.APIKey, string, error) {
	if tenantID == "" {
		return model.APIKey{}, "", model.ErrNoTenant
	}
	secret := NewAPIKeySecret()
	k := model.APIKey{
		TenantID:  tenantID,
		ID:        model.NewID(model.PrefixAPIKey),
		Name:      name,
		KeyHash:   HashAPIKey(secret),
		Hint:      secret[len(secret)-4:],
		Scopes:    scopes,
		CreatedAt: Now(),
	}
	if err := q.db.WithContext(ctx).Create(&k).Error; err != nil {
		return model.APIKey{}, "", translate(err, "create api key")
	}
	return k, secret, nil
}

// APIKeyByHash finds the active key with this secret hash: the second of the two lookups made
// before the tenant is known. Unknown and revoked keys both answer ErrNotFound, so a caller
// cannot tell them apart.
func (q *queries) APIKeyByHash(ctx context.Context, keyHash string) (model.APIKey, error) {
	var k model.APIKey
	err := q.db.WithContext(ctx).Where("key_hash = ? AND revoked_at IS NULL", keyHash).Take(&k).Error
	return k, translate(err, "authenticate")
}

// TouchAPIKey records that a key was used at now, at most once a minute per key (the condition
// is in the statement), so authentication does not write on every call.
func (q *queries) TouchAPIKey(ctx context.Context, tenantID, id string, now time.Time) error {
	return translate(q.scoped(ctx, tenantID).Model(&model.APIKey{}).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, now.Add(-time.Minute)).
		Update("last_used_at", now).Error, "record api key use")
}

// APIKeys lists a tenant's keys, newest first, revoked ones included.
func (q *queries) APIKeys(ctx context.Context, tenantID string, p model.Page) ([]model.APIKey, bool, error) {
	return list[model.APIKey](q.scoped(ctx, tenantID), p, "list api keys")
}

// APIKey returns one of the tenant's keys.
func (q *queries) APIKey(ctx context.Context, tenantID, id string) (model.APIKey, error) {
	var k model.APIKey
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&k).Error
	return k, translate(err, "api key")
}

// RevokeAPIKey revokes one of the tenant's keys; revoking twice is harmless and keeps the first
// revocation time.
func (q *queries) RevokeAPIKey(ctx context.Context, tenantID, id string, now time.Time) (model.APIKey, error) {
	if err := q.scoped(ctx, tenantID).Model(&model.APIKey{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", now).Error; err != nil {
		return model.APIKey{}, translate(err, "revoke api key")
	}
	return q.APIKey(ctx, tenantID, id)
}

// APIKeyTenant finds which tenant a key id belongs to, for the operator's CLI.
func (q *queries) APIKeyTenant(ctx context.Context, id string) (string, error) {
	var k model.APIKey
	if err := q.db.WithContext(ctx).Select("tenant_id").Where("id = ?", id).Take(&k).Error; err != nil {
		return "", translate(err, fmt.Sprintf("api key %s", id))
	}
	return k.TenantID, nil
}
