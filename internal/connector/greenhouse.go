package connector

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Greenhouse reads Greenhouse Recruiting's web hooks (configured under Configure > Dev Center >
// Web Hooks). Everything here follows https://developers.greenhouse.io/webhooks.html:
//
//   - "Authentication": each delivery carries `Signature: sha256 <hex>`, the HMAC-SHA256 of the
//     entire request body keyed with the web hook's secret key.
//   - "Introduction": each delivery carries a `Greenhouse-Event-ID` header, unique per delivery.
//   - "Candidate/Prospect rejected" (action reject_candidate), "Candidate/Prospect unrejected"
//     (unreject_candidate), "Candidate hired" (hire_candidate): the payload is
//     {"action": …, "payload": {"application": {…}}}; the fields read are listed on
//     greenhouseApplication.
//   - "Common Attributes": application.status is one of rejected, hired, active; candidates have
//     one job, prospects zero or more.
//
// A rejection whose reason is of the type "They rejected us" — Greenhouse's rejection reason
// types are "We rejected them", "They rejected us" and "None specified" (Harvest API, "Rejection
// Reasons") — is the candidate withdrawing, and is not recorded. Prospects (never applied) are
// not recorded either.
type greenhouse struct{}

func init() { register(greenhouse{}) }

func (greenhouse) Name() string           { return "greenhouse" }
func (greenhouse) NeedsAPIKey() bool      { return false }
func (greenhouse) DefaultBaseURL() string { return "" }

// DefaultStages covers Greenhouse's default interview plan (Application Review, Preliminary
// Phone Screen, Phone Interview, Face to Face, Reference Check, Offer) and common additions.
func (greenhouse) DefaultStages() map[string]string {
	return map[string]string{
		"application review": "application", "application": "application", "resume review": "application",
		"recruiter screen": "screening", "hiring manager screen": "screening", "screen": "screening", "screening": "screening",
		"preliminary phone screen": "phone_screen", "phone screen": "phone_screen", "phone interview": "phone_screen",
		"take home test": "assessment", "take-home test": "assessment", "assessment": "assessment", "coding challenge": "assessment",
		"technical interview": "interview", "face to face": "interview", "onsite": "interview", "on-site": "interview",
		"onsite interview": "interview", "interview": "interview", "panel interview": "interview",
		"final interview": "final_round", "final round": "final_round", "executive interview": "final_round", "reference check": "final_round",
		"offer": "offer",
	}
}

// DefaultReasons covers Greenhouse's default rejection reasons and common custom ones; reasons
// that mean the candidate left are ignored.
func (greenhouse) DefaultReasons() map[string]string {
	return map[string]string{
		"lacking skill(s)/qualification(s)": "skills_gap", "lacking skills": "skills_gap", "wrong skill set": "skills_gap", "underqualified": "skills_gap",
		"too junior": "experience_gap", "not enough experience": "experience_gap", "overqualified": "other",
		"not a culture fit": "culture_fit", "culture fit": "culture_fit", "lacking hustle": "culture_fit",
		"hired another candidate": "stronger_candidate", "hired someone else": "stronger_candidate", "another candidate was hired": "stronger_candidate",
		"stronger candidate": "stronger_candidate", "position filled": "position_filled", "filled internally": "internal_candidate",
		"internal candidate": "internal_candidate", "position cancelled": "role_cancelled", "position closed": "role_cancelled",
		"job closed": "role_cancelled", "compensation": "compensation", "salary expectations": "compensation",
		"location": "location", "other": "other",
		"accepted another offer": model.IgnoreReason, "withdrew": model.IgnoreReason, "candidate withdrew": model.IgnoreReason,
		"not interested": model.IgnoreReason, "unresponsive": model.IgnoreReason,
	}
}

// Verify checks `Signature: sha256 <hex HMAC-SHA256 of the raw body>` in constant time.
func (greenhouse) Verify(secret string, header http.Header, body []byte) error {
	alg, sig, ok := strings.Cut(strings.TrimSpace(header.Get("Signature")), " ")
	if !ok || alg != "sha256" {
		return fmt.Errorf("%w: no Signature: sha256 <hex> header", ErrBadSignature)
	}
	got, err := hex.DecodeString(strings.TrimSpace(sig))
	if err != nil {
		return fmt.Errorf("%w: the signature is not hex", ErrBadSignature)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}

// greenhouseHook is a web hook's envelope.
type greenhouseHook struct {
	Action  string `json:"action"`
	Payload struct {
		Application *greenhouseApplication `json:"application"`
	} `json:"payload"`
}

// greenhouseApplication holds the fields of payload.application that are read (see
// "Candidate/Prospect rejected" for the complete object).
type greenhouseApplication struct {
	ID         json.Number `json:"id"`          // the application id: the rejection's external_ref
	Prospect   bool        `json:"prospect"`    // prospects never applied
	Status     string      `json:"status"`      // rejected, hired, active
	AppliedAt  *time.Time  `json:"applied_at"`  // RFC 3339
	RejectedAt *time.Time  `json:"rejected_at"` // RFC 3339; null once unrejected
	Candidate  *struct {
		ID             json.Number `json:"id"` // the candidate's external_id
		FirstName      string      `json:"first_name"`
		LastName       string      `json:"last_name"`
		EmailAddresses []struct {
			Value string `json:"value"`
			Type  string `json:"type"` // personal, work, other
		} `json:"email_addresses"`
	} `json:"candidate"`
	Jobs []struct {
		Name string `json:"name"` // the role_title
	} `json:"jobs"`
	CurrentStage *struct {
		Name string `json:"name"` // the stage the application was in
	} `json:"current_stage"`
	RejectionReason *struct {
		Name string `json:"name"`
		Type *struct {
			Name string `json:"name"` // We rejected them, They rejected us, None specified
		} `json:"type"`
	} `json:"rejection_reason"`
	RejectionDetails *struct {
		CustomFields map[string]json.RawMessage `json:"custom_fields"`
	} `json:"rejection_details"`
}

// Read reads reject_candidate, unreject_candidate and hire_candidate; any other action (the
// ping Greenhouse sends when a web hook is saved, events the connector does not handle) is
// ignored.
func (greenhouse) Read(_ context.Context, _ Settings, _ *Client, header http.Header, body []byte) (Delivery, error) {
	var hook greenhouseHook
	if err := json.Unmarshal(body, &hook); err != nil {
		return Delivery{}, fmt.Errorf("%w: %v", ErrBadPayload, err)
	}
	d := Delivery{ID: header.Get("Greenhouse-Event-ID")}
	if d.ID == "" {
		sum := sha256.Sum256(body)
		d.ID = "sha256:" + hex.EncodeToString(sum[:])
	}
	switch hook.Action {
	case "reject_candidate":
		d.Action = Reject
	case "unreject_candidate", "hire_candidate":
		d.Action = Undo
	default:
		d.Why = "the " + strconv.Quote(hook.Action) + " action is not one the connector acts on"
		return d, nil
	}
	app := hook.Payload.Application
	if app == nil || app.ID == "" || app.Candidate == nil || app.Candidate.ID == "" {
		return Delivery{}, fmt.Errorf("%w: payload.application with its id and candidate.id is required", ErrBadPayload)
	}
	d.Application.Ref = app.ID.String()
	d.Candidate.ExternalID = app.Candidate.ID.String()
	if d.Action == Undo {
		return d, nil
	}
	if app.Prospect {
		d.Action, d.Why = Ignore, "a prospect, who never applied"
		return d, nil
	}
	d.Candidate.Name = strings.TrimSpace(app.Candidate.FirstName + " " + app.Candidate.LastName)
	for _, e := range app.Candidate.EmailAddresses {
		if d.Candidate.Email == "" || e.Type == "personal" {
			d.Candidate.Email = e.Value // a personal address is the one that outlasts the job
		}
	}
	if len(app.Jobs) > 0 {
		d.Application.RoleTitle = app.Jobs[0].Name
	}
	if app.CurrentStage != nil {
		d.Application.Stage = app.CurrentStage.Name
	}
	if r := app.RejectionReason; r != nil {
		d.Application.Reason = r.Name
		if r.Type != nil && Key(r.Type.Name) == "they rejected us" {
			d.Withdrawn, d.Why = true, "the rejection reason is of the type They rejected us"
		}
	}
	d.Application.Details = customFieldText(app.RejectionDetails)
	if app.RejectedAt == nil {
		return Delivery{}, fmt.Errorf("%w: payload.application.rejected_at is required for reject_candidate", ErrBadPayload)
	}
	d.Application.RejectedAt = app.RejectedAt.UTC()
	if app.AppliedAt != nil {
		t := app.AppliedAt.UTC()
		d.Application.AppliedAt = &t
	}
	return d, nil
}

// customFieldText joins the text values of the rejection's custom fields ("rejection_details"),
// which is where an organisation's rejection questions (notes to the candidate) land. Greenhouse
// sends either the value itself or {"name", "type", "value"}.
func customFieldText(details *struct {
	CustomFields map[string]json.RawMessage `json:"custom_fields"`
}) string {
	if details == nil {
		return ""
	}
	keys := make([]string, 0, len(details.CustomFields))
	for k := range details.CustomFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		raw := details.CustomFields[k]
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			parts = append(parts, strings.TrimSpace(s))
			continue
		}
		var field struct {
			Value json.RawMessage `json:"value"`
		}
		if json.Unmarshal(raw, &field) == nil && json.Unmarshal(field.Value, &s) == nil && strings.TrimSpace(s) != "" {
			parts = append(parts, strings.TrimSpace(s))
		}
	}
	return strings.Join(parts, "\n")
}
