package app

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/testdb"
)

// waitForLockWaiters polls until n sessions of the test database wait on a lock: the readiness
// signal that the other side of a race has reached its blocking statement.
func waitForLockWaiters(t *testing.T, st *store.Store, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var waiting int
		if err := st.GormDB().Raw(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&waiting).Error; err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions waiting on a lock, want %d", waiting, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestIdempotencyKeyRunsOnce: a second request with the same key while the first is still
// running — even hours later by the clock, when the old one-minute lease would have let it take
// the key over — waits for the first to commit and replays its response. One candidate exists.
func TestIdempotencyKeyRunsOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testdb.Postgres)
	req := IdempotentRequest{TenantID: f.tenant, Key: "k-1", RequestHash: "h"}
	inside, release := make(chan struct{}), make(chan struct{})
	type result struct {
		resp     Response
		replayed bool
		err      error
	}
	run := func(pause bool, out chan<- result) {
		resp, replayed, err := f.app.Idempotent(f.ctx, req, func(ctx context.Context) (Response, Response, error) {
			c, err := f.app.CreateCandidate(ctx, f.tenant, model.Candidate{ExternalID: "once"})
			if err != nil {
				return Response{}, Response{}, err
			}
			if pause {
				close(inside)
				<-release
			}
			r := Response{Status: 201, Body: []byte(`{"id":"` + c.ID + `"}`)}
			return r, r, nil
		})
		out <- result{resp, replayed, err}
	}
	first, second := make(chan result, 1), make(chan result, 1)
	go run(true, first)
	<-inside
	f.clock.Advance(3 * time.Hour) // far past any lease a claim could have had
	go run(false, second)
	waitForLockWaiters(t, f.store, 1) // the second waits on the first's claim
	close(release)
	a, b := <-first, <-second
	if a.err != nil || b.err != nil {
		t.Fatalf("errors: %v, %v", a.err, b.err)
	}
	if a.replayed || !b.replayed || string(a.resp.Body) != string(b.resp.Body) {
		t.Fatalf("first %+v, second %+v", a, b)
	}
	if cands, _, _ := f.app.Candidates(f.ctx, f.tenant, model.CandidateFilter{}, model.Page{Limit: 10}); len(cands) != 1 {
		t.Fatalf("%d candidates, want exactly one", len(cands))
	}
	// A key whose request failed is free again.
	failing := IdempotentRequest{TenantID: f.tenant, Key: "k-2", RequestHash: "h"}
	boom := errors.New("boom")
	if _, _, err := f.app.Idempotent(f.ctx, failing, func(ctx context.Context) (Response, Response, error) { return Response{}, Response{}, boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, replayed, err := f.app.Idempotent(f.ctx, failing, func(ctx context.Context) (Response, Response, error) {
		r := Response{Status: 200, Body: []byte(`{}`)}
		return r, r, nil
	}); err != nil || replayed {
		t.Fatalf("retry after a failure: replayed %v, %v", replayed, err)
	}
	if _, _, err := f.app.Idempotent(f.ctx, IdempotentRequest{TenantID: f.tenant, Key: "k-2", RequestHash: "other"}, nil); !errors.Is(err, ErrIdempotencyMismatch) {
		t.Fatalf("another request with a used key: %v", err)
	}
}

// raceRegeneration pauses a regeneration of rejection id once its plan and steps are locked,
// runs other while it is paused (other must block on those locks), then lets both finish.
func raceRegeneration(t *testing.T, f *fixture, id string, regenerate func() error, other func() error) (error, error) {
	t.Helper()
	locked, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	f.app.hooks.planLocked = func(rejectionID string) {
		if rejectionID == id {
			once.Do(func() { close(locked); <-release })
		}
	}
	defer func() { f.app.hooks.planLocked = nil }()
	first := make(chan error, 1)
	go func() { first <- regenerate() }()
	<-locked
	second := make(chan error, 1)
	go func() { second <- other() }()
	waitForLockWaiters(t, f.store, 1)
	f.app.hooks.planLocked = nil
	close(release)
	return <-first, <-second
}

// TestStepDueClaimSurvivesRegeneration: the scheduler claims a due step while the plan is being
// regenerated from rows read before the claim. The regeneration writes only what it changed, so
// the claim is not undone and the step is announced exactly once.
func TestStepDueClaimSurvivesRegeneration(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testdb.Postgres)
	cand := f.candidate("u-1")
	rej := f.rejection(cand.ID, func(r *model.Rejection) { r.ReceivedAt = f.clock.Now() })
	f.clock.Advance(36 * time.Hour) // the first steps are due
	errRegen, errEmit := raceRegeneration(t, f, rej.ID,
		func() error {
			_, err := f.app.RecordFeedback(f.ctx, f.tenant, rej.ID, model.Feedback{Source: "coach", Summary: "Tell more stories with numbers"})
			return err
		},
		func() error { _, err := f.app.EmitDueSteps(f.ctx, 100); return err })
	if errRegen != nil || errEmit != nil {
		t.Fatalf("regeneration %v, scheduler %v", errRegen, errEmit)
	}
	announced := len(f.events(model.EventRecoveryPlanStepDue))
	if announced == 0 {
		t.Fatal("no due step was announced")
	}
	// Nothing was un-claimed: another scheduler pass announces nothing again.
	if n, err := f.app.EmitDueSteps(f.ctx, 100); err != nil || n != 0 {
		t.Fatalf("a second pass announced %d steps (%v): the regeneration undid the claims", n, err)
	}
	_, steps := f.plan(rej.ID)
	for _, st := range steps {
		if st.DueOn <= f.clock.Now().Format(model.DateLayout) && st.Nudge && st.DueEmittedAt == nil && (st.Status == "pending" || st.Status == "in_progress") {
			t.Fatalf("step %s is due and unannounced after the race", st.Key)
		}
	}
}

// TestPlanReflectsTheLatestRejection: a PATCH of the rejection that races a feedback-driven
// regeneration waits for it (the rejection's lock comes first), then regenerates again, so the
// stored plan always matches the rejection as it finally is.
func TestPlanReflectsTheLatestRejection(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testdb.Postgres)
	cand := f.candidate("u-1")
	rej := f.rejection(cand.ID, func(r *model.Rejection) { r.Stage = "application"; r.ReceivedAt = f.clock.Now() })
	errFeedback, errPatch := raceRegeneration(t, f, rej.ID,
		func() error {
			_, err := f.app.RecordFeedback(f.ctx, f.tenant, rej.ID, model.Feedback{Source: "coach", Summary: "Keep going"})
			return err
		},
		func() error {
			_, err := f.app.UpdateRejection(f.ctx, f.tenant, rej.ID, func(r *model.Rejection) error { r.Stage = "final_round"; return nil })
			return err
		})
	if errFeedback != nil || errPatch != nil {
		t.Fatalf("feedback %v, patch %v", errFeedback, errPatch)
	}
	plan, _ := f.plan(rej.ID)
	revisionBefore := plan.Revision
	// Regenerating from the current facts changes nothing: the plan is not stale.
	err := f.app.inTx(f.ctx, func(ctx context.Context, tx *store.Tx) error {
		r, err := tx.RejectionForUpdate(ctx, f.tenant, rej.ID)
		if err != nil {
			return err
		}
		if r.Stage != "final_round" {
			t.Fatalf("the PATCH was lost: stage %s", r.Stage)
		}
		return f.app.syncPlan(ctx, tx, r, triggerSiblings, false)
	})
	if err != nil {
		t.Fatal(err)
	}
	if plan, _ = f.plan(rej.ID); plan.Revision != revisionBefore {
		t.Fatal("the stored plan did not reflect the final rejection")
	}
}

// TestEndpointLeasesAreFenced: a dispatcher turn whose lease ran out cannot renew it or release
// the lease a later turn took; only the current holder can.
func TestEndpointLeasesAreFenced(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testdb.Postgres)
	ep, err := f.app.CreateWebhookEndpoint(f.ctx, f.tenant, "https://hooks.example.com/x", []string{"*"}, "")
	if err != nil {
		t.Fatal(err)
	}
	now := f.clock.Now()
	claim := func(token string, at time.Time) bool {
		ok, err := f.store.ClaimEndpoint(f.ctx, f.tenant, ep.Endpoint.ID, token, at, at.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim("process/old-turn", now) || claim("process/new-turn", now.Add(30*time.Second)) {
		t.Fatal("a live lease was taken")
	}
	later := now.Add(2 * time.Minute) // the old turn's lease ran out
	if !claim("process/new-turn", later) {
		t.Fatal("an expired lease was not taken over")
	}
	if err := f.store.ReleaseEndpoint(f.ctx, f.tenant, ep.Endpoint.ID, "process/old-turn"); err != nil {
		t.Fatal(err)
	}
	if claim("process/old-turn", later.Add(time.Second)) {
		t.Fatal("the old turn renewed a lease it lost (same process, other turn)")
	}
	if !claim("process/new-turn", later.Add(2*time.Second)) {
		t.Fatal("the old turn's release dropped the new holder's lease")
	}
}
