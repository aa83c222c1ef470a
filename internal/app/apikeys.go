package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// How long authentication results are remembered in memory. A verified key is re-read after
// keyCacheTTL, so a key revoked on any replica stops working everywhere within that time; an
// unknown key hash is remembered longer, so a flood of made-up keys costs no database lookups.
const (
	keyCacheTTL         = time.Second
	unknownKeyCacheTTL  = 10 * time.Second
	keyCacheMaxEntries  = 10000
	lastUsedGranularity = time.Minute
)

// ErrUnknownKey means the secret names no active API key.
var ErrUnknownKey = errors.New("unknown or revoked api key")

// keyCache remembers recent authentication results by key hash.
type keyCache struct {
	mu      sync.Mutex
	entries map[string]keyEntry
}

type keyEntry struct {
	key     model.APIKey
	known   bool
	expires time.Time
}

func newKeyCache() *keyCache { return &keyCache{entries: map[string]keyEntry{}} }

func (c *keyCache) get(hash string, now time.Time) (keyEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if !ok || now.After(e.expires) {
		return keyEntry{}, false
	}
	return e, true
}

func (c *keyCache) put(hash string, e keyEntry, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= keyCacheMaxEntries {
		for h, old := range c.entries {
			if now.After(old.expires) {
				delete(c.entries, h)
			}
		}
		if len(c.entries) >= keyCacheMaxEntries {
			c.entries = map[string]keyEntry{} // a flood of distinct keys: start over rather than grow
		}
	}
	c.entries[hash] = e
}

func (c *keyCache) forget(tenantID, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if e.key.TenantID == tenantID && e.key.ID == id {
			delete(c.entries, h)
		}
	}
}

// Authenticate resolves an API key secret to its active key. Results are cached briefly in
// memory (see keyCacheTTL); last_used_at is recorded at most once a minute per key.
func (a *App) Authenticate(ctx context.Context, secret string) (model.APIKey, error) {
	hash := store.HashAPIKey(secret)
	now := a.now()
	if e, ok := a.keys.get(hash, now); ok {
		if !e.known {
			return model.APIKey{}, ErrUnknownKey
		}
		return e.key, nil
	}
	k, err := a.store.APIKeyByHash(ctx, hash)
	if errors.Is(err, model.ErrNotFound) {
		a.keys.put(hash, keyEntry{known: false, expires: now.Add(unknownKeyCacheTTL)}, now)
		return model.APIKey{}, ErrUnknownKey
	}
	if err != nil {
		return model.APIKey{}, err
	}
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > lastUsedGranularity {
		if err := a.store.TouchAPIKey(ctx, k.TenantID, k.ID, now); err != nil {
			return model.APIKey{}, err
		}
		k.LastUsedAt = &now
	}
	a.keys.put(hash, keyEntry{key: k, known: true, expires: now.Add(keyCacheTTL)}, now)
	return k, nil
}

// CreatedAPIKey is a new key with its secret, which exists only here.
type CreatedAPIKey struct {
	Key    model.APIKey
	Secret string
}

// CreateAPIKey creates a key for the tenant with the given scopes.
func (a *App) CreateAPIKey(ctx context.Context, tenantID, name string, scopes []string) (CreatedAPIKey, error) {
	var errs model.Errors
	model.CheckText(&errs, "/name", name, false, 200)
	normalized, ok := model.NormalizeScopes(scopes)
	if !ok {
		errs.Add("/scopes", "must be a non-empty list of distinct scopes from read, write, admin")
	}
	if err := errs.Err(); err != nil {
		return CreatedAPIKey{}, err
	}
	var out CreatedAPIKey
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		k, secret, err := tx.CreateAPIKey(ctx, tenantID, name, normalized)
		out = CreatedAPIKey{Key: k, Secret: secret}
		return err
	})
	return out, err
}

// APIKeys lists the tenant's keys.
func (a *App) APIKeys(ctx context.Context, tenantID string, p model.Page) ([]model.APIKey, bool, error) {
	return a.store.APIKeys(ctx, tenantID, p)
}

// RevokeAPIKey revokes one of the tenant's keys at once on this replica, and within
// keyCacheTTL on the others.
func (a *App) RevokeAPIKey(ctx context.Context, tenantID, id string) (model.APIKey, error) {
	k, err := a.store.RevokeAPIKey(ctx, tenantID, id, a.now())
	a.keys.forget(tenantID, id)
	return k, err
}

// RevokeAPIKeyAnyTenant revokes a key by id alone (the operator's CLI).
func (a *App) RevokeAPIKeyAnyTenant(ctx context.Context, id string) (model.APIKey, error) {
	tenantID, err := a.store.APIKeyTenant(ctx, id)
	if err != nil {
		return model.APIKey{}, err
	}
	return a.RevokeAPIKey(ctx, tenantID, id)
}

// CreateTenant creates a tenant with a first key holding every scope (the operator's CLI and
// the first-run bootstrap), in one transaction.
func (a *App) CreateTenant(ctx context.Context, name string) (model.Tenant, CreatedAPIKey, error) {
	var (
		t   model.Tenant
		out CreatedAPIKey
	)
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if t, err = tx.CreateTenant(ctx, name); err != nil {
			return err
		}
		scopes, _ := model.NormalizeScopes(model.AllScopes)
		k, secret, err := tx.CreateAPIKey(ctx, t.ID, "initial key", scopes)
		out = CreatedAPIKey{Key: k, Secret: secret}
		return err
	})
	return t, out, err
}
