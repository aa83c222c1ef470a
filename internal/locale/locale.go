// Package locale decides which of Rebound's languages a person reads. Candidates and feedback
// requests carry a BCP 47 tag chosen by the platform ("de-AT", "es_MX", "fr"); Rebound writes
// English, Spanish, French and German, so a tag resolves to its language, and anything else
// falls back to English and says so.
package locale

import "strings"

// The languages Rebound writes, as ISO 639-1 codes.
const (
	English = "en"
	Spanish = "es"
	French  = "fr"
	German  = "de"
)

// Default is the language of an empty tag and of every fallback.
const Default = English

// Supported lists the languages in a fixed order (English first); each call returns a new slice.
func Supported() []string { return []string{English, Spanish, French, German} }

// Resolve maps a tag onto a supported language. A region or script ("es-MX", "de_AT",
// "fr-Latn-CA") is ignored; case does not matter. An empty tag is English without fallback; an
// unsupported language is English with fallback true, so callers can report that the text is
// not in the language asked for.
func Resolve(tag string) (lang string, fallback bool) {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return Default, false
	}
	primary, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	primary = strings.ToLower(primary)
	for _, l := range Supported() {
		if primary == l {
			return l, false
		}
	}
	return Default, true
}

// IsSupported reports whether lang is exactly one of the supported language codes.
func IsSupported(lang string) bool {
	for _, l := range Supported() {
		if lang == l {
			return true
		}
	}
	return false
}
