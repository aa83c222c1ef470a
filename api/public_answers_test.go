package api

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// publicAnswer is one way a recipient answers: the form fields for the page and the JSON body
// for the API, and what must then be stored.
type publicAnswer struct {
	name        string
	form        url.Values
	json        map[string]any
	declined    bool
	summary     string
	strengths   int
	improvement int
}

// publicAnswers are the partial answers real people give. The most common is a comment alone.
var publicAnswers = []publicAnswer{
	{name: "comment only", form: url.Values{"summary": {"Lovely to meet you; we went with someone with more on-call experience."}},
		json: map[string]any{"summary": "Lovely to meet you; we went with someone with more on-call experience."}, summary: "Lovely to meet you; we went with someone with more on-call experience."},
	{name: "strengths only", form: url.Values{"strength_detail": {"Clear, structured answers", ""}},
		json: map[string]any{"items": []map[string]any{{"category": "communication", "polarity": "strength", "detail": "Clear, structured answers"}}}, strengths: 1},
	{name: "improvements only", form: url.Values{"improvement_detail": {"", "Go deeper on system design", ""}},
		json: map[string]any{"items": []map[string]any{{"category": "technical_depth", "polarity": "improvement", "detail": "Go deeper on system design"}}}, improvement: 1},
	{name: "decline", form: url.Values{"action": {"decline"}}, json: map[string]any{"declined": true}, declined: true},
}

func TestPartialAnswersOnPostgres(t *testing.T) { testPartialAnswers(t, testdb.Postgres) }
func TestPartialAnswersOnSQLite(t *testing.T)   { testPartialAnswers(t, testdb.SQLite) }

// testPartialAnswers answers one feedback request per answer and surface (the HTML page and the
// JSON endpoint): each is accepted, stored as given, and closes the request.
func testPartialAnswers(t *testing.T, open func(testing.TB) *store.Store) {
	t.Parallel()
	e := newEnvOn(t, open(t))
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u")
	rej := e.rejection(key, cand, map[string]any{"stage": "final_round"})["id"].(string)
	for _, surface := range []string{"page", "json"} {
		for _, a := range publicAnswers {
			t.Run(surface+"/"+a.name, func(t *testing.T) {
				created := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya Raman"}})
				token := created["response_token"].(string)
				var r response
				if surface == "page" {
					page := e.call(http.MethodGet, "/f/"+token, "", nil)
					mustStatus(t, page, http.StatusOK)
					nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(string(page.Body))
					form := url.Values{"nonce": {nonce[1]}, "action": {"respond"}}
					for k, v := range a.form {
						form[k] = v
					}
					r = e.call(http.MethodPost, "/f/"+token, "", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
					mustStatus(t, r, http.StatusOK)
				} else {
					r = e.call(http.MethodPost, "/v1/public/feedback-requests/"+token+"/response", "", a.json)
					mustStatus(t, r, http.StatusCreated)
				}
				req := e.call(http.MethodGet, "/v1/feedback-requests/"+created["id"].(string), key, nil).object(t)
				want := "responded"
				if a.declined {
					want = "declined"
				}
				if req["status"] != want {
					t.Fatalf("request %s after %s, want %s", req["status"], a.name, want)
				}
				if a.declined {
					return
				}
				var stored map[string]any
				for _, f := range e.call(http.MethodGet, "/v1/rejections/"+rej+"/feedback?limit=100", key, nil).object(t)["data"].([]any) {
					if f.(map[string]any)["feedback_request_id"] == created["id"] {
						stored = f.(map[string]any)
					}
				}
				if stored == nil {
					t.Fatal("no feedback stored")
				}
				strengths, improvements := 0, 0
				for _, it := range stored["items"].([]any) {
					switch it.(map[string]any)["polarity"] {
					case "strength":
						strengths++
					case "improvement":
						improvements++
					}
				}
				if stored["summary"] != a.summary || strengths != a.strengths || improvements != a.improvement {
					t.Fatalf("stored %v", stored)
				}
			})
		}
	}
	// An empty answer is refused, and the page says what is needed instead.
	created := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Sam"}})
	token := created["response_token"].(string)
	mustProblem(t, e.call(http.MethodPost, "/v1/public/feedback-requests/"+token+"/response", "", map[string]any{"summary": "   "}), http.StatusUnprocessableEntity, "validation-error")
	page := e.call(http.MethodGet, "/f/"+token, "", nil)
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(string(page.Body))
	r := e.call(http.MethodPost, "/f/"+token, "", url.Values{"nonce": {nonce[1]}, "action": {"respond"}, "summary": {"  "}}.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.Body), "at least one") {
		t.Fatalf("the refusal does not say what is needed: %s", r.Body)
	}
}
