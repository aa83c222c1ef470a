package model

import (
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Candidate is one of the platform's users, known to the platform by ExternalID.
type Candidate struct {
	TenantID    string `gorm:"primaryKey"`
	ID          string `gorm:"primaryKey"`
	ExternalID  string
	DisplayName string
	Email       *string
	Timezone    string
	Locale      string
	Metadata    Metadata  `gorm:"serializer:json"`
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

// Limits on candidate fields; documented in the OpenAPI schema.
const (
	MaxExternalIDLength  = 200
	MaxDisplayNameLength = 200
	MaxEmailLength       = 254
	MaxLocaleLength      = 35
	DefaultTimezone      = "UTC"
	DefaultLocale        = "en"
)

var localePattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// ValidTimezone reports whether name is an IANA time zone this binary knows (the tz database is
// embedded, so the answer does not depend on the host).
func ValidTimezone(name string) bool {
	if name == "" || name == "Local" || len(name) > 64 {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// Location returns the candidate's time zone, falling back to UTC for a value that no longer
// loads (the tz database can drop names between releases). Zones are loaded once per process:
// time.LoadLocation reads and parses the tz database on every call, which dominated building
// plans in bulk (an import builds thousands a second).
func (c Candidate) Location() *time.Location {
	if loc, ok := locations.Load(c.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	locations.Store(c.Timezone, loc)
	return loc
}

// locations caches loaded time zones by name; a *time.Location is immutable and safe to share.
var locations sync.Map

// ValidLocale reports whether s looks like a BCP 47 language tag (e.g. "en", "en-GB", "pt-BR").
func ValidLocale(s string) bool { return len(s) <= MaxLocaleLength && localePattern.MatchString(s) }

// ValidEmail reports whether s is a single plain e-mail address.
func ValidEmail(s string) bool {
	if s == "" || len(s) > MaxEmailLength {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// CheckText validates a free-text field: required or not, at most max characters.
func CheckText(errs *Errors, pointer, value string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(value) == "":
		errs.Add(pointer, "is required and must not be blank")
	case !utf8.ValidString(value):
		errs.Add(pointer, "must be valid UTF-8")
	case utf8.RuneCountInString(value) > max:
		errs.Add(pointer, "must be at most %d characters", max)
	case strings.ContainsRune(value, 0):
		// PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
		errs.Add(pointer, "must not contain NUL characters")
	}
}

// Normalize trims the identifying fields, so that " user_1 " and "user_1" are the same
// candidate and a blank name is no name.
func (c *Candidate) Normalize() {
	c.ExternalID = strings.TrimSpace(c.ExternalID)
	c.DisplayName = strings.TrimSpace(c.DisplayName)
	if c.Email != nil {
		e := strings.TrimSpace(*c.Email)
		c.Email = &e
	}
}

// ApplyDefaults fills what a new candidate may leave out: UTC, en, empty metadata.
func (c *Candidate) ApplyDefaults() {
	if c.Timezone == "" {
		c.Timezone = DefaultTimezone
	}
	if c.Locale == "" {
		c.Locale = DefaultLocale
	}
	if c.Metadata == nil {
		c.Metadata = Metadata{}
	}
}

// Check validates the whole candidate after a create or a patch has been applied, so both
// paths enforce the same rules.
func (c *Candidate) Check() error {
	var errs Errors
	CheckText(&errs, "/external_id", c.ExternalID, true, MaxExternalIDLength)
	CheckText(&errs, "/display_name", c.DisplayName, false, MaxDisplayNameLength)
	if c.Email != nil && !ValidEmail(*c.Email) {
		errs.Add("/email", "must be a valid e-mail address")
	}
	if !ValidTimezone(c.Timezone) {
		errs.Add("/timezone", "must be an IANA time zone name such as Europe/Paris or UTC")
	}
	if !ValidLocale(c.Locale) {
		errs.Add("/locale", "must be a BCP 47 language tag such as en or en-GB")
	}
	c.Metadata.Check(&errs, "/metadata")
	return errs.Err()
}
