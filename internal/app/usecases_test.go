package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
)

// TestRecordRejectionBuildsItsPlan: recording a rejection stores it with its plan and events in
// one transaction; refused input stores nothing.
func TestRecordRejectionBuildsItsPlan(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		rej := f.rejection(cand.ID, nil)
		plan, steps := f.plan(rej.ID)
		if plan.Status != recovery.PlanActive || len(steps) == 0 || plan.Revision != 1 {
			t.Fatalf("plan %+v with %d steps", plan, len(steps))
		}
		var types []string
		for _, ev := range f.events("") {
			types = append(types, ev.Type)
		}
		if got := strings.Join(types, ","); got != "candidate.created,rejection.created,recovery_plan.created" {
			t.Fatalf("events %s", got)
		}
		for name, change := range map[string]func(*model.Rejection){
			"unknown candidate": func(r *model.Rejection) { r.CandidateID = "cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" },
			"blank company":     func(r *model.Rejection) { r.Company = "   " },
			"future":            func(r *model.Rejection) { r.ReceivedAt = f.clock.Now().Add(72 * time.Hour) },
			"year 9999":         func(r *model.Rejection) { r.ReceivedAt = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) },
			"bad stage":         func(r *model.Rejection) { r.Stage = "lunch" },
		} {
			r := model.Rejection{CandidateID: cand.ID, Company: "A", RoleTitle: "B", Stage: "interview"}
			change(&r)
			var ve *model.ValidationError
			if _, err := f.app.CreateRejection(f.ctx, f.tenant, r); !errors.As(err, &ve) {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if rs, _, _ := f.app.Rejections(f.ctx, f.tenant, model.RejectionFilter{}, model.Page{Limit: 10}); len(rs) != 1 {
			t.Fatalf("refused rejections were stored: %d", len(rs))
		}
	})
}

// TestFeedbackLoop: the employer answers through the link with a comment alone; the feedback is
// stored like API feedback, the request is closed, the plan thanks them and no longer asks, and
// the link cannot be used again.
func TestFeedbackLoop(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		rej := f.rejection(cand.ID, nil)
		contact := rej.Contacts[0].ID
		created, err := f.app.RequestFeedback(f.ctx, f.tenant, rej.ID, NewFeedbackRequest{ContactID: &contact})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(created.Request.MessageBody, ResponseLinkPlaceholder) || strings.Contains(created.Request.MessageBody, created.Token) {
			t.Fatal("the stored message holds the token")
		}
		open, err := f.app.OpenFeedbackRequest(f.ctx, created.Token)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.RespondToFeedbackRequest(f.ctx, open, PublicAnswer{Summary: "Great chat; we hired someone with more on-call experience."}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.OpenFeedbackRequest(f.ctx, created.Token); !errors.Is(err, ErrTokenUsed) {
			t.Fatalf("a used link opened: %v", err)
		}
		if _, err := f.app.RespondToFeedbackRequest(f.ctx, open, PublicAnswer{Summary: "again"}); !errors.Is(err, ErrTokenUsed) {
			t.Fatalf("a second answer: %v", err)
		}
		fb, _, _ := f.app.FeedbackList(f.ctx, f.tenant, rej.ID, model.Page{Limit: 10})
		if len(fb) != 1 || fb[0].Source != "employer" || fb[0].AuthorName != "Priya Raman" {
			t.Fatalf("feedback %+v", fb)
		}
		_, steps := f.plan(rej.ID)
		keys := map[string]bool{}
		for _, st := range steps {
			keys[st.Kind] = true
		}
		if keys[recovery.KindRequestFeedback] || !keys[recovery.KindThankFeedback] {
			t.Fatalf("plan after the answer: %v", keys)
		}
		if _, err := f.app.OpenFeedbackRequest(f.ctx, "frt_"+strings.Repeat("x", 43)); !errors.Is(err, ErrTokenUnknown) {
			t.Fatal(err)
		}
	})
}

// TestExpiredLinksAreSwept: a link past its expiry is recorded as expired once, with its event,
// by the sweep — found by the clock, not by rewriting timestamps.
func TestExpiredLinksAreSwept(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		rej := f.rejection(cand.ID, nil)
		one := 1
		created, err := f.app.RequestFeedback(f.ctx, f.tenant, rej.ID, NewFeedbackRequest{Recipient: &Recipient{Name: "Sam"}, ExpiresInDays: &one})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := f.app.SweepExpiredFeedbackRequests(f.ctx, 10); n != 0 {
			t.Fatalf("swept %d before expiry", n)
		}
		f.clock.Advance(25 * time.Hour)
		if _, err := f.app.OpenFeedbackRequest(f.ctx, created.Token); !errors.Is(err, ErrTokenExpired) {
			t.Fatalf("an expired link opened: %v", err)
		}
		if n, err := f.app.SweepExpiredFeedbackRequests(f.ctx, 10); n != 1 || err != nil {
			t.Fatalf("swept %d (%v)", n, err)
		}
		if n, _ := f.app.SweepExpiredFeedbackRequests(f.ctx, 10); n != 0 {
			t.Fatalf("swept %d a second time", n)
		}
		if len(f.events(model.EventFeedbackRequestExpired)) != 1 {
			t.Fatal("no feedback_request.expired event")
		}
	})
}

// TestDueStepsFollowTheClock: each step is announced once, on its date in the candidate's own
// zone, as the clock moves — never before, never twice.
func TestDueStepsFollowTheClock(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ahead, err := f.app.CreateCandidate(f.ctx, f.tenant, model.Candidate{ExternalID: "kiritimati", Timezone: "Pacific/Kiritimati"})
		if err != nil {
			t.Fatal(err)
		}
		rej := f.rejection(ahead.ID, func(r *model.Rejection) { r.ReceivedAt = f.clock.Now() })
		_, steps := f.plan(rej.ID)
		announced := map[string]int{}
		for day := 0; day < 120; day++ {
			if _, err := f.app.EmitDueSteps(f.ctx, 500); err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(24 * time.Hour)
		}
		for _, ev := range f.events(model.EventRecoveryPlanStepDue) {
			for _, st := range steps {
				if strings.Contains(string(ev.Payload), st.ID) {
					announced[st.Key]++
				}
			}
		}
		for _, st := range steps {
			want := 0
			if st.Nudge {
				want = 1
			}
			if announced[st.Key] != want {
				t.Fatalf("step %s (nudge %v, due %s) announced %d times", st.Key, st.Nudge, st.DueOn, announced[st.Key])
			}
		}
	})
}

// TestCandidateWideAdviceIsGivenOnce: across a candidate's open plans the same candidate-wide
// advice (the next application, a recruiter, CV work, …) is held by one plan only, also after
// new rejections reveal a pattern.
func TestCandidateWideAdviceIsGivenOnce(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		var rejections []model.Rejection
		for i, stage := range []string{"application", "screening", "application", "interview"} {
			f.clock.Advance(24 * time.Hour)
			rejections = append(rejections, f.rejection(cand.ID, func(r *model.Rejection) {
				r.Stage, r.RoleTitle, r.ReceivedAt = stage, "Data Analyst", f.clock.Now().Add(-time.Duration(i)*time.Minute)
			}))
		}
		holders := map[string][]string{}
		for _, r := range rejections {
			p, steps := f.plan(r.ID)
			for _, st := range steps {
				if recovery.IsCandidateWide(st.Key) {
					holders[st.Key] = append(holders[st.Key], p.ID)
				}
			}
		}
		if len(holders) == 0 {
			t.Fatal("no candidate-wide advice at all")
		}
		for key, plans := range holders {
			if len(plans) != 1 {
				t.Fatalf("%s is in %d plans", key, len(plans))
			}
		}
		if _, ok := holders[recovery.KindEngageRecruiter]; !ok {
			t.Fatalf("four rejections in a week and no recruiter advice: %v", holders)
		}
	})
}

// TestErasureLeavesNothing: erasing a candidate removes them, everything under them and every
// event that carried their data.
func TestErasureLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		f.rejection(cand.ID, nil)
		if err := f.app.DeleteCandidate(f.ctx, f.tenant, cand.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Candidate(f.ctx, f.tenant, cand.ID); !errors.Is(err, model.ErrNotFound) {
			t.Fatal(err)
		}
		for _, ev := range f.events("") {
			if strings.Contains(string(ev.Payload), "Priya") || strings.Contains(string(ev.Payload), "Dana") {
				t.Fatalf("event %s %s survived the erasure", ev.ID, ev.Type)
			}
		}
		if err := f.app.ExportCandidate(f.ctx, f.tenant, cand.ID, ExportVisitor{}); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("export of an erased candidate: %v", err)
		}
	})
}

// TestCompanyFilterFoldsUnicode: the company filter matches regardless of case beyond ASCII on
// both databases (SQLite's lower() folds ASCII only, so the store compares a folded column).
func TestCompanyFilterFoldsUnicode(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		cand := f.candidate("u-1")
		f.rejection(cand.ID, func(r *model.Rejection) { r.Company = "ÉCOLE Zürich Übersee" })
		f.rejection(cand.ID, func(r *model.Rejection) { r.Company = "Other" })
		for _, q := range []string{"école zürich übersee", "École ZÜRICH Übersee", " ÉCOLE Zürich Übersee "} {
			rs, _, err := f.app.Rejections(f.ctx, f.tenant, model.RejectionFilter{Company: q}, model.Page{Limit: 10})
			if err != nil || len(rs) != 1 {
				t.Fatalf("company %q matched %d (%v)", q, len(rs), err)
			}
		}
	})
}
