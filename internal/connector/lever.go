package connector

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// Lever reads Lever's webhooks (Settings > Integrations and API > Webhooks). Everything here
// follows https://hire.lever.co/developer/documentation:
//
//   - "Webhooks": every delivery is a POST of {"triggeredAt": <ms>, "event": …, "signature": …,
//     "token": …, "data": {…}}. To verify it, concatenate token and triggeredAt, compute the
//     HMAC-SHA256 of that string keyed with the webhook's signature token, and compare the hex
//     digest with signature. The signature covers token and triggeredAt only, not data.
//   - "Candidate Archive State Change" (event candidateArchiveChange): data is {"opportunityId",
//     "candidateId", "contactId", "fromArchived", "toArchived"}, each of the last two null or
//     {"archivedAt": <ms>, "reason": <archive reason id>}. "Candidate Hired" (candidateHired):
//     data is {"opportunityId", "candidateId", "contactId"}.
//   - "Opportunities", GET /opportunities/:opportunity?expand=applications&expand=stage: the
//     fields read are listed on leverOpportunity.
//   - "Postings", GET /postings/:posting: data.text is the posting's title.
//   - "Archive Reasons", GET /archive_reasons/:archive_reason: data.text is the reason's name and
//     data.type is hired or non-hired.
//   - "Authentication": HTTP Basic with the API key as the user name and an empty password.
//
// Because the payload carries only ids — and data is not covered by the signature — the
// connector never trusts it beyond the opportunity id: it reads the opportunity from Lever's
// API with the connector's API key and acts on the state it finds there. A replayed or altered
// delivery can therefore do no more than make Rebound look at an opportunity of the
// connector's own Lever account again.
type lever struct{}

func init() { register(lever{}) }

func (lever) Name() string           { return "lever" }
func (lever) NeedsAPIKey() bool      { return true }
func (lever) DefaultBaseURL() string { return "https://api.lever.co/v1" }

// DefaultStages covers Lever's default pipeline (New lead, Reached out, Responded, New
// applicant, Recruiter screen, Phone screen, On-site interview, Offer) and common additions.
func (lever) DefaultStages() map[string]string {
	return map[string]string{
		"new lead": "application", "reached out": "application", "responded": "application", "new applicant": "application",
		"applicant": "application", "application review": "application",
		"recruiter screen": "screening", "screen": "screening", "hiring manager screen": "screening",
		"phone screen": "phone_screen", "phone interview": "phone_screen",
		"assessment": "assessment", "take home": "assessment", "take-home assignment": "assessment", "case study": "assessment",
		"on-site interview": "interview", "onsite interview": "interview", "interview": "interview", "technical interview": "interview",
		"final interview": "final_round", "final round": "final_round", "reference check": "final_round", "background check": "final_round",
		"offer": "offer",
	}
}

// DefaultReasons covers Lever's default archive reasons and common custom ones; reasons that
// mean the candidate left or never answered are ignored.
func (lever) DefaultReasons() map[string]string {
	return map[string]string{
		"underqualified": "skills_gap", "lacks skills": "skills_gap", "not enough experience": "experience_gap", "too junior": "experience_gap",
		"overqualified": "other", "timing": "other", "culture fit": "culture_fit", "not a culture fit": "culture_fit",
		"position closed": "role_cancelled", "position cancelled": "role_cancelled", "position filled": "position_filled",
		"hired someone else": "stronger_candidate", "went with another candidate": "stronger_candidate", "stronger candidate": "stronger_candidate",
		"internal candidate": "internal_candidate", "compensation": "compensation", "location": "location", "other": "other",
		"withdrew": model.IgnoreReason, "candidate withdrew": model.IgnoreReason, "offer declined": model.IgnoreReason,
		"unresponsive": model.IgnoreReason, "accepted another offer": model.IgnoreReason,
	}
}

// leverHook is a webhook's body.
type leverHook struct {
	TriggeredAt json.Number `json:"triggeredAt"`
	Event       string      `json:"event"`
	Signature   string      `json:"signature"`
	Token       string      `json:"token"`
	Data        struct {
		OpportunityID string `json:"opportunityId"`
		ContactID     string `json:"contactId"`
	} `json:"data"`
}

// Verify checks hex(HMAC-SHA256(signature token, token + triggeredAt)) against signature, in
// constant time.
func (lever) Verify(secret string, _ http.Header, body []byte) error {
	var hook leverHook
	if err := json.Unmarshal(body, &hook); err != nil || hook.Token == "" || hook.TriggeredAt == "" || hook.Signature == "" {
		return fmt.Errorf("%w: the body has no token, triggeredAt and signature", ErrBadSignature)
	}
	got, err := hex.DecodeString(hook.Signature)
	if err != nil {
		return fmt.Errorf("%w: the signature is not hex", ErrBadSignature)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(hook.Token + hook.TriggeredAt.String()))
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}

// leverOpportunity holds the fields of GET /opportunities/:id?expand=applications&expand=stage
// that are read.
type leverOpportunity struct {
	ID       string   `json:"id"`      // the rejection's external_ref
	Name     string   `json:"name"`    // the candidate's name
	Contact  string   `json:"contact"` // the person behind every opportunity: the candidate's external_id
	Emails   []string `json:"emails"`
	Archived *struct {
		ArchivedAt int64  `json:"archivedAt"` // ms since the epoch
		Reason     string `json:"reason"`     // archive reason id
	} `json:"archived"` // null while the opportunity is active
	Stage *struct {
		Text string `json:"text"` // the stage it was in
	} `json:"stage"` // expanded
	Applications []struct {
		Posting   string `json:"posting"`   // posting id
		CreatedAt int64  `json:"createdAt"` // ms: when they applied
	} `json:"applications"` // expanded
}

// Read fetches the opportunity of a candidateArchiveChange (and of a candidateHired) and acts on
// what Lever says about it now: archived for a non-hired reason is a rejection, unarchived or
// hired undoes one.
func (l lever) Read(ctx context.Context, s Settings, client *Client, _ http.Header, body []byte) (Delivery, error) {
	var hook leverHook
	if err := json.Unmarshal(body, &hook); err != nil {
		return Delivery{}, fmt.Errorf("%w: %v", ErrBadPayload, err)
	}
	d := Delivery{ID: hook.Token + ":" + hook.TriggeredAt.String() + ":" + hook.Data.OpportunityID}
	switch hook.Event {
	case "candidateArchiveChange", "candidateHired":
	default:
		d.Why = "the " + strconv.Quote(hook.Event) + " event is not one the connector acts on"
		return d, nil
	}
	if hook.Data.OpportunityID == "" {
		return Delivery{}, fmt.Errorf("%w: data.opportunityId is required", ErrBadPayload)
	}
	api := leverAPI{base: strings.TrimRight(s.BaseURL, "/"), key: s.APIKey, client: client}
	if api.base == "" {
		api.base = l.DefaultBaseURL()
	}
	var opp leverOpportunity
	if err := api.get(ctx, "/opportunities/"+url.PathEscape(hook.Data.OpportunityID)+"?expand=applications&expand=stage", &opp); err != nil {
		return Delivery{}, err
	}
	d.Application.Ref = opp.ID
	d.Candidate.ExternalID = opp.Contact
	if d.Candidate.ExternalID == "" {
		d.Candidate.ExternalID = hook.Data.ContactID
	}
	if opp.ID == "" || d.Candidate.ExternalID == "" {
		return Delivery{}, fmt.Errorf("%w: the opportunity has no id or contact", ErrVendorAPI)
	}
	if hook.Event == "candidateHired" || opp.Archived == nil {
		d.Action = Undo
		return d, nil
	}
	var reason struct {
		Text string `json:"text"`
		Type string `json:"type"` // hired, non-hired
	}
	if err := api.get(ctx, "/archive_reasons/"+url.PathEscape(opp.Archived.Reason), &reason); err != nil {
		return Delivery{}, err
	}
	if reason.Type == "hired" {
		d.Action = Undo
		return d, nil
	}
	if len(opp.Applications) == 0 || opp.Applications[0].Posting == "" {
		d.Why = "an opportunity without an application to a posting (a lead archived before applying)"
		return d, nil
	}
	var posting struct {
		Text string `json:"text"`
	}
	if err := api.get(ctx, "/postings/"+url.PathEscape(opp.Applications[0].Posting), &posting); err != nil {
		return Delivery{}, err
	}
	d.Action = Reject
	d.Candidate.Name = opp.Name
	if len(opp.Emails) > 0 {
		d.Candidate.Email = opp.Emails[0]
	}
	d.Application.RoleTitle = posting.Text
	if opp.Stage != nil {
		d.Application.Stage = opp.Stage.Text
	}
	d.Application.Reason = reason.Text
	d.Application.RejectedAt = time.UnixMilli(opp.Archived.ArchivedAt).UTC()
	if at := opp.Applications[0].CreatedAt; at > 0 {
		t := time.UnixMilli(at).UTC()
		d.Application.AppliedAt = &t
	}
	return d, nil
}

// maxLeverResponse bounds what is read of one Lever API answer.
const maxLeverResponse = 1 << 20

// leverAPI calls Lever's API with a connector's key.
type leverAPI struct {
	base, key string
	client    *Client
}

// get fetches path and decodes the answer's data member into dst.
func (a leverAPI) get(ctx context.Context, path string, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+path, nil)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrVendorAPI, err)
	}
	req.SetBasicAuth(a.key, "")
	req.Header.Set("Accept", "application/json")
	res, err := a.client.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: GET %s: %v", ErrVendorAPI, path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(res.Body, maxLeverResponse))
		return fmt.Errorf("%w: GET %s answered %s", ErrVendorAPI, path, res.Status)
	}
	var envelope struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, maxLeverResponse)).Decode(&envelope); err != nil || len(envelope.Data) == 0 {
		return fmt.Errorf("%w: GET %s: the answer has no data", ErrVendorAPI, path)
	}
	if err := json.Unmarshal(envelope.Data, dst); err != nil {
		return fmt.Errorf("%w: GET %s: %v", ErrVendorAPI, path, err)
	}
	return nil
}
