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
func (s *Store) CreateTenant(ctx context.Context, name string) (model.Tenant, error) {
	t := model.Tenant{ID: model.NewID(model.PrefixTenant), Name: name, CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&t).Error; err != nil {
		return model.Tenant{}, translate(err, "create tenant")
	}
	return t, nil
}

// Tenant returns a tenant by id.
func (s *Store) Tenant(ctx context.Context, id string) (model.Tenant, error) {
	var t model.Tenant
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&t).Error
	return t, translate(err, "tenant")
}

// CountTenants tells whether the database is empty, for the first-run bootstrap.
func (s *Store) CountTenants(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&model.Tenant{}).Count(&n).Error
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
func (s *Store) CreateAPIKey(ctx context.Context, tenantID, name, scopes string) (model.APIKey, string, error) {
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
		CreatedAt: time.Now().UTC(),
	}
	if err := s.db.WithContext(ctx).Create(&k).Error; err != nil {
		return model.APIKey{}, "", translate(err, "create api key")
	}
	return k, secret, nil
}

// AuthenticateAPIKey finds the active key with this secret. Unknown and revoked keys both
// answer ErrNotFound, so a caller cannot tell them apart.
func (s *Store) AuthenticateAPIKey(ctx context.Context, secret string) (model.APIKey, error) {
	var k model.APIKey
	err := s.db.WithContext(ctx).Where("key_hash = ? AND revoked_at IS NULL", HashAPIKey(secret)).Take(&k).Error
	if err != nil {
		return model.APIKey{}, translate(err, "authenticate")
	}
	// Record use at most once a minute per key, so authentication does not write on every call.
	now := time.Now().UTC()
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > time.Minute {
		if err := s.db.WithContext(ctx).Model(&model.APIKey{}).
			Where("tenant_id = ? AND id = ?", k.TenantID, k.ID).Update("last_used_at", now).Error; err != nil {
			return model.APIKey{}, translate(err, "record api key use")
		}
		k.LastUsedAt = &now
	}
	return k, nil
}

// APIKeys lists a tenant's keys, newest first, revoked ones included.
func (s *Store) APIKeys(ctx context.Context, tenantID string, p Page) ([]model.APIKey, bool, error) {
	var keys []model.APIKey
	if err := p.apply(s.scoped(ctx, tenantID)).Find(&keys).Error; err != nil {
		return nil, false, translate(err, "list api keys")
	}
	keys, more := trim(keys, p)
	return keys, more, nil
}

// APIKey returns one of the tenant's keys.
func (s *Store) APIKey(ctx context.Context, tenantID, id string) (model.APIKey, error) {
	var k model.APIKey
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&k).Error
	return k, translate(err, "api key")
}

// RevokeAPIKey revokes one of the tenant's keys; revoking twice is harmless and keeps the first
// revocation time.
func (s *Store) RevokeAPIKey(ctx context.Context, tenantID, id string) (model.APIKey, error) {
	k, err := s.APIKey(ctx, tenantID, id)
	if err != nil {
		return model.APIKey{}, err
	}
	if k.RevokedAt == nil {
		now := time.Now().UTC()
		if err := s.scoped(ctx, tenantID).Model(&model.APIKey{}).Where("id = ?", id).Update("revoked_at", now).Error; err != nil {
			return model.APIKey{}, translate(err, "revoke api key")
		}
		k.RevokedAt = &now
	}
	return k, nil
}

// RevokeAPIKeyAnyTenant revokes a key by id alone, for the operator's CLI.
func (s *Store) RevokeAPIKeyAnyTenant(ctx context.Context, id string) (model.APIKey, error) {
	var k model.APIKey
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&k).Error; err != nil {
		return model.APIKey{}, translate(err, fmt.Sprintf("api key %s", id))
	}
	return s.RevokeAPIKey(ctx, k.TenantID, id)
}
