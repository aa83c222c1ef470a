package model

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Metadata is a platform's own string→string annotations on a resource, bounded so that it
// stays a label, not a document store.
type Metadata map[string]string //	@name	Metadata

// MetadataPatch is metadata in a merge-patch: a value sets its key, null removes it.
type MetadataPatch map[string]*string //	@name	MetadataPatch

// Metadata bounds.
const (
	MaxMetadataKeys        = 20
	MaxMetadataKeyLength   = 40
	MaxMetadataValueLength = 500
)

// Check validates the map, reporting each problem under pointer.
func (m Metadata) Check(errs *Errors, pointer string) {
	if len(m) > MaxMetadataKeys {
		errs.Add(pointer, "must have at most %d keys", MaxMetadataKeys)
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch {
		case k == "":
			errs.Add(pointer, "keys must not be empty")
		case utf8.RuneCountInString(k) > MaxMetadataKeyLength:
			errs.Add(pointer+"/"+escapePointer(k), "key must be at most %d characters", MaxMetadataKeyLength)
		case utf8.RuneCountInString(m[k]) > MaxMetadataValueLength:
			errs.Add(pointer+"/"+escapePointer(k), "must be at most %d characters", MaxMetadataValueLength)
		case strings.ContainsRune(k, 0) || strings.ContainsRune(m[k], 0):
			errs.Add(pointer+"/"+escapePointer(k), "must not contain NUL characters")
		}
	}
}

// escapePointer escapes a JSON Pointer reference token (RFC 6901).
func escapePointer(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '~':
			out = append(out, '~', '0')
		case '/':
			out = append(out, '~', '1')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
