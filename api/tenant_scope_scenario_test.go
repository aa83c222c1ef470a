package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/dispatch"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// runScopeScenario does, as one tenant beside another, everything Rebound does: every route of
// the API, the public feedback link, the dispatcher, the scheduler, the janitor's purges and
// sweeps, retention, the operator's commands, and the store methods only the importer and
// tests call. TestEveryStoreStatementNamesOneTenant checks the statements it causes.
func runScopeScenario(t *testing.T, e *env) {
	ctx := context.Background()
	a := e.server.app
	tenant, key := e.tenant("scoped")
	e.tenant("neighbour")
	ok := func(r response, want int) map[string]any {
		t.Helper()
		mustStatus(t, r, want)
		if len(r.Body) == 0 || r.Body[0] != '{' {
			return nil
		}
		return r.object(t)
	}
	get := func(path string) map[string]any {
		t.Helper()
		return ok(e.call(http.MethodGet, path, key, nil), http.StatusOK)
	}
	setup := func(sql string, args ...any) {
		t.Helper()
		if err := e.st.GormDB().WithContext(setupCtx).Exec(sql, args...).Error; err != nil {
			t.Fatal(err)
		}
	}

	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(receiver.Close)
	we := e.create("/v1/webhook-endpoints", key, map[string]any{"url": receiver.URL, "enabled_events": []string{"*"}})["id"].(string)
	get("/v1/webhook-endpoints")
	get("/v1/webhook-endpoints/" + we)
	ok(e.call(http.MethodPatch, "/v1/webhook-endpoints/"+we, key, map[string]any{"description": "all events"}), http.StatusOK)
	ok(e.call(http.MethodPost, "/v1/webhook-endpoints/"+we+"/rotate-secret", key, nil), http.StatusOK)
	ok(e.call(http.MethodPost, "/v1/webhook-endpoints/"+we+"/test", key, nil), http.StatusAccepted)

	cand := e.candidate(key, "scope-user")
	get("/v1/candidates?external_id=scope-user")
	get("/v1/candidates/" + cand)
	ok(e.call(http.MethodPatch, "/v1/candidates/"+cand, key, map[string]any{"external_id": "scope-user-2"}), http.StatusOK)

	rejBody := map[string]any{"candidate_id": cand, "company": "Northwind", "role_title": "Engineer", "stage": "final_round", "external_ref": "app_1",
		"contacts": []map[string]any{{"name": "Priya Raman", "role": "hiring_manager", "email": "priya@northwind.example"}}}
	rejection := ok(e.call(http.MethodPost, "/v1/rejections", key, rejBody, "Idempotency-Key", "scope-1"), http.StatusCreated)
	ok(e.call(http.MethodPost, "/v1/rejections", key, rejBody, "Idempotency-Key", "scope-1"), http.StatusCreated) // a replay
	rej := rejection["id"].(string)
	contact := rejection["contacts"].([]any)[0].(map[string]any)["id"].(string)
	get("/v1/rejections?candidate_id=" + cand + "&company=northwind&status=open&received_after=2000-01-01T00:00:00Z&received_before=2100-01-01T00:00:00Z")
	get("/v1/rejections/" + rej)
	ok(e.call(http.MethodPatch, "/v1/rejections/"+rej, key, map[string]any{"notes": "Ask about the design round."}), http.StatusOK)
	get("/v1/rejections/" + rej + "/drafts/thank-you")
	ok(e.call(http.MethodPost, "/v1/tone-checks", key, map[string]any{"text": "Thank you for your time."}), http.StatusOK)

	// Feedback, requested through the public link and recorded directly.
	frq := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"contact_id": contact})
	link := frq["response_url"].(string)
	token := link[strings.LastIndex(link, "/")+1:]
	get("/v1/rejections/" + rej + "/feedback-requests")
	get("/v1/feedback-requests/" + frq["id"].(string))
	ok(e.call(http.MethodPost, "/v1/feedback-requests/"+frq["id"].(string)+"/sent", key, nil), http.StatusOK)
	ok(e.call(http.MethodGet, "/f/"+token, "", nil), http.StatusOK)
	ok(e.call(http.MethodGet, "/v1/public/feedback-requests/"+token, "", nil), http.StatusOK)
	ok(e.call(http.MethodPost, "/v1/public/feedback-requests/"+token+"/response", "", map[string]any{"summary": "Strong coding round.",
		"items": []map[string]any{{"category": "technical_depth", "polarity": "improvement", "detail": "System design depth"}}}), http.StatusCreated)
	cancelled := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Sam Lee"}})["id"].(string)
	ok(e.call(http.MethodPost, "/v1/feedback-requests/"+cancelled+"/cancel", key, nil), http.StatusOK)
	expiring := e.create("/v1/rejections/"+rej+"/feedback-requests", key, map[string]any{"recipient": map[string]any{"name": "Ana Ruiz"}})["id"].(string)
	fb := e.create("/v1/rejections/"+rej+"/feedback", key, map[string]any{"source": "coach", "summary": "Practise system design."})["id"].(string)
	get("/v1/rejections/" + rej + "/feedback")
	get("/v1/feedback/" + fb)
	ok(e.call(http.MethodDelete, "/v1/feedback/"+fb, key, nil), http.StatusNoContent)

	get("/v1/reflection-prompts")
	rfl := e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3}})["id"].(string)
	get("/v1/rejections/" + rej + "/reflections")
	get("/v1/reflections/" + rfl)
	ok(e.call(http.MethodPatch, "/v1/reflections/"+rfl, key, map[string]any{"answers": map[string]any{"mood": 4}}), http.StatusOK)

	plan := get("/v1/rejections/" + rej + "/recovery-plan")
	planID := plan["id"].(string)
	step := plan["steps"].([]any)[0].(map[string]any)["id"].(string)
	get("/v1/recovery-plans?candidate_id=" + cand + "&status=active")
	get("/v1/recovery-plans/" + planID)
	ok(e.call(http.MethodPatch, "/v1/recovery-plans/"+planID+"/steps/"+step, key, map[string]any{"status": "done", "note": "Sent."}), http.StatusOK)
	get("/v1/recovery-plans/" + planID + "/revisions")
	get("/v1/candidates/" + cand + "/insights")
	get("/v1/candidates/" + cand + "/agenda")

	events := get("/v1/events?type=rejection.created&candidate_id=" + cand + "&created_after=2000-01-01T00:00:00Z")["data"].([]any)
	evt := events[0].(map[string]any)["id"].(string)
	get("/v1/events/" + evt)
	ok(e.call(http.MethodPost, "/v1/events/"+evt+"/redeliver", key, map[string]any{"endpoint_id": we}), http.StatusAccepted)
	ok(e.call(http.MethodGet, "/v1/candidates/"+cand+"/export", key, nil), http.StatusOK)

	get("/v1/api-keys")
	extra := e.create("/v1/api-keys", key, map[string]any{"name": "ci", "scopes": []string{"read"}})["id"].(string)
	ok(e.call(http.MethodDelete, "/v1/api-keys/"+extra, key, nil), http.StatusOK)

	// The workers: deliveries, due steps, metrics, the janitor.
	d := &dispatch.Dispatcher{Store: e.st, App: a, Owner: "scope-test", Policy: webhook.URLPolicy{AllowHTTP: true, AllowPrivate: true},
		Client: webhook.NewClient(webhook.ClientOptions{AllowPrivate: true})}
	for i := 0; ; i++ {
		due, err := e.st.EndpointsWithDueDeliveries(ctx, time.Now().Add(time.Hour), 10)
		if err != nil || len(due) == 0 {
			break
		}
		if i == 20 {
			t.Fatalf("deliveries still due after 20 dispatcher ticks: %v", due)
		}
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	get("/v1/webhook-endpoints/" + we + "/deliveries")
	setup(`UPDATE recovery_plan_steps SET due_on = '2020-01-02' WHERE tenant_id = ? AND nudge`, tenant)
	if n, err := a.EmitDueSteps(ctx, 100); err != nil || n == 0 {
		t.Fatalf("announced %d due steps: %v", n, err)
	}
	if _, err := a.StepDueLag(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.WebhookBacklogAge(ctx); err != nil {
		t.Fatal(err)
	}
	setup(`UPDATE feedback_requests SET expires_at = now() - interval '1 hour' WHERE tenant_id = ? AND id = ?`, tenant, expiring)
	if n, err := a.SweepExpiredFeedbackRequests(ctx, 10); err != nil || n != 1 {
		t.Fatalf("expired %d feedback requests: %v", n, err)
	}
	setup(`UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE tenant_id = ?`, tenant)
	ok(e.call(http.MethodPost, "/v1/rejections", key, rejBody, "Idempotency-Key", "scope-1"), http.StatusCreated) // expired: no replay, it runs again
	ok(e.call(http.MethodPost, "/v1/rejections", key, map[string]any{"candidate_id": cand, "company": "Contoso", "role_title": "Engineer", "stage": "interview"}, "Idempotency-Key", "scope-2"), http.StatusCreated)
	setup(`UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE tenant_id = ?`, tenant)
	if n, err := a.PurgeExpired(ctx, time.Hour); err != nil || n == 0 {
		t.Fatalf("purged %d: %v", n, err)
	}

	// Retention: the tenant keeps personal data one day after a rejection closes.
	closed := e.rejection(key, cand, map[string]any{"company": "Fabrikam"})["id"].(string)
	ok(e.call(http.MethodPatch, "/v1/rejections/"+closed, key, map[string]any{"status": "closed"}), http.StatusOK)
	setup(`UPDATE rejections SET closed_at = now() - interval '3 days' WHERE tenant_id = ? AND id = ?`, tenant, closed)
	one := 1
	if err := e.st.InTx(ctx, func(tx *store.Tx) error {
		ten, err := tx.Tenant(ctx, tenant)
		if err != nil {
			return err
		}
		ten.RetentionDays = &one
		return tx.UpdateTenantSettings(ctx, ten)
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.PurgeRetained(ctx); err != nil || n != 1 {
		t.Fatalf("retention purged %d rejections: %v", n, err)
	}

	// The operator's commands.
	if _, created, err := a.CreateTenant(ctx, "cli"); err != nil {
		t.Fatal(err)
	} else if _, err := a.RevokeAPIKeyAnyTenant(ctx, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CountTenants(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ServerSecret(ctx, "scope-test"); err != nil {
		t.Fatal(err)
	}

	// What only the importer and the tests call: batch lookups and batch inserts.
	storeOnlyCalls(t, e.st, tenant, cand, rej, planID)

	ok(e.call(http.MethodDelete, "/v1/webhook-endpoints/"+we, key, nil), http.StatusNoContent)
	ok(e.call(http.MethodDelete, "/v1/rejections/"+rej, key, nil), http.StatusNoContent)
	ok(e.call(http.MethodDelete, "/v1/candidates/"+cand, key, nil), http.StatusNoContent)
}

var errRollback = errors.New("roll the batch back")

// storeOnlyCalls exercises the store methods no use case calls yet, as their callers would:
// the batch lookups, and a batch of rejections with their plans in one transaction (rolled
// back).
func storeOnlyCalls(t *testing.T, st *store.Store, tenant, cand, rej, planID string) {
	t.Helper()
	ctx := context.Background()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := st.CandidateEvents(ctx, tenant, cand, 10)
	check(err)
	_, err = st.CandidatesByExternalID(ctx, tenant, []string{"scope-user-2"})
	check(err)
	_, err = st.CandidatesByID(ctx, tenant, []string{cand})
	check(err)
	_, err = st.PlansByID(ctx, tenant, []string{planID})
	check(err)
	_, err = st.RejectionsByExternalRef(ctx, tenant, []string{"app_1"})
	check(err)
	err = st.InTx(ctx, func(tx *store.Tx) error {
		r, err := tx.Rejection(ctx, tenant, rej)
		if err != nil {
			return err
		}
		plan, err := tx.Plan(ctx, tenant, planID)
		if err != nil {
			return err
		}
		steps, err := tx.PlanSteps(ctx, tenant, planID)
		if err != nil {
			return err
		}
		r.ID, r.ExternalRef = model.NewID(model.PrefixRejection), nil
		plan.ID, plan.RejectionID = model.NewID(model.PrefixPlan), r.ID
		copies := steps[planID]
		for i := range copies {
			copies[i].ID, copies[i].PlanID = model.NewID(model.PrefixPlanStep), plan.ID
		}
		if err := tx.CreateRejections(ctx, []model.Rejection{r}); err != nil {
			return err
		}
		if err := tx.CreatePlans(ctx, []model.RecoveryPlan{plan}, copies); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
}
