package api

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

func TestLanguagesOnPostgres(t *testing.T) { testLanguages(t, testdb.Postgres) }
func TestLanguagesOnSQLite(t *testing.T)   { testLanguages(t, testdb.SQLite) }

// testLanguages: a candidate's locale (region variants included) chooses the language of their
// drafts, plan, agenda and prompts; a feedback request's own locale chooses its page; an
// unsupported locale falls back to English and says so; the tone check reads German and answers
// unsupported_language for Italian.
func testLanguages(t *testing.T, open func(testing.TB) *store.Store) {
	t.Parallel()
	e := newEnvOn(t, open(t))
	_, key := e.tenant("acme")
	cand := func(id, locale string) string {
		return e.create("/v1/candidates", key, map[string]any{"external_id": id, "display_name": "Lena Vogel", "locale": locale})["id"].(string)
	}
	german := cand("de", "de-AT")
	rej := e.rejection(key, german, map[string]any{"contacts": []map[string]any{{"name": "Frau Dr. Katrin Schulz", "role": "hiring_manager"}}})["id"].(string)
	draft := e.call(http.MethodGet, "/v1/rejections/"+rej+"/drafts/thank-you", key, nil).object(t)
	if draft["locale"] != "de" || draft["locale_fallback"] != false || !strings.HasPrefix(draft["body"].(string), "Sehr geehrte Frau Dr. Schulz") {
		t.Fatalf("German draft: %v", draft)
	}
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	titles := ""
	for _, st := range plan["steps"].([]any) {
		titles += st.(map[string]any)["title"].(string) + " | "
	}
	if strings.Contains(titles, "Apply to your next") || !regexp.MustCompile(`(?i)bewerb|schulz|erhol|gespräch`).MatchString(titles) {
		t.Fatalf("the German candidate's plan is not in German: %s", titles)
	}
	agenda := e.call(http.MethodGet, "/v1/candidates/"+german+"/agenda", key, nil).object(t)
	if agenda["locale"] != "de" || len(agenda["items"].([]any)) == 0 {
		t.Fatalf("agenda %v", agenda)
	}
	prompts := e.call(http.MethodGet, "/v1/reflection-prompts?locale=de-CH", key, nil)
	mustStatus(t, prompts, http.StatusOK)
	if strings.Contains(string(prompts.Body), "How are you feeling") {
		t.Fatal("prompts asked in German came back in English")
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/reflection-prompts?locale=not%20a%20tag", key, nil), http.StatusUnprocessableEntity, "validation-error")

	spanish := cand("es", "es-MX")
	esRej := e.rejection(key, spanish, map[string]any{"contacts": []map[string]any{{"name": "Sra. Ana García", "role": "recruiter"}}})["id"].(string)
	esDraft := e.call(http.MethodGet, "/v1/rejections/"+esRej+"/drafts/feedback-request", key, nil).object(t)
	if esDraft["locale"] != "es" || !strings.HasPrefix(esDraft["body"].(string), "Estimada Sra. García") {
		t.Fatalf("Spanish draft: %v", esDraft)
	}

	italian := cand("it", "it-IT")
	itRej := e.rejection(key, italian, nil)["id"].(string)
	itDraft := e.call(http.MethodGet, "/v1/rejections/"+itRej+"/drafts/thank-you", key, nil).object(t)
	if itDraft["locale"] != "en" || itDraft["locale_fallback"] != true {
		t.Fatalf("unsupported locale: %v", itDraft)
	}

	// The page speaks the request's language when it has one, else the candidate's.
	token := func(body map[string]any) string {
		return e.create("/v1/rejections/"+rej+"/feedback-requests", key, body)["response_token"].(string)
	}
	for _, c := range []struct {
		body map[string]any
		lang string
	}{
		{map[string]any{"recipient": map[string]any{"name": "Katrin"}}, "de"},
		{map[string]any{"recipient": map[string]any{"name": "Claire"}, "locale": "fr-CA"}, "fr"},
	} {
		page := e.call(http.MethodGet, "/f/"+token(c.body), "", nil)
		if !strings.Contains(string(page.Body), `<html lang="`+c.lang+`">`) {
			t.Fatalf("page for %v is not in %s", c.body, c.lang)
		}
	}
	mustProblem(t, e.call(http.MethodPost, "/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "X"}, "locale": "not a tag"}), http.StatusUnprocessableEntity, "validation-error")

	tone := func(text, locale string) map[string]any {
		r := e.call(http.MethodPost, "/v1/tone-checks", key, map[string]any{"text": text, "locale": locale})
		mustStatus(t, r, http.StatusOK)
		return r.object(t)
	}
	if de := tone("Ihre Entscheidung ist eine Frechheit und völlig unfair. Ich verlange eine Erklärung bis Freitag!", "de"); de["verdict"] != "revise" || de["language"] != "de" {
		t.Fatalf("hostile German: %v", de)
	}
	if it := tone("Grazie per avermi fatto sapere la vostra decisione, vi auguro buona fortuna con il progetto.", ""); it["verdict"] != "unsupported_language" {
		t.Fatalf("Italian: %v", it)
	}
}
