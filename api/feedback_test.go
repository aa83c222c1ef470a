package api

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/app"
)

// feedbackFixture is a tenant with a candidate, a final-round rejection with one contact and a
// feedback request to that contact.
type feedbackFixture struct {
	key, candidate, rejection, contact, request, token string
	created                                            map[string]any
}

func newFeedbackFixture(t *testing.T, e *env) feedbackFixture {
	t.Helper()
	_, key := e.tenant("acme")
	f := feedbackFixture{key: key}
	f.candidate = e.create("/v1/candidates", key, map[string]any{"external_id": "u-1", "display_name": "Dana Whitfield"})["id"].(string)
	rej := e.rejection(key, f.candidate, map[string]any{"stage": "final_round", "role_title": "Senior Backend Engineer"})
	f.rejection = rej["id"].(string)
	f.contact = rej["contacts"].([]any)[0].(map[string]any)["id"].(string)
	f.created = e.create("/v1/rejections/"+f.rejection+"/feedback-requests", key, map[string]any{"contact_id": f.contact, "note": "Thanks for the design chat."})
	f.request = f.created["id"].(string)
	u, _ := f.created["response_url"].(string)
	f.token = u[strings.LastIndex(u, "/")+1:]
	return f
}

func TestFeedbackRequestCreationAndLink(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	c := f.created
	msg := c["message"].(map[string]any)
	link := c["response_url"].(string)
	if c["status"] != "draft" || !strings.HasPrefix(link, "http://rebound.test/f/frt_") || !strings.Contains(msg["body"].(string), link) {
		t.Fatalf("created request %v", c)
	}
	if !strings.Contains(msg["body"].(string), "Hi Priya") || !strings.Contains(msg["body"].(string), "Senior Backend Engineer") || c["recipient"].(map[string]any)["name"] != "Priya Raman" {
		t.Fatalf("message not specific: %v", msg)
	}
	// The link is shown once; at rest only its hash exists.
	got := e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)
	if got["response_url"] != nil || strings.Contains(got["message"].(map[string]any)["body"].(string), f.token) {
		t.Fatal("the token is shown again after creation")
	}
	var hits int64
	e.st.GormDB().Raw(`SELECT count(*) FROM feedback_requests WHERE token_hash = ? OR message_body LIKE ?`, f.token, "%"+f.token+"%").Scan(&hits)
	if hits != 0 {
		t.Fatal("the token is stored in plain text")
	}
	if e.st.GormDB().Raw(`SELECT count(*) FROM feedback_requests WHERE token_hash = ?`, app.HashFeedbackToken(f.token)).Scan(&hits); hits != 1 {
		t.Fatal("the token hash is not stored")
	}
	// Validation.
	for _, body := range []map[string]any{
		{},
		{"contact_id": "ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"},
		{"recipient": map[string]any{"name": "A", "role": "boss"}},
		{"recipient": map[string]any{"name": "A"}, "contact_id": f.contact},
		{"recipient": map[string]any{"name": "A"}, "expires_in_days": 91},
	} {
		mustProblem(t, e.call(http.MethodPost, "/v1/rejections/"+f.rejection+"/feedback-requests", f.key, body), http.StatusUnprocessableEntity, "validation-error")
	}
	withRecipient := e.create("/v1/rejections/"+f.rejection+"/feedback-requests", f.key, map[string]any{"recipient": map[string]any{"name": "Sam Lee", "email": "sam@northwind.example", "role": "interviewer"}, "expires_in_days": 7})
	if exp, _ := time.Parse(time.RFC3339, withRecipient["expires_at"].(string)); time.Until(exp) > 8*24*time.Hour || time.Until(exp) < 6*24*time.Hour {
		t.Fatalf("expires_at %v", withRecipient["expires_at"])
	}
	list := e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/feedback-requests", f.key, nil).object(t)
	if n := len(list["data"].([]any)); n != 2 {
		t.Fatalf("%d requests listed", n)
	}
}

func TestFeedbackRequestStatusMachine(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	path := "/v1/feedback-requests/" + f.request
	sent := e.call(http.MethodPost, path+"/sent", f.key, nil)
	mustStatus(t, sent, http.StatusOK)
	if o := sent.object(t); o["status"] != "sent" || o["sent_at"] == nil {
		t.Fatalf("sent: %v", o)
	}
	p := mustProblem(t, e.call(http.MethodPost, path+"/sent", f.key, nil), http.StatusConflict, "conflict")
	if p["current_status"] != "sent" {
		t.Fatalf("409 without current_status: %v", p)
	}
	mustStatus(t, e.call(http.MethodPost, path+"/cancel", f.key, nil), http.StatusOK)
	p = mustProblem(t, e.call(http.MethodPost, path+"/cancel", f.key, nil), http.StatusConflict, "conflict")
	if p["current_status"] != "cancelled" {
		t.Fatalf("current_status %v", p["current_status"])
	}
	// A cancelled link no longer works.
	mustProblem(t, e.call(http.MethodGet, "/v1/public/feedback-requests/"+f.token, "", nil), http.StatusGone, "link-no-longer-valid")
	types := eventTypes(t, e.call(http.MethodGet, "/v1/events?limit=100", f.key, nil))
	for _, want := range []string{"feedback_request.created", "feedback_request.sent", "feedback_request.cancelled"} {
		if !strings.Contains(strings.Join(types, ","), want) {
			t.Fatalf("no %s event in %v", want, types)
		}
	}
}

func TestPublicResponseIsSingleUse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	pub := "/v1/public/feedback-requests/" + f.token
	view := e.call(http.MethodGet, pub, "", nil)
	mustStatus(t, view, http.StatusOK)
	v := view.object(t)
	if v["company"] != "Northwind Analytics" || v["candidate_name"] != "Dana Whitfield" || strings.Contains(string(view.Body), f.request) || strings.Contains(string(view.Body), "priya@") {
		t.Fatalf("public view shows too much or too little: %s", view.Body)
	}
	answer := map[string]any{"summary": "Solid overall.", "author_role": "Engineering Manager", "items": []map[string]any{
		{"category": "technical_depth", "polarity": "improvement", "detail": "System design depth"},
		{"category": "communication", "polarity": "strength", "detail": "Clear explanations"},
	}}
	mustProblem(t, e.call(http.MethodPost, pub+"/response", "", map[string]any{"items": []map[string]any{{"category": "vibes", "polarity": "strength", "detail": "x"}}}), http.StatusUnprocessableEntity, "validation-error")
	r := e.call(http.MethodPost, pub+"/response", "", answer)
	mustStatus(t, r, http.StatusCreated)
	if r.object(t)["status"] != "responded" {
		t.Fatalf("receipt %s", r.Body)
	}
	mustProblem(t, e.call(http.MethodPost, pub+"/response", "", answer), http.StatusGone, "link-no-longer-valid")
	mustProblem(t, e.call(http.MethodGet, pub, "", nil), http.StatusGone, "link-no-longer-valid")

	req := e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)
	if req["status"] != "responded" || req["responded_at"] == nil {
		t.Fatalf("request after answer: %v", req)
	}
	fb := e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/feedback", f.key, nil).object(t)["data"].([]any)
	if len(fb) != 1 {
		t.Fatalf("%d feedback", len(fb))
	}
	got := fb[0].(map[string]any)
	if got["feedback_request_id"] != f.request || got["source"] != "employer" || got["author_name"] != "Priya Raman" || len(got["items"].([]any)) != 2 {
		t.Fatalf("stored feedback %v", got)
	}
	types := strings.Join(eventTypes(t, e.call(http.MethodGet, "/v1/events?limit=100", f.key, nil)), ",")
	if !strings.Contains(types, "feedback_request.responded") || !strings.Contains(types, "feedback.received") {
		t.Fatalf("events %s", types)
	}
	// Unknown and malformed tokens are 404, revealing nothing.
	mustProblem(t, e.call(http.MethodGet, "/v1/public/feedback-requests/frt_"+strings.Repeat("A", 43), "", nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodGet, "/v1/public/feedback-requests/nope", "", nil), http.StatusNotFound, "not-found")
}

func TestPublicDecline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	pub := "/v1/public/feedback-requests/" + f.token + "/response"
	mustProblem(t, e.call(http.MethodPost, pub, "", map[string]any{"declined": true, "summary": "x"}), http.StatusUnprocessableEntity, "validation-error")
	r := e.call(http.MethodPost, pub, "", map[string]any{"declined": true})
	mustStatus(t, r, http.StatusCreated)
	if e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)["status"] != "declined" {
		t.Fatal("not declined")
	}
	if n := len(e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/feedback", f.key, nil).object(t)["data"].([]any)); n != 0 {
		t.Fatal("declining stored feedback")
	}
}

func TestFeedbackRequestExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	if err := e.st.GormDB().Exec(`UPDATE feedback_requests SET expires_at = ?`, time.Now().Add(-time.Minute).UTC()).Error; err != nil {
		t.Fatal(err)
	}
	if s := e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)["status"]; s != "expired" {
		t.Fatalf("status on read after expiry: %v", s)
	}
	p := mustProblem(t, e.call(http.MethodPost, "/v1/feedback-requests/"+f.request+"/sent", f.key, nil), http.StatusConflict, "conflict")
	if p["current_status"] != "expired" {
		t.Fatalf("current_status %v", p["current_status"])
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/public/feedback-requests/"+f.token+"/response", "", map[string]any{"summary": "late"}), http.StatusGone, "link-no-longer-valid")
	n, err := e.server.app.SweepExpiredFeedbackRequests(context.Background(), 100)
	if err != nil || n != 1 {
		t.Fatalf("sweep: %d %v", n, err)
	}
	if n, _ := e.server.app.SweepExpiredFeedbackRequests(context.Background(), 100); n != 0 {
		t.Fatal("the sweep expires twice")
	}
	if types := eventTypes(t, e.call(http.MethodGet, "/v1/events?type=feedback_request.expired", f.key, nil)); len(types) != 1 {
		t.Fatalf("expired events: %v", types)
	}
}

func TestFeedbackPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.create("/v1/candidates", key, map[string]any{"external_id": "u", "display_name": "Dana <b>Whitfield</b>"})["id"].(string)
	rej := e.rejection(key, cand, map[string]any{"company": `<script>alert("x")</script> Corp`})["id"].(string)
	created := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya"}})
	link := created["response_url"].(string)
	path := link[strings.Index(link, "/f/"):]

	page := e.call(http.MethodGet, path, "", nil)
	mustStatus(t, page, http.StatusOK)
	html := string(page.Body)
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") || strings.Contains(html, "<b>Whitfield") {
		t.Fatal("the page does not escape what the platform sent")
	}
	csp := page.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "form-action 'self'") || page.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("security headers: %v", page.Header)
	}
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(html)
	if nonce == nil {
		t.Fatal("no nonce in the form")
	}
	form := url.Values{"nonce": {nonce[1]}, "action": {"respond"},
		"improvement_category": {"technical_depth", "interview_performance", "experience"}, "improvement_detail": {"Go deeper on caching", "", ""},
		"strength_category": {"skills", "communication"}, "strength_detail": {"Fast, clean coding", ""}, "summary": {"Thanks for applying."}}
	// Without a valid nonce the post is refused and nothing is stored.
	bad := url.Values{"action": {"respond"}, "summary": {"forged"}}
	r := e.call(http.MethodPost, path, "", bad.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	mustStatus(t, r, http.StatusForbidden)
	// An empty answer re-renders the form with a message.
	empty := url.Values{"nonce": {nonce[1]}, "action": {"respond"}}
	r = e.call(http.MethodPost, path, "", empty.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.Body), "at least one") {
		t.Fatalf("no helpful message: %s", r.Body)
	}
	r = e.call(http.MethodPost, path, "", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	mustStatus(t, r, http.StatusOK)
	if !strings.Contains(string(r.Body), "Thank you") {
		t.Fatalf("no thank-you page: %s", r.Body)
	}
	again := e.call(http.MethodPost, path, "", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	mustStatus(t, again, http.StatusGone)
	if !strings.Contains(string(again.Body), "already been answered") {
		t.Fatal("reuse does not say it was answered")
	}
	mustStatus(t, e.call(http.MethodGet, path, "", nil), http.StatusGone)
	mustStatus(t, e.call(http.MethodGet, "/f/frt_"+strings.Repeat("b", 43), "", nil), http.StatusNotFound)
	fb := e.call(http.MethodGet, "/v1/rejections/"+rej+"/feedback", key, nil).object(t)["data"].([]any)[0].(map[string]any)
	items := fb["items"].([]any)
	if len(items) != 2 || fb["summary"] != "Thanks for applying." {
		t.Fatalf("stored from the page: %v", fb)
	}
}

func TestFeedbackCRUDAndIsolation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	_, other := e.tenant("globex")
	fb := e.create("/v1/rejections/"+f.rejection+"/feedback", f.key, map[string]any{"source": "coach", "summary": "Practise STAR answers.", "items": []map[string]any{{"category": "interview_performance", "polarity": "improvement", "detail": "Structure answers"}}})
	id := fb["id"].(string)
	for _, body := range []map[string]any{{"source": "oracle", "summary": "x"}, {"source": "peer"}, {"source": "peer", "items": []map[string]any{{"category": "skills", "polarity": "meh", "detail": "x"}}}} {
		mustProblem(t, e.call(http.MethodPost, "/v1/rejections/"+f.rejection+"/feedback", f.key, body), http.StatusUnprocessableEntity, "validation-error")
	}
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, "/v1/feedback/" + id}, {http.MethodDelete, "/v1/feedback/" + id},
		{http.MethodGet, "/v1/rejections/" + f.rejection + "/feedback"}, {http.MethodPost, "/v1/rejections/" + f.rejection + "/feedback"},
		{http.MethodGet, "/v1/feedback-requests/" + f.request}, {http.MethodPost, "/v1/feedback-requests/" + f.request + "/sent"},
		{http.MethodPost, "/v1/feedback-requests/" + f.request + "/cancel"},
		{http.MethodGet, "/v1/rejections/" + f.rejection + "/feedback-requests"}, {http.MethodPost, "/v1/rejections/" + f.rejection + "/feedback-requests"},
		{http.MethodGet, "/v1/rejections/" + f.rejection + "/drafts/thank-you"},
	} {
		var body any
		switch {
		case strings.HasSuffix(c.path, "/feedback") && c.method == http.MethodPost:
			body = map[string]any{"source": "peer", "summary": "x"}
		case strings.HasSuffix(c.path, "/feedback-requests") && c.method == http.MethodPost:
			body = map[string]any{"recipient": map[string]any{"name": "x"}}
		}
		mustProblem(t, e.call(c.method, c.path, other, body), http.StatusNotFound, "not-found")
	}
	if s := e.call(http.MethodGet, "/v1/feedback-requests/"+f.request, f.key, nil).object(t)["status"]; s != "draft" {
		t.Fatalf("tenant B changed A's request: %v", s)
	}
	mustStatus(t, e.call(http.MethodGet, "/v1/feedback/"+id, f.key, nil), http.StatusOK)
	mustStatus(t, e.call(http.MethodDelete, "/v1/feedback/"+id, f.key, nil), http.StatusNoContent)
	mustProblem(t, e.call(http.MethodGet, "/v1/feedback/"+id, f.key, nil), http.StatusNotFound, "not-found")
}

func TestDraftsAndToneCheck(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	for _, kind := range []string{"thank-you", "feedback-request", "continued-interest", "check-in", "contract-inquiry"} {
		r := e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/drafts/"+kind+"?contact_id="+f.contact, f.key, nil)
		mustStatus(t, r, http.StatusOK)
		d := r.object(t)
		if d["kind"] != kind || !strings.Contains(d["body"].(string), "Priya") || d["word_count"].(float64) < 20 {
			t.Fatalf("%s draft %v", kind, d)
		}
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/drafts/apology", f.key, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodGet, "/v1/rejections/"+f.rejection+"/drafts/thank-you?contact_id=ctc_x", f.key, nil), http.StatusUnprocessableEntity, "validation-error")

	r := e.call(http.MethodPost, "/v1/tone-checks", f.key, map[string]any{"text": "I demand an explanation for this UNFAIR decision!!"})
	mustStatus(t, r, http.StatusOK)
	res := r.object(t)
	if res["verdict"] != "revise" || len(res["findings"].([]any)) < 3 {
		t.Fatalf("tone check %v", res)
	}
	ok := e.call(http.MethodPost, "/v1/tone-checks", f.key, map[string]any{"text": "Thank you for your time and the update."}).object(t)
	if ok["verdict"] != "ok" {
		t.Fatalf("courteous text flagged: %v", ok)
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/tone-checks", f.key, map[string]any{"text": strings.Repeat("a", 20001)}), http.StatusUnprocessableEntity, "validation-error")
}

func TestPublicEndpointsAreRateLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newFeedbackFixture(t, e)
	limited := false
	for i := 0; i < 30 && !limited; i++ {
		r := e.call(http.MethodGet, "/v1/public/feedback-requests/"+f.token, "", nil)
		limited = r.Status == http.StatusTooManyRequests
		if limited {
			mustProblem(t, r, http.StatusTooManyRequests, "rate-limited")
			if r.Header.Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		}
	}
	if !limited {
		t.Fatal("30 quick reads of one token were never limited")
	}
}

// TestPublicLimitUsesTrustedProxyAddresses: behind a trusted proxy each client has its own
// budget; a forwarded address from an untrusted peer is ignored.
func TestPublicLimitUsesTrustedProxyAddresses(t *testing.T) {
	t.Parallel()
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	e := newEnv(t, func(c *Config, _ *app.Config) { c.TrustedProxies = []*net.IPNet{loopback} })
	for i := 0; i < 70; i++ { // more than one address's budget, spread over many clients
		r := e.call(http.MethodGet, "/v1/public/feedback-requests/nope-"+strconv.Itoa(i), "", nil, "X-Forwarded-For", "203.0.113."+strconv.Itoa(i))
		if r.Status == http.StatusTooManyRequests {
			t.Fatalf("request %d from its own client address was limited", i)
		}
	}
}
