package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/app"
	"github.com/reboundhq/rebound/internal/testdb"
	"github.com/reboundhq/rebound/internal/webhook"
)

// fixture reads a vendor payload from testdata/connectors (see its README for the sources).
func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/connectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// greenhouseSign is Greenhouse's Signature header for body: "sha256 " and the hex HMAC-SHA256
// of the raw body keyed with the web hook's secret key.
func greenhouseSign(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return "sha256 " + hex.EncodeToString(m.Sum(nil))
}

// deliver POSTs a webhook delivery to a connector's public URL.
func (e *env) deliver(webhookURL, body string, headers ...string) response {
	e.t.Helper()
	path := webhookURL[strings.Index(webhookURL, "/v1/"):]
	return e.call(http.MethodPost, path, "", body, headers...)
}

// greenhouseConnector creates a Greenhouse connector and returns it.
func (e *env) greenhouseConnector(key, secret string, extra map[string]any) map[string]any {
	e.t.Helper()
	body := map[string]any{"kind": "greenhouse", "secret": secret, "company": "Northwind Analytics", "timezone": "America/New_York"}
	for k, v := range extra {
		body[k] = v
	}
	return e.create("/v1/connectors", key, body)
}

// withRejectedAt rewrites the fixture's rejection time and ids, as a later rejection of the same
// shape would carry.
func withChanges(body string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(body)
}

func TestGreenhouseConnector(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	_, keyB := e.tenant("globex")
	// Tenant B happens to have a candidate with the same external_id: A's connector must never
	// touch them.
	bCand := e.create("/v1/candidates", keyB, map[string]any{"external_id": "265788", "display_name": "Someone else"})["id"].(string)
	const secret = "greenhouse-secret-key-0001"
	conn := e.greenhouseConnector(key, secret, map[string]any{"reason_map": map[string]string{"Not now": "ignore"}})
	hook := conn["webhook_url"].(string)
	if !strings.HasPrefix(hook, "http://rebound.test/v1/public/connectors/"+conn["id"].(string)) || conn["secret_hint"] != "0001" {
		t.Fatalf("connector: %v", conn)
	}
	if strings.Contains(fmt.Sprint(conn), secret) {
		t.Fatal("the connector's representation shows its secret")
	}

	reject := fixture(t, "greenhouse_reject_candidate.json")
	r := e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject), "Greenhouse-Event-ID", "evt-1")
	mustStatus(t, r, http.StatusOK)
	out := r.object(t)
	if out["outcome"] != "recorded" {
		t.Fatalf("delivery: %s", r.Body)
	}
	rej := e.call(http.MethodGet, "/v1/rejections/"+out["rejection_id"].(string), key, nil).object(t)
	want := map[string]any{"company": "Northwind Analytics", "role_title": "Designer", "stage": "offer", "reason_category": "experience_gap",
		"external_ref": "265293", "received_at": "2015-02-11T15:50:41Z", "applied_at": "2013-03-22T00:00:00Z", "channel": "email"}
	for k, v := range want {
		if rej[k] != v {
			t.Errorf("rejection.%s = %v, want %v", k, rej[k], v)
		}
	}
	if !strings.Contains(rej["reason_text"].(string), "Too Junior") || !strings.Contains(rej["reason_text"].(string), "production experience") {
		t.Errorf("reason_text %q lacks the reason and its details", rej["reason_text"])
	}
	cand := e.call(http.MethodGet, "/v1/candidates/"+out["candidate_id"].(string), key, nil).object(t)
	if cand["external_id"] != "265788" || cand["display_name"] != "Hector Porter" || cand["email"] != "hector.porter.265788@example.com" || cand["timezone"] != "America/New_York" {
		t.Fatalf("candidate: %v", cand)
	}
	// A 2015 rejection is history: its plan never nudges.
	plan := e.call(http.MethodGet, "/v1/rejections/"+out["rejection_id"].(string)+"/recovery-plan", key, nil).object(t)
	if plan["historical"] != true {
		t.Fatalf("a 2015 rejection's plan: %v", plan["historical"])
	}

	// The same delivery again, and the same application in another delivery, record nothing.
	again := e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject), "Greenhouse-Event-ID", "evt-1")
	if again.object(t)["outcome"] != "duplicate" || again.object(t)["rejection_id"] != out["rejection_id"] {
		t.Fatalf("replayed delivery: %s", again.Body)
	}
	retry := e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject), "Greenhouse-Event-ID", "evt-2")
	if retry.object(t)["outcome"] != "duplicate" {
		t.Fatalf("the same application twice: %s", retry.Body)
	}

	// Bad signatures are refused, and nothing is recorded.
	for _, sig := range []string{"", "sha256 00", "sha1 " + greenhouseSign(secret, reject)[7:], greenhouseSign("another-secret", reject), "sha256 zz"} {
		other := withChanges(reject, `"id": 265293`, `"id": 999001`)
		r := e.deliver(hook, other, "Signature", sig, "Greenhouse-Event-ID", "evt-bad")
		mustProblem(t, r, http.StatusUnauthorized, "invalid-signature")
	}
	tampered := withChanges(reject, `"id": 265293`, `"id": 999002`)
	mustProblem(t, e.deliver(hook, tampered, "Signature", greenhouseSign(secret, reject)), http.StatusUnauthorized, "invalid-signature")

	// A candidate who withdrew, a prospect, a ping and a reason mapped to ignore: nothing
	// recorded.
	recent := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	variants := map[string]string{
		"withdrawn": withChanges(reject, `"id": 265293`, `"id": 700001`, `"We rejected them"`, `"They rejected us"`),
		"prospect":  withChanges(reject, `"id": 265293`, `"id": 700002`, `"prospect": false`, `"prospect": true`),
		"ignored":   `{"action": "ping", "payload": {"web_hook_id": 1}}`,
		"mapped":    withChanges(reject, `"id": 265293`, `"id": 700003`, `"Too Junior"`, `"not now"`),
	}
	for name, body := range variants {
		r := e.deliver(hook, body, "Signature", greenhouseSign(secret, body))
		mustStatus(t, r, http.StatusOK)
		outcome := r.object(t)["outcome"]
		if (name == "ignored" || name == "prospect") && outcome != "ignored" || (name == "withdrawn" || name == "mapped") && outcome != "withdrawn" {
			t.Errorf("%s delivery: %s", name, r.Body)
		}
	}

	// Unknown stages and reasons take the defaults and are reported on the status.
	odd := withChanges(reject, `"id": 265293`, `"id": 700004`, `"name": "Offer"`, `"name": "Culture Chat"`, `"Too Junior"`, `"Bad vibes"`, "2015-02-11T15:50:41Z", recent)
	r = e.deliver(hook, odd, "Signature", greenhouseSign(secret, odd))
	mustStatus(t, r, http.StatusOK)
	oddRej := e.call(http.MethodGet, "/v1/rejections/"+r.object(t)["rejection_id"].(string), key, nil).object(t)
	if oddRej["stage"] != "application" || oddRej["reason_category"] != "other" {
		t.Fatalf("unmapped names: stage %v, reason %v", oddRej["stage"], oddRej["reason_category"])
	}
	if p := e.call(http.MethodGet, "/v1/rejections/"+oddRej["id"].(string)+"/recovery-plan", key, nil).object(t); p["historical"] != false {
		t.Fatal("an hour-old rejection from the ATS got a historical plan")
	}
	status := e.call(http.MethodGet, "/v1/connectors/"+conn["id"].(string), key, nil).object(t)["status"].(map[string]any)
	unmapped := status["unmapped"].(map[string]any)
	if unmapped["stages"].(map[string]any)["Culture Chat"] != float64(1) || unmapped["reasons"].(map[string]any)["Bad vibes"] != float64(1) {
		t.Fatalf("unmapped names on the status: %v", unmapped)
	}
	wantStatus := map[string]float64{"recorded": 2, "duplicates": 2, "withdrawn": 2, "ignored": 2, "signature_failures": 6}
	for k, v := range wantStatus {
		if status[k] != v {
			t.Errorf("status.%s = %v, want %v (%v)", k, status[k], v, status)
		}
	}

	// Unreject deletes the rejection the connector recorded; hire of an application it never
	// recorded does nothing.
	unreject := fixture(t, "greenhouse_unreject_candidate.json")
	r = e.deliver(hook, unreject, "Signature", greenhouseSign(secret, unreject))
	if r.object(t)["outcome"] != "undone" {
		t.Fatalf("unreject: %s", r.Body)
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+out["rejection_id"].(string), key, nil), http.StatusNotFound, "not-found")
	hire := fixture(t, "greenhouse_hire_candidate.json")
	if r := e.deliver(hook, hire, "Signature", greenhouseSign(secret, hire)); r.object(t)["outcome"] != "ignored" {
		t.Fatalf("hire of an unknown application: %s", r.Body)
	}

	// Malformed deliveries are 4xx, never 5xx.
	for _, body := range []string{`not json`, `{"action": "reject_candidate", "payload": {}}`, `{"action": "reject_candidate", "payload": {"application": {"id": 1, "candidate": {"id": 2}}}}`, `[]`} {
		r := e.deliver(hook, body, "Signature", greenhouseSign(secret, body))
		mustProblem(t, r, http.StatusBadRequest, "malformed-request")
	}
	mustProblem(t, e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject), "Content-Type", "text/plain"), http.StatusUnsupportedMediaType, "unsupported-media-type")
	mustProblem(t, e.call(http.MethodPost, "/v1/public/connectors/conn_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b/deliveries", "", reject, "Signature", greenhouseSign(secret, reject)), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodPost, "/v1/public/connectors/nope/deliveries", "", reject), http.StatusNotFound, "not-found")

	// The connector wrote into its own tenant only.
	if c := e.call(http.MethodGet, "/v1/candidates/"+bCand, keyB, nil).object(t); c["display_name"] != "Someone else" {
		t.Fatalf("tenant B's candidate changed: %v", c)
	}
	if n := len(e.call(http.MethodGet, "/v1/rejections", keyB, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("tenant B has %d rejections from A's connector", n)
	}
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/v1/connectors/" + conn["id"].(string), ""},
		{http.MethodPatch, "/v1/connectors/" + conn["id"].(string), `{"company": "pwned"}`},
		{http.MethodDelete, "/v1/connectors/" + conn["id"].(string), ""},
	} {
		var body any
		if c.body != "" {
			body = c.body
		}
		mustProblem(t, e.call(c.method, c.path, keyB, body, "Content-Type", "application/merge-patch+json"), http.StatusNotFound, "not-found")
	}
	if n := len(e.call(http.MethodGet, "/v1/connectors", keyB, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatal("tenant B lists A's connector")
	}

	// One connector per kind; changing and deleting it.
	dup := e.call(http.MethodPost, "/v1/connectors", key, map[string]any{"kind": "greenhouse", "secret": "x", "company": "Y"})
	if p := mustProblem(t, dup, http.StatusConflict, "conflict"); p["existing_id"] != conn["id"] {
		t.Fatalf("duplicate connector: %v", p)
	}
	mustProblem(t, e.call(http.MethodPatch, "/v1/connectors/"+conn["id"].(string), key, `{"company": "Northwind"}`, "Content-Type", "application/merge-patch+json", "If-Match", `"stale"`), http.StatusPreconditionFailed, "precondition-failed")
	p := e.call(http.MethodPatch, "/v1/connectors/"+conn["id"].(string), key, `{"stage_map": {"Culture Chat": "interview"}, "secret": "rotated-secret-0002"}`, "Content-Type", "application/merge-patch+json")
	mustStatus(t, p, http.StatusOK)
	if p.object(t)["secret_hint"] != "0002" || p.object(t)["stage_map"].(map[string]any)["Culture Chat"] != "interview" {
		t.Fatalf("patched connector: %s", p.Body)
	}
	mustProblem(t, e.deliver(hook, odd, "Signature", greenhouseSign(secret, odd)), http.StatusUnauthorized, "invalid-signature")
	mustStatus(t, e.call(http.MethodDelete, "/v1/connectors/"+conn["id"].(string), key, nil), http.StatusNoContent)
	mustProblem(t, e.deliver(hook, odd, "Signature", greenhouseSign("rotated-secret-0002", odd)), http.StatusNotFound, "not-found")
}

// TestConnectorConfigurationIsValidated: every field of a connector is checked, with a
// pointer, and nothing is created.
func TestConnectorConfigurationIsValidated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cases := []struct {
		body    map[string]any
		pointer string
	}{
		{map[string]any{"kind": "workday", "secret": "s", "company": "C"}, "/kind"},
		{map[string]any{"kind": "greenhouse", "company": "C"}, "/secret"},
		{map[string]any{"kind": "greenhouse", "secret": "s"}, "/company"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "api_key": "k"}, "/api_key"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "base_url": "https://example.com"}, "/base_url"},
		{map[string]any{"kind": "lever", "secret": "s", "company": "C"}, "/api_key"},
		{map[string]any{"kind": "lever", "secret": "s", "company": "C", "api_key": "k", "base_url": "http://127.0.0.1:9/v1"}, "/base_url"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "timezone": "Mars/Olympus"}, "/timezone"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "stage_map": map[string]string{"Phone": "call"}}, "/stage_map/Phone"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "reason_map": map[string]string{"a/b": "vibes"}}, "/reason_map/a~1b"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "default_stage": "lunch"}, "/default_stage"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "default_reason": "ignore"}, "/default_reason"},
		{map[string]any{"kind": "greenhouse", "secret": "s", "company": "C", "color": "blue"}, "/color"},
	}
	for _, c := range cases {
		p := mustProblem(t, e.call(http.MethodPost, "/v1/connectors", key, c.body), http.StatusUnprocessableEntity, "validation-error")
		if got := pointers(p); len(got) == 0 || got[0] != c.pointer {
			t.Errorf("%v: pointers %v, want %s", c.body, got, c.pointer)
		}
	}
	if n := len(e.call(http.MethodGet, "/v1/connectors", key, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("invalid connectors were created: %d", n)
	}
	readWrite := e.key(tenantOfKey(t, e, key), "read", "write")
	mustProblem(t, e.call(http.MethodPost, "/v1/connectors", readWrite, map[string]any{"kind": "greenhouse", "secret": "s", "company": "C"}), http.StatusForbidden, "forbidden")
}

// leverHook is a Lever webhook body, signed as Lever signs it: the hex HMAC-SHA256 of token
// followed by triggeredAt, keyed with the webhook's signature token.
func leverHook(secret, event, opportunityID, token string, triggeredAt int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(fmt.Sprintf("%s%d", token, triggeredAt)))
	body, _ := json.Marshal(map[string]any{
		"triggeredAt": triggeredAt, "event": event, "signature": hex.EncodeToString(m.Sum(nil)), "token": token,
		"data": map[string]any{"opportunityId": opportunityID, "candidateId": opportunityID, "contactId": "contact-" + opportunityID,
			"fromArchived": nil, "toArchived": map[string]any{"archivedAt": triggeredAt, "reason": "reason-underqualified"}},
	})
	return string(body)
}

// fakeLever is Lever's API on loopback, answering what the documentation describes for the
// opportunities, postings and archive reasons the tests use.
type fakeLever struct {
	srv      *httptest.Server
	calls    atomic.Int64
	failing  atomic.Bool
	archived map[string]string // opportunity id → archive reason id ("" = not archived)
}

func newFakeLever(t *testing.T, apiKey string) *fakeLever {
	f := &fakeLever{archived: map[string]string{
		"opp-1": "reason-underqualified", "opp-2": "reason-withdrew", "opp-3": "", "opp-4": "reason-hired", "opp-5": "reason-underqualified",
	}}
	archivedAt := time.Now().Add(-24 * time.Hour).UnixMilli()
	reasons := map[string]map[string]any{
		"reason-underqualified": {"id": "reason-underqualified", "text": "Underqualified", "status": "active", "type": "non-hired"},
		"reason-withdrew":       {"id": "reason-withdrew", "text": "Withdrew", "status": "active", "type": "non-hired"},
		"reason-hired":          {"id": "reason-hired", "text": "Hired", "status": "active", "type": "hired"},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		if user, pass, ok := r.BasicAuth(); !ok || user != apiKey || pass != "" {
			http.Error(w, `{"code": "UnauthorizedError", "message": "Invalid API key"}`, http.StatusUnauthorized)
			return
		}
		if f.failing.Load() {
			http.Error(w, `{"code": "InternalServerError"}`, http.StatusInternalServerError)
			return
		}
		answer := func(data any) { json.NewEncoder(w).Encode(map[string]any{"data": data}) }
		switch {
		case strings.HasPrefix(r.URL.Path, "/v1/opportunities/"):
			id := strings.TrimPrefix(r.URL.Path, "/v1/opportunities/")
			reason, known := f.archived[id]
			if !known || r.URL.Query()["expand"] == nil {
				http.Error(w, `{"code": "ResourceNotFound"}`, http.StatusNotFound)
				return
			}
			var archived any
			if reason != "" {
				archived = map[string]any{"archivedAt": archivedAt, "reason": reason}
			}
			answer(map[string]any{
				"id": id, "name": "Ada Quinn", "headline": "Backend engineer", "contact": "contact-" + id,
				"emails": []string{"ada.quinn@example.com"}, "archived": archived, "createdAt": archivedAt - 30*86400000,
				"stage":        map[string]any{"id": "stage-phone", "text": "Phone screen"},
				"applications": []map[string]any{{"id": "app-" + id, "opportunityId": id, "type": "posting", "posting": "posting-1", "createdAt": archivedAt - 30*86400000}},
			})
		case r.URL.Path == "/v1/postings/posting-1":
			answer(map[string]any{"id": "posting-1", "text": "Platform Engineer", "state": "published"})
		case strings.HasPrefix(r.URL.Path, "/v1/archive_reasons/"):
			if reason, ok := reasons[strings.TrimPrefix(r.URL.Path, "/v1/archive_reasons/")]; ok {
				answer(reason)
				return
			}
			http.Error(w, `{"code": "ResourceNotFound"}`, http.StatusNotFound)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func TestLeverConnector(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(_ *Config, a *app.Config) { a.Webhooks = webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true} })
	_, key := e.tenant("acme")
	const secret, apiKey = "lever-signature-token-7777", "lever-api-key"
	lever := newFakeLever(t, apiKey)
	conn := e.create("/v1/connectors", key, map[string]any{"kind": "lever", "secret": secret, "api_key": apiKey,
		"base_url": lever.srv.URL + "/v1", "company": "Initech"})
	hook := conn["webhook_url"].(string)
	if conn["has_api_key"] != true || strings.Contains(fmt.Sprint(conn), apiKey) {
		t.Fatalf("connector shows or lacks its key: %v", conn)
	}
	now := time.Now().UnixMilli()
	body := leverHook(secret, "candidateArchiveChange", "opp-1", "tok-1", now)
	r := e.deliver(hook, body)
	mustStatus(t, r, http.StatusOK)
	out := r.object(t)
	if out["outcome"] != "recorded" {
		t.Fatalf("delivery: %s", r.Body)
	}
	rej := e.call(http.MethodGet, "/v1/rejections/"+out["rejection_id"].(string), key, nil).object(t)
	for k, v := range map[string]any{"company": "Initech", "role_title": "Platform Engineer", "stage": "phone_screen", "reason_category": "skills_gap", "external_ref": "opp-1"} {
		if rej[k] != v {
			t.Errorf("rejection.%s = %v, want %v", k, rej[k], v)
		}
	}
	cand := e.call(http.MethodGet, "/v1/candidates/"+out["candidate_id"].(string), key, nil).object(t)
	if cand["external_id"] != "contact-opp-1" || cand["display_name"] != "Ada Quinn" || cand["email"] != "ada.quinn@example.com" {
		t.Fatalf("candidate: %v", cand)
	}

	// The same delivery again is a duplicate; a bad signature is refused before Lever is asked.
	if r := e.deliver(hook, body); r.object(t)["outcome"] != "duplicate" {
		t.Fatalf("replay: %s", r.Body)
	}
	calls := lever.calls.Load()
	forged := leverHook("not-the-token", "candidateArchiveChange", "opp-5", "tok-x", now)
	mustProblem(t, e.deliver(hook, forged), http.StatusUnauthorized, "invalid-signature")
	var tampered map[string]any
	json.Unmarshal([]byte(body), &tampered)
	tampered["signature"] = strings.Repeat("0", 64)
	b, _ := json.Marshal(tampered)
	mustProblem(t, e.deliver(hook, string(b)), http.StatusUnauthorized, "invalid-signature")
	if lever.calls.Load() != calls {
		t.Fatal("Lever's API was called for a delivery whose signature did not verify")
	}

	// Withdrew is mapped to ignore; an unarchived or hired opportunity undoes nothing here.
	if r := e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-2", "tok-2", now)); r.object(t)["outcome"] != "withdrawn" {
		t.Fatalf("withdrew: %s", r.Body)
	}
	if r := e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-3", "tok-3", now)); r.object(t)["outcome"] != "ignored" {
		t.Fatalf("unarchived, never recorded: %s", r.Body)
	}
	if r := e.deliver(hook, leverHook(secret, "candidateStageChange", "opp-1", "tok-4", now)); r.object(t)["outcome"] != "ignored" {
		t.Fatalf("stage change: %s", r.Body)
	}
	// Lever's API failing is a 502 the vendor retries; nothing is recorded.
	lever.failing.Store(true)
	mustProblem(t, e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-5", "tok-5", now)), http.StatusBadGateway, "ats-api-unavailable")
	lever.failing.Store(false)
	st := e.call(http.MethodGet, "/v1/connectors/"+conn["id"].(string), key, nil).object(t)["status"].(map[string]any)
	if st["failed"] != float64(1) || !strings.Contains(st["last_error"].(string), "500") {
		t.Fatalf("status after Lever failed: %v", st)
	}
	if r := e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-5", "tok-5", now)); r.object(t)["outcome"] != "recorded" {
		t.Fatalf("the retried delivery: %s", r.Body)
	}
	// Unarchiving a recorded opportunity, and hiring: the rejection and plan go.
	lever.archived["opp-1"] = ""
	if r := e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-1", "tok-6", now+1)); r.object(t)["outcome"] != "undone" {
		t.Fatalf("unarchive: %s", r.Body)
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+out["rejection_id"].(string), key, nil), http.StatusNotFound, "not-found")
	if r := e.deliver(hook, leverHook(secret, "candidateHired", "opp-5", "tok-7", now)); r.object(t)["outcome"] != "undone" {
		t.Fatalf("hired: %s", r.Body)
	}
	// A wrong API key makes every read a 502.
	p := e.call(http.MethodPatch, "/v1/connectors/"+conn["id"].(string), key, `{"api_key": "revoked"}`, "Content-Type", "application/merge-patch+json")
	mustStatus(t, p, http.StatusOK)
	mustProblem(t, e.deliver(hook, leverHook(secret, "candidateArchiveChange", "opp-4", "tok-8", now)), http.StatusBadGateway, "ats-api-unavailable")
	mustProblem(t, e.call(http.MethodPatch, "/v1/connectors/"+conn["id"].(string), key, `{"api_key": null}`, "Content-Type", "application/merge-patch+json"), http.StatusUnprocessableEntity, "validation-error")
}

// TestGreenhouseConnectorOnSQLite records, replays and undoes a Greenhouse rejection on the
// zero-setup SQLite default.
func TestGreenhouseConnectorOnSQLite(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, testdb.SQLite(t))
	_, key := e.tenant("acme")
	const secret = "sqlite-secret-key"
	hook := e.greenhouseConnector(key, secret, nil)["webhook_url"].(string)
	reject := fixture(t, "greenhouse_reject_candidate.json")
	r := e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject))
	if r.object(t)["outcome"] != "recorded" {
		t.Fatalf("delivery on SQLite: %s", r.Body)
	}
	if again := e.deliver(hook, reject, "Signature", greenhouseSign(secret, reject)); again.object(t)["outcome"] != "duplicate" {
		t.Fatalf("replay on SQLite: %s", again.Body)
	}
	mustProblem(t, e.deliver(hook, reject, "Signature", greenhouseSign("wrong", reject)), http.StatusUnauthorized, "invalid-signature")
	unreject := fixture(t, "greenhouse_unreject_candidate.json")
	if u := e.deliver(hook, unreject, "Signature", greenhouseSign(secret, unreject)); u.object(t)["outcome"] != "undone" {
		t.Fatalf("unreject on SQLite: %s", u.Body)
	}
	if n := len(e.call(http.MethodGet, "/v1/rejections", key, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatalf("%d rejections after the unreject", n)
	}
}

// TestConcurrentDeliveriesRecordOnce: an ATS retrying a delivery while the first is still being
// recorded — here ten copies of one delivery and ten other deliveries of the same application,
// all at once — records one candidate and one rejection.
func TestConcurrentDeliveriesRecordOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	const secret = "concurrent-secret"
	hook := e.greenhouseConnector(key, secret, nil)["webhook_url"].(string)
	reject := fixture(t, "greenhouse_reject_candidate.json")
	sig := greenhouseSign(secret, reject)
	outcomes := make(chan string, 20)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := e.deliver(hook, reject, "Signature", sig, "Greenhouse-Event-ID", fmt.Sprintf("evt-%d", i%11))
			if r.Status != http.StatusOK {
				outcomes <- fmt.Sprintf("status %d: %s", r.Status, r.Body)
				return
			}
			outcomes <- r.object(t)["outcome"].(string)
		}(i)
	}
	wg.Wait()
	close(outcomes)
	recorded := 0
	for o := range outcomes {
		switch o {
		case "recorded":
			recorded++
		case "duplicate":
		default:
			t.Errorf("a concurrent delivery: %s", o)
		}
	}
	rejections := e.call(http.MethodGet, "/v1/rejections", key, nil).object(t)["data"].([]any)
	candidates := e.call(http.MethodGet, "/v1/candidates", key, nil).object(t)["data"].([]any)
	if recorded != 1 || len(rejections) != 1 || len(candidates) != 1 {
		t.Fatalf("%d recorded, %d rejections, %d candidates; want one of each", recorded, len(rejections), len(candidates))
	}
}

// TestConnectorDeliveriesAreRateLimited: the public delivery endpoint is limited per connector
// and per client address, answering 429 with Retry-After past the burst.
func TestConnectorDeliveriesAreRateLimited(t *testing.T) {
	t.Parallel()
	l := &connectorLimiter{perConnector: newRateLimiter(1, 3), perAddress: newRateLimiter(1, 5)}
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		p, _ := problemFor(err)
		c.JSON(p.Status, p)
	}
	e.POST("/v1/public/connectors/:id/deliveries", func(c echo.Context) error { return c.NoContent(http.StatusOK) }, l.middleware)
	post := func(connector, addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/v1/public/connectors/"+connector+"/deliveries", nil)
		req.RemoteAddr = addr + ":1234"
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}
	for i := 0; i < 3; i++ {
		if rec := post("conn_a", "192.0.2.1"); rec.Code != http.StatusOK {
			t.Fatalf("delivery %d within the burst: %d", i, rec.Code)
		}
	}
	if rec := post("conn_a", "192.0.2.2"); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("past the connector's burst: %d %v", rec.Code, rec.Header())
	}
	for i := 0; i < 2; i++ {
		post(fmt.Sprintf("conn_%d", i), "192.0.2.1")
	}
	if rec := post("conn_z", "192.0.2.1"); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("past the address's burst: %d", rec.Code)
	}
}
