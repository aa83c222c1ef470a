package model

import (
	"errors"
	"testing"
	"time"
)

func TestFeedbackRequestTransitions(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	later := now.AddDate(0, 0, 30)
	cases := []struct {
		from, to string
		expired  bool
		ok       bool
	}{
		{RequestDraft, RequestSent, false, true},
		{RequestDraft, RequestResponded, false, true},
		{RequestDraft, RequestCancelled, false, true},
		{RequestSent, RequestDeclined, false, true},
		{RequestSent, RequestSent, false, false},
		{RequestResponded, RequestCancelled, false, false},
		{RequestDeclined, RequestResponded, false, false},
		{RequestCancelled, RequestSent, false, false},
		{RequestSent, RequestExpired, false, false},
		{RequestSent, RequestExpired, true, true},
		{RequestSent, RequestResponded, true, false},
		{RequestExpired, RequestSent, false, false},
	}
	for _, tc := range cases {
		r := FeedbackRequest{Status: tc.from, ExpiresAt: later}
		if tc.expired {
			r.ExpiresAt = now.Add(-time.Second)
		}
		err := r.Transition(tc.to, now)
		if (err == nil) != tc.ok {
			t.Errorf("%s → %s (expired %v): %v", tc.from, tc.to, tc.expired, err)
		}
		if err != nil && !errors.Is(err, ErrConflict) {
			t.Errorf("a refused transition is not a conflict: %v", err)
		}
		if err == nil && r.Status != tc.to {
			t.Errorf("status %s after %s → %s", r.Status, tc.from, tc.to)
		}
	}
}
