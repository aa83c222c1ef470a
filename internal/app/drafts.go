package app

import (
	"context"

	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
)

// Draft is a message drafted for the candidate, with the language it is written in.
type Draft struct {
	messages.Draft
	Kind   messages.Kind
	Locale string
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
	in := messages.DraftInput{Locale: cand.Locale, CandidateName: cand.DisplayName, Company: rej.Company, RoleTitle: rej.RoleTitle, Stage: rej.Stage}
	switch {
	case contactID != "":
		ct, ok := rej.Contact(contactID)
		if !ok {
			return Draft{}, &model.ValidationError{Errors: []model.FieldError{{Pointer: "contact_id", Detail: "is not a contact of this rejection"}}}
		}
		in.ContactName, in.ContactRole = ct.Name, ct.Role
	case len(rej.Contacts) == 1:
		in.ContactName, in.ContactRole = rej.Contacts[0].Name, rej.Contacts[0].Role
	}
	d, err := composeDraft(kind, in)
	return Draft{Draft: d, Kind: kind, Locale: "en"}, err
}
