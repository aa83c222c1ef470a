// Package model holds Rebound's domain types, their enumerations and the rules that belong to
// them, plus the sentinel errors every layer shares. The types double as the database rows the
// store reads and writes; the HTTP layer never binds requests into them (a client could otherwise
// set tenant_id) but converts explicitly.
package model

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
)

// ID prefixes name the type of an opaque identifier, so that an id of the wrong type is rejected
// before it reaches the database.
const (
	PrefixTenant    = "ten"
	PrefixAPIKey    = "key"
	PrefixCandidate = "cand"
	PrefixRejection = "rej"
	PrefixContact   = "ctc"
)

// NewID returns a new identifier: the type prefix, an underscore and a UUIDv7 in 32 lowercase hex
// digits. UUIDv7 is time-ordered, so ordering by id is ordering by creation, which is what keyset
// pagination needs.
func NewID(prefix string) string {
	u, err := uuid.NewV7()
	if err != nil {
		// NewV7 only fails when the system's random source fails; there is no sane way on.
		panic("model: cannot generate a UUIDv7: " + err.Error())
	}
	return prefix + "_" + hex.EncodeToString(u[:])
}

// ValidID reports whether s is an identifier of the given type, shaped as NewID makes them.
func ValidID(prefix, s string) bool {
	rest, ok := strings.CutPrefix(s, prefix+"_")
	if !ok || len(rest) != 32 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// RandomToken returns n random bytes from the operating system's CSPRNG.
func RandomToken(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("model: the system random source failed: " + err.Error())
	}
	return b
}
