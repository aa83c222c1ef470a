// Package importfile reads Rebound's history import format: NDJSON (one JSON object per line,
// UTF-8, "\n" or "\r\n" line ends, blank lines ignored). A line is either a candidate with
// their rejections
//
//	{"candidate": {"external_id": "user_8412", "display_name": "Dana Whitfield", "timezone": "Europe/London"},
//	 "rejections": [{"company": "Northwind Analytics", "role_title": "Backend Engineer", "stage": "interview",
//	                 "received_at": "2024-03-02T10:00:00Z", "external_ref": "app_1"}]}
//
// or one rejection of a candidate named by the platform's user id
//
//	{"candidate_external_id": "user_8412", "company": "Globex", "role_title": "Data Engineer",
//	 "stage": "screening", "received_at": "2024-05-17", "external_ref": "app_2"}
//
// Rejections take the fields of POST /v1/rejections except candidate_id, and must carry
// received_at (an RFC 3339 date-time, or a date meaning midnight UTC) and external_ref, which
// makes re-running a file create nothing twice. This package only decodes: the application
// layer validates the records with the same rules as the API. It does no I/O of its own.
package importfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reboundhq/rebound/internal/model"
)

// Line is one decoded line of an import file: a candidate (with whichever fields the line set)
// and the rejections to record for them, or the reasons the line cannot be imported.
type Line struct {
	Number     int
	Kind       Kind
	Candidate  Candidate
	Rejections []model.Rejection // CandidateID is left empty; ExternalRef is set
	Errors     []model.LineError
}

// Kind tells the two kinds of line apart.
type Kind int

// The kinds of line.
const (
	CandidateLine Kind = iota // {"candidate": {…}, "rejections": […]}
	RejectionLine             // {"candidate_external_id": "…", …one rejection…}
)

// Failed reports whether the line cannot be imported.
func (l Line) Failed() bool { return len(l.Errors) > 0 }

// Candidate is the candidate a line is about. Only the fields the line gave are applied to an
// existing candidate (Given); a rejection line names the candidate by external_id alone.
type Candidate struct {
	model.Candidate
	Given Given
}

// Given says which of a candidate's optional fields a line set.
type Given struct {
	DisplayName, Email, Timezone, Locale, Metadata bool
}

// candidateLine is a candidate line as it is written.
type candidateLine struct {
	Candidate  *candidateFields `json:"candidate"`
	Rejections []rejectionLine  `json:"rejections"`
}

type candidateFields struct {
	ExternalID  string          `json:"external_id"`
	DisplayName *string         `json:"display_name"`
	Email       *string         `json:"email"`
	Timezone    *string         `json:"timezone"`
	Locale      *string         `json:"locale"`
	Metadata    *model.Metadata `json:"metadata"`
}

// rejectionLine is a rejection as it is written, inside a candidate line or on its own line
// (then with candidate_external_id).
type rejectionLine struct {
	CandidateExternalID *string        `json:"candidate_external_id,omitempty"`
	Company             string         `json:"company"`
	RoleTitle           string         `json:"role_title"`
	Stage               string         `json:"stage"`
	Channel             string         `json:"channel"`
	ReasonCategory      string         `json:"reason_category"`
	ReasonText          string         `json:"reason_text"`
	ReceivedAt          *string        `json:"received_at"`
	AppliedAt           *string        `json:"applied_at"`
	Contacts            []contactLine  `json:"contacts"`
	EmotionalImpact     *int           `json:"emotional_impact"`
	Notes               string         `json:"notes"`
	Status              string         `json:"status"`
	ExternalRef         *string        `json:"external_ref"`
	Metadata            model.Metadata `json:"metadata"`
}

type contactLine struct {
	Name  string  `json:"name"`
	Role  string  `json:"role"`
	Email *string `json:"email"`
}

// ParseLine decodes one line (without its line end). Decoding is strict: unknown fields, wrong
// types and trailing data are errors naming the field, as in the API.
func ParseLine(number int, raw []byte) Line {
	l := Line{Number: number}
	fail := func(pointer, detail string) Line {
		l.Errors = append(l.Errors, model.LineError{Line: number, Pointer: pointer, Detail: detail})
		return l
	}
	if len(raw) > model.MaxImportLineBytes {
		return fail("", "the line is longer than 1 MiB")
	}
	if !utf8.Valid(raw) {
		return fail("", "the line is not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fail("", "the line is not a JSON object")
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &probe); err != nil {
		return fail(decodeError(err))
	}
	if _, ok := probe["candidate"]; ok {
		// Each member is decoded on its own so that an error inside one is located in it
		// (encoding/json names an unknown field without its path).
		var cl candidateLine
		for key, raw := range probe {
			switch key {
			case "candidate":
				cl.Candidate = &candidateFields{}
				if p, d, bad := strictMember(raw, cl.Candidate, "an object"); bad {
					return fail("/candidate"+p, d)
				}
			case "rejections":
				var items []json.RawMessage
				if p, d, bad := strictMember(raw, &items, "an array"); bad {
					return fail("/rejections"+p, d)
				}
				cl.Rejections = make([]rejectionLine, len(items))
				for i, item := range items {
					if p, d, bad := strictMember(item, &cl.Rejections[i], "an object"); bad {
						return fail("/rejections/"+itoa(i)+p, d)
					}
				}
			default:
				return fail("/"+key, "is not a known field")
			}
		}
		return l.fromCandidateLine(cl)
	}
	if _, ok := probe["rejections"]; ok {
		return fail("/candidate", "is required on a line with rejections")
	}
	l.Kind = RejectionLine
	var rl rejectionLine
	if p, d, bad := strict(trimmed, &rl); bad {
		return fail(p, d)
	}
	if rl.CandidateExternalID == nil {
		return fail("/candidate_external_id", "is required on a rejection line (or write a candidate line with rejections)")
	}
	l.Kind = RejectionLine
	l.Candidate = Candidate{Candidate: model.Candidate{ExternalID: *rl.CandidateExternalID}}
	if r, errs := rl.rejection(""); len(errs) > 0 {
		l.Errors = append(l.Errors, withLine(number, errs)...)
	} else {
		l.Rejections = []model.Rejection{r}
	}
	return l
}

func (l Line) fromCandidateLine(cl candidateLine) Line {
	if cl.Candidate == nil {
		l.Errors = append(l.Errors, model.LineError{Line: l.Number, Pointer: "/candidate", Detail: "must be an object"})
		return l
	}
	c := cl.Candidate
	l.Candidate = Candidate{Candidate: model.Candidate{ExternalID: c.ExternalID}}
	if c.DisplayName != nil {
		l.Candidate.DisplayName, l.Candidate.Given.DisplayName = *c.DisplayName, true
	}
	if c.Email != nil {
		l.Candidate.Email, l.Candidate.Given.Email = c.Email, true
	}
	if c.Timezone != nil {
		l.Candidate.Timezone, l.Candidate.Given.Timezone = *c.Timezone, true
	}
	if c.Locale != nil {
		l.Candidate.Locale, l.Candidate.Given.Locale = *c.Locale, true
	}
	if c.Metadata != nil {
		l.Candidate.Metadata, l.Candidate.Given.Metadata = *c.Metadata, true
	}
	if len(cl.Rejections) > model.MaxImportRejectionsPerLine {
		l.Errors = append(l.Errors, model.LineError{Line: l.Number, Pointer: "/rejections", Detail: "must have at most 100 items; split the candidate over several lines"})
		return l
	}
	for i, rl := range cl.Rejections {
		prefix := "/rejections/" + itoa(i)
		if rl.CandidateExternalID != nil {
			l.Errors = append(l.Errors, model.LineError{Line: l.Number, Pointer: prefix + "/candidate_external_id", Detail: "is not a field of a rejection inside a candidate line"})
			continue
		}
		r, errs := rl.rejection(prefix)
		if len(errs) > 0 {
			l.Errors = append(l.Errors, withLine(l.Number, errs)...)
			continue
		}
		l.Rejections = append(l.Rejections, r)
	}
	return l
}

// rejection converts a written rejection, parsing its times; the rest is validated later.
func (rl rejectionLine) rejection(prefix string) (model.Rejection, []model.LineError) {
	var errs []model.LineError
	r := model.Rejection{Company: rl.Company, RoleTitle: rl.RoleTitle, Stage: rl.Stage, Channel: rl.Channel,
		ReasonCategory: rl.ReasonCategory, ReasonText: rl.ReasonText, EmotionalImpact: rl.EmotionalImpact,
		Notes: rl.Notes, Status: rl.Status, ExternalRef: rl.ExternalRef, Metadata: rl.Metadata}
	if rl.ReceivedAt == nil {
		errs = append(errs, model.LineError{Pointer: prefix + "/received_at", Detail: "is required in an import"})
	} else if t, ok := parseTime(*rl.ReceivedAt); ok {
		r.ReceivedAt = t
	} else {
		errs = append(errs, model.LineError{Pointer: prefix + "/received_at", Detail: "must be an RFC 3339 date-time such as 2024-03-02T10:00:00Z or a date such as 2024-03-02"})
	}
	if rl.AppliedAt != nil {
		if t, ok := parseTime(*rl.AppliedAt); ok {
			r.AppliedAt = &t
		} else {
			errs = append(errs, model.LineError{Pointer: prefix + "/applied_at", Detail: "must be an RFC 3339 date-time or a date"})
		}
	}
	if rl.ExternalRef == nil || strings.TrimSpace(*rl.ExternalRef) == "" {
		errs = append(errs, model.LineError{Pointer: prefix + "/external_ref", Detail: "is required in an import: it is how re-running a file skips what is already there"})
	}
	if len(rl.Contacts) > model.MaxContacts {
		errs = append(errs, model.LineError{Pointer: prefix + "/contacts", Detail: "must have at most 20 items"})
	} else {
		for _, c := range rl.Contacts {
			r.Contacts = append(r.Contacts, model.Contact{Name: c.Name, Role: c.Role, Email: c.Email})
		}
	}
	return r, errs
}

// parseTime reads an RFC 3339 date-time, or a date (midnight UTC).
func parseTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Truncate(time.Microsecond), true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func withLine(n int, errs []model.LineError) []model.LineError {
	for i := range errs {
		errs[i].Line = n
	}
	return errs
}

// strict decodes raw into dst rejecting unknown fields and trailing data; it returns the
// pointer and detail of the first problem.
func strict(raw []byte, dst any) (string, string, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		p, d := decodeError(err)
		return p, d, true
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", "the line has data after the JSON object", true
	}
	return "", "", false
}

// strictMember is strict for one member of a line: a value of the wrong shape as a whole is
// "must be <shape>" at the member itself.
func strictMember(raw []byte, dst any, shape string) (string, string, bool) {
	p, d, bad := strict(raw, dst)
	if bad && p == "" {
		d = "must be " + shape
	}
	return p, d, bad
}

// decodeError names the field an encoding/json error is about.
func decodeError(err error) (string, string) {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return "", "the line is not valid JSON: " + syn.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "", "the line ends in the middle of a JSON value"
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "", "the line must be a JSON object"
		}
		return "/" + strings.ReplaceAll(typ.Field, ".", "/"), "must be " + jsonKind(typ.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "/" + strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "is not a known field"
	}
	return "", "the line could not be decoded as JSON"
}

// jsonKind names a Go type the way a JSON writer thinks of it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "of another type"
}

func itoa(i int) string { return strconv.Itoa(i) }
