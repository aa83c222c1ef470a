package app

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// Draft is a message drafted for the candidate, with the language it is written in and whether
// it suits the situation.
type Draft struct {
	messages.Draft
	Kind messages.Kind
	// Fits is false when another kind suits the situation better (a feedback request after
	// feedback arrived, a thank-you for a decision never sent); Why says so, in the draft's
	// language, and names the kind to send instead. The draft is still true to the situation.
	Fits bool
	Why  string
}

// ComposeDraft drafts a message of the given kind for a rejection, to one of its contacts
// (contactID) or, when it has exactly one, to that one. An unknown contact is a validation
// error on the contact_id parameter.
func (a *App) ComposeDraft(ctx context.Context, tenantID, rejectionID string, kind messages.Kind, contactID string) (Draft, error) {
	rej, err := a.store.Rejection(ctx, tenantID, rejectionID)
	if err != nil {
		return Draft{}, err
	}
	cand, err := a.store.Candidate(ctx, tenantID, rej.CandidateID)
	if err != nil {
		return Draft{}, err
	}
	var contact *model.Contact
	switch {
	case contactID != "":
		ct, ok := rej.Contact(contactID)
		if !ok {
			return Draft{}, &model.ValidationError{Errors: []model.FieldError{{Pointer: "contact_id", Detail: "is not a contact of this rejection"}}}
		}
		contact = &ct
	case len(rej.Contacts) == 1:
		contact = &rej.Contacts[0]
	}
	feedback, err := a.feedbackState(ctx, a.store, tenantID, rej.ID)
	if err != nil {
		return Draft{}, err
	}
	in := a.draftInput(rej, cand, contact, "", feedback)
	d, err := messages.Compose(kind, in)
	if err != nil {
		return Draft{}, err
	}
	ok, why := messages.Fits(kind, in)
	return Draft{Draft: d, Kind: kind, Fits: ok, Why: why}, nil
}

// draftInput is what the drafts read about a rejection: its facts, the person written to, the
// candidate's (or the given) language, what became of feedback, and how long the candidate has
// waited when the employer never answered.
func (a *App) draftInput(rej model.Rejection, cand model.Candidate, contact *model.Contact, lang, feedback string) messages.DraftInput {
	if lang == "" {
		lang = cand.Locale
	}
	in := messages.DraftInput{Locale: lang, CandidateName: cand.DisplayName, Company: rej.Company, RoleTitle: rej.RoleTitle,
		Stage: rej.Stage, Channel: rej.Channel, ReasonCategory: rej.ReasonCategory, Feedback: feedback}
	if contact != nil {
		in.ContactName, in.ContactRole = contact.Name, contact.Role
	}
	if rej.Channel == "no_response" {
		since := rej.ReceivedAt
		if rej.AppliedAt != nil {
			since = *rej.AppliedAt
		}
		in.WeeksWaiting = int(a.now().Sub(since) / (7 * 24 * time.Hour))
	}
	return in
}

// reader is what feedbackState reads through: the pool or a transaction.
type reader interface {
	AllFeedbackRequests(ctx context.Context, tenantID, rejectionID string) ([]model.FeedbackRequest, error)
	FeedbackList(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.Feedback, bool, error)
}

var _ reader = (*store.Store)(nil)

// feedbackState says what became of feedback on a rejection, as the drafts see it.
func (a *App) feedbackState(ctx context.Context, r reader, tenantID, rejectionID string) (string, error) {
	got, _, err := r.FeedbackList(ctx, tenantID, rejectionID, model.Page{Limit: 1})
	if err != nil || len(got) > 0 {
		return messages.FeedbackReceived, err
	}
	requests, err := r.AllFeedbackRequests(ctx, tenantID, rejectionID)
	if err != nil {
		return "", err
	}
	for _, fr := range requests {
		if fr.Status == model.RequestDeclined {
			return messages.FeedbackDeclined, nil
		}
	}
	return messages.FeedbackNone, nil
}
