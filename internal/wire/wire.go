// Package wire is the JSON representation of Rebound's resources: what the HTTP API returns and
// what events carry in data.object, so a webhook payload and a GET of the same resource are the
// same document. It holds the types (with their OpenAPI annotations), the converters from the
// domain model, and the ETag of a representation. It knows nothing of HTTP or the database.
package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// APIVersion is the version of the representations in this package, sent as the
// Rebound-Version header and in every event payload. A change that could break a client
// (docs/versioning.md) gets a new version.
const APIVersion = "2026-12-01"

// ETag is the strong ETag of a representation: a hash of its JSON bytes.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// ETagOf renders v as the API would and returns its ETag.
func ETagOf(v any) (string, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return ETag(body), nil
}

// utcPtr returns a copy of t in UTC, or nil.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
