package model

import (
	"slices"
	"strings"
	"time"
)

// Tenant is one platform that embeds Rebound. Every other row belongs to exactly one tenant.
type Tenant struct {
	ID        string    `gorm:"primaryKey"`
	Name      string    `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null"`
	// RetentionDays, when set, is how long a closed rejection keeps the personal data under it
	// (contacts, feedback, reflections, notes); nil keeps it until the candidate is erased.
	RetentionDays *int
	// HistoricalAfterDays is the age from which a newly recorded rejection counts as history:
	// its plan is built for the record and never nudges.
	HistoricalAfterDays int
}

// DefaultHistoricalAfterDays is a new tenant's HistoricalAfterDays.
const DefaultHistoricalAfterDays = 30

// Bounds of the tenant settings.
const (
	MinRetentionDays       = 1
	MaxRetentionDays       = 3650
	MinHistoricalAfterDays = 1
	MaxHistoricalAfterDays = 3650
)

// API key scopes. read allows GET; write allows creating, changing and deleting resources;
// admin allows managing the tenant's API keys.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
	ScopeAdmin = "admin"
)

// AllScopes lists every scope in a fixed order.
var AllScopes = []string{ScopeRead, ScopeWrite, ScopeAdmin}

// APIKeyPrefix starts every secret key, so that leaked keys are easy to recognise and scan for.
const APIKeyPrefix = "rbk_"

// APIKey is a tenant's credential. Only a SHA-256 hash of the secret is stored: the secret is
// shown once, when the key is created.
type APIKey struct {
	TenantID   string    `gorm:"primaryKey"`
	ID         string    `gorm:"primaryKey"`
	Name       string    `gorm:"not null"`
	KeyHash    string    `gorm:"not null"`
	Hint       string    `gorm:"not null"` // the last four characters of the secret, to tell keys apart
	Scopes     string    `gorm:"not null"` // comma-separated, in AllScopes order
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName pins the table name so a rename of the type cannot silently change it.
func (APIKey) TableName() string { return "api_keys" }

// ScopeList returns the key's scopes as a slice.
func (k APIKey) ScopeList() []string {
	if k.Scopes == "" {
		return []string{}
	}
	return strings.Split(k.Scopes, ",")
}

// HasScope reports whether the key grants scope.
func (k APIKey) HasScope(scope string) bool { return slices.Contains(k.ScopeList(), scope) }

// Active reports whether the key may still authenticate.
func (k APIKey) Active() bool { return k.RevokedAt == nil }

// NormalizeScopes checks and orders a scope list; it returns false for an empty list, an unknown
// scope or a duplicate.
func NormalizeScopes(scopes []string) (string, bool) {
	if len(scopes) == 0 {
		return "", false
	}
	seen := map[string]bool{}
	for _, s := range scopes {
		if !slices.Contains(AllScopes, s) || seen[s] {
			return "", false
		}
		seen[s] = true
	}
	out := make([]string, 0, len(seen))
	for _, s := range AllScopes {
		if seen[s] {
			out = append(out, s)
		}
	}
	return strings.Join(out, ","), true
}
