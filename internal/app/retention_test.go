package app

import (
	"strings"
	"testing"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// TestRetentionPurgesClosedRejections: with a retention of 30 days, a rejection closed 31 days
// ago loses its personal data — contacts, notes, reason text, feedback requests, feedback,
// reflections, the thank-you steps and every event that carried them — while a rejection closed
// 10 days ago, an open one and a tenant without retention keep theirs.
func TestRetentionPurgesClosedRejections(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		days := 30
		if err := f.setRetention(&days); err != nil {
			t.Fatal(err)
		}
		cand := f.candidate("u-1")
		closing := func(r *model.Rejection) {
			r.Status, r.Notes, r.ReasonText = "closed", "Recruiter Imogen said the panel split", "We hired internally"
		}
		old := f.rejection(cand.ID, closing)
		if _, err := f.app.RecordFeedback(f.ctx, f.tenant, old.ID, model.Feedback{Source: "coach", Summary: "Practise the Zanzibar question"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.RequestFeedback(f.ctx, f.tenant, old.ID, NewFeedbackRequest{Recipient: &Recipient{Name: "Imogen Vasquez"}}); err != nil {
			t.Fatal(err)
		}
		open := f.rejection(cand.ID, nil)
		f.clock.Advance(21 * 24 * time.Hour)
		recent := f.rejection(cand.ID, closing)
		if n, err := f.app.PurgeRetained(f.ctx); err != nil || n != 0 {
			t.Fatalf("purged %d (%v) before anything was 30 days closed", n, err)
		}
		f.clock.Advance(10 * 24 * time.Hour) // old: closed 31 days; recent: 10 days
		if n, err := f.app.PurgeRetained(f.ctx); err != nil || n != 1 {
			t.Fatalf("purged %d (%v), want the one rejection closed 31 days ago", n, err)
		}
		got, _ := f.app.Rejection(f.ctx, f.tenant, old.ID)
		if len(got.Contacts) != 0 || got.Notes != "" || got.ReasonText != "" || got.PurgedAt == nil || got.Company != "Northwind Analytics" {
			t.Fatalf("purged rejection %+v", got)
		}
		if fb, _, _ := f.app.FeedbackList(f.ctx, f.tenant, old.ID, model.Page{Limit: 10}); len(fb) != 0 {
			t.Fatal("feedback survived the purge")
		}
		if reqs, _, _ := f.app.FeedbackRequests(f.ctx, f.tenant, old.ID, model.Page{Limit: 10}); len(reqs) != 0 {
			t.Fatal("feedback requests survived the purge")
		}
		_, steps := f.plan(old.ID)
		for _, st := range steps {
			if strings.HasPrefix(st.Key, "thank_contacts:") || strings.Contains(st.Title+st.Guidance, "Priya") || len(st.Reasons) > 0 {
				t.Fatalf("a plan step still names the people met: %+v", st)
			}
		}
		for _, ev := range f.events("") {
			for _, secret := range []string{"Priya", "Imogen", "Zanzibar", "internally"} {
				if strings.Contains(string(ev.Payload), secret) && ev.RejectionID != nil && *ev.RejectionID == old.ID {
					t.Fatalf("event %s %s still holds %q", ev.ID, ev.Type, secret)
				}
			}
		}
		for _, keep := range []model.Rejection{open, recent} {
			r, _ := f.app.Rejection(f.ctx, f.tenant, keep.ID)
			if len(r.Contacts) != 1 || r.PurgedAt != nil {
				t.Fatalf("rejection %s (%s) lost its data", r.ID, r.Status)
			}
		}
		// A second pass purges nothing more; retention off purges nothing at all.
		if n, _ := f.app.PurgeRetained(f.ctx); n != 0 {
			t.Fatalf("a second pass purged %d", n)
		}
		if err := f.setRetention(nil); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(365 * 24 * time.Hour)
		if n, _ := f.app.PurgeRetained(f.ctx); n != 0 {
			t.Fatalf("with retention off, %d were purged", n)
		}
	})
}
