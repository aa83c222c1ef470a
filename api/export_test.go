package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

func TestCandidateExportOnPostgres(t *testing.T) { testCandidateExport(t, testdb.Postgres) }
func TestCandidateExportOnSQLite(t *testing.T)   { testCandidateExport(t, testdb.SQLite) }

// testCandidateExport: the export holds every record of the candidate, nothing of anyone else's,
// never a link token, and is a 404 for another tenant.
func testCandidateExport(t *testing.T, open func(testing.TB) *store.Store) {
	t.Parallel()
	e := newEnvOn(t, open(t))
	_, key := e.tenant("acme")
	_, other := e.tenant("globex")
	cand := e.candidate(key, "u-1")
	someoneElse := e.candidate(key, "u-2")
	e.rejection(key, someoneElse, map[string]any{"company": "Elsewhere Inc"})
	var tokens []string
	for i := 0; i < 3; i++ {
		rej := e.rejection(key, cand, map[string]any{"company": "Company " + itoa(i)})["id"].(string)
		fr := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Priya", "email": "priya@example.com"}})
		tokens = append(tokens, fr["response_token"].(string))
		e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "coach", "summary": "Summary " + itoa(i)})
		e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3}})
	}
	r := e.call(http.MethodGet, "/v1/candidates/"+cand+"/export", key, nil)
	mustStatus(t, r, http.StatusOK)
	if !strings.Contains(r.Header.Get("Content-Disposition"), cand+".json") {
		t.Fatalf("Content-Disposition %q", r.Header.Get("Content-Disposition"))
	}
	var doc struct {
		Object     string         `json:"object"`
		Candidate  map[string]any `json:"candidate"`
		Rejections []struct {
			ID               string           `json:"id"`
			CandidateID      string           `json:"candidate_id"`
			Company          string           `json:"company"`
			Contacts         []map[string]any `json:"contacts"`
			FeedbackRequests []map[string]any `json:"feedback_requests"`
			Feedback         []map[string]any `json:"feedback"`
			Reflections      []map[string]any `json:"reflections"`
			RecoveryPlan     map[string]any   `json:"recovery_plan"`
			Revisions        []map[string]any `json:"recovery_plan_revisions"`
		} `json:"rejections"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatalf("the export is not one JSON document: %v\n%s", err, r.Body)
	}
	if doc.Object != "candidate_export" || doc.Candidate["id"] != cand || len(doc.Rejections) != 3 {
		t.Fatalf("export: %s", r.Body)
	}
	for _, rej := range doc.Rejections {
		if rej.CandidateID != cand || len(rej.Contacts) != 1 || len(rej.FeedbackRequests) != 1 || len(rej.Feedback) != 1 ||
			len(rej.Reflections) != 1 || rej.RecoveryPlan == nil || len(rej.RecoveryPlan["steps"].([]any)) == 0 || len(rej.Revisions) == 0 {
			t.Fatalf("rejection %s is incomplete: %+v", rej.ID, rej)
		}
	}
	if len(doc.Events) < 3*5 {
		t.Fatalf("%d events exported", len(doc.Events))
	}
	for _, ev := range doc.Events {
		obj := ev["data"].(map[string]any)["object"].(map[string]any)
		if obj["id"] != cand && obj["candidate_id"] != cand {
			t.Fatalf("an event of someone else: %v", obj)
		}
	}
	body := string(r.Body)
	if strings.Contains(body, "Elsewhere Inc") {
		t.Fatal("another candidate's rejection is in the export")
	}
	for _, tok := range tokens {
		if strings.Contains(body, tok) {
			t.Fatal("a feedback link token is in the export")
		}
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates/"+cand+"/export", other, nil), http.StatusNotFound, "not-found")
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b/export", key, nil), http.StatusNotFound, "not-found")
	// A candidate with nothing yet exports an empty document, still complete.
	fresh := e.candidate(key, "u-3")
	var empty map[string]any
	if err := json.Unmarshal(e.call(http.MethodGet, "/v1/candidates/"+fresh+"/export", key, nil).Body, &empty); err != nil || len(empty["rejections"].([]any)) != 0 {
		t.Fatalf("empty export: %v %v", empty, err)
	}
}
